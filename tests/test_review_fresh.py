"""The second independent read of December 2026 (issue 20): each corrected finding, on rendered pages."""

from __future__ import annotations

import pytest
from conftest import SLUGS, visible_text
from test_review_age_sector import page

from meldcode.safety import VT_FIRST


@pytest.mark.parametrize("slug", SLUGS)
def test_step_5_asks_for_the_parent_conversation_only_under_the_safety_rule(slug):
    # Finding 1 (hoog): step 5 says "Bespreek een voorgenomen melding vooraf met de ouders"; the
    # "Veilig Thuis eerst" box stood on steps 1-3 only.
    for step in (4, 5):
        text = page(slug, f"stap-{step}")
        assert " ".join(VT_FIRST.split()) in text
        assert text.index("Bel dan eerst Veilig Thuis") < text.index("Wat doe je?")


@pytest.mark.parametrize("slug", SLUGS)
def test_the_parents_page_shows_no_markup(example_site, slug):
    # A "}{: .lead" fragment showed on every school's "Voor ouders" page.
    text = visible_text((example_site / slug / "voor-ouders.html").read_text(encoding="utf-8"))
    assert "{:" not in text and "}" not in text


@pytest.mark.parametrize("slug", SLUGS)
def test_every_ik_ben_page_puts_veilig_thuis_first(example_site, slug):
    # Finding 2: the warning stood on "Ik ben leerkracht" only, not for who talks with the parents.
    pages = sorted((example_site / slug).glob("ik-ben-*.html"))
    assert len(pages) > 3
    for path in pages:
        text = visible_text(path.read_text(encoding="utf-8"))
        assert "Bel dan eerst Veilig Thuis: vóór een gesprek met de ouders" in text, path.name


def test_the_task_line_for_existing_help_waits_for_veilig_thuis_where_it_comes_first():
    # Finding 13: the exception stood under "Wat doe je?", not in the task of who does it.
    assert "en bij acuut gevaar pas na 112 en Veilig Thuis, waar Veilig Thuis voorgaat pas na Veilig Thuis" in page(
        "het-kompas", "stap-3"
    )


def test_a_melding_is_discussed_with_the_pupil_first_where_the_pupils_are_16_or_older():
    # Finding 8: "bespreekt een voorgenomen melding met de ouders" against the school's own age rule.
    for slug in ("vechtdal-college", "de-brug"):
        text = page(slug, "stap-5")
        # de-brug has pupils of 4 to 20: the parents first, and from 16 the pupil first (review 3, F9)
        assert "bespreekt een voorgenomen melding met de ouders" not in text or (
            "met de ouders en, als dat passend is, met de leerling (vanaf 16 jaar eerst met de leerling zelf" in text
        )
        assert "Gesprek met de ouders over een melding" not in text
        assert "Gesprek met de leerling (en bij een minderjarige de ouders) over een melding" in text or (
            slug == "de-brug" and "Gesprek over een melding (met wie: per leeftijd, zie stap 5)" in text  # B7
        )


# --- the findings fixed in the second session of December 2026 ---------------------------------


def section(text: str, start: str, end: str) -> str:
    return text.split(start, 1)[1].split(end, 1)[0]


def read(slug: str, name: str) -> str:
    """A page's text without Markdown emphasis, as it reads."""
    return page(slug, name).replace("**", "")


def test_an_outside_professional_in_a_step_is_discussed_by_name_only_with_consent():
    # Findings 3 and 12: the GGD jeugdarts and Kwadraad's SMW stood under "Ook betrokken" in step 2,
    # which reads as leave to discuss the pupil by name before anyone consented.
    line = "Van buiten de school, dus met naam alleen met schriftelijke toestemming van de ouders:"
    assert f"{line} Karin Lammers (jeugdarts)" in read("de-wissel", "stap-2")
    assert "Van buiten de school, dus met naam alleen met toestemming van de ouders: Ingrid Smulders" in read(
        "de-regenboog", "stap-2"
    )
    for step in (2, 4):  # Lotte Hendriks works for Kwadraad (organisatie in the school file)
        assert f"{line} Lotte Hendriks (schoolmaatschappelijk werker)" in read("het-kompas", f"stap-{step}")
    # an SMW of the school itself is not marked
    assert "Van buiten de school, dus met naam alleen met schriftelijke toestemming van de ouders: Naima" not in read(
        "de-wissel", "stap-2"
    )


def test_one_person_brings_the_pupil_into_the_team():
    # Finding 4: the intern begeleiders and the zorgcoördinator (who leads step 2) both "brengen de leerling in".
    roles = read("het-kompas", "wie-doet-wat").split("Taken per rol", 1)[1]
    ib = section(roles, "### Intern begeleiders", "### ")
    assert "brengen de leerling in" not in ib and "onderhouden de contacten" not in ib, ib
    assert "leveren de eigen waarnemingen en die van de leerkracht aan voor het ondersteuningsteam" in ib, ib
    zc = section(roles, "### Aandachtsfunctionaris en zorgcoördinator", "### ")
    assert "onderhoudt de contacten met externe partners" in zc, zc
    # where the intern begeleider leads step 2, she still does
    assert "brengt de leerling in bij het ondersteuningsteam en zorgt voor de verslaglegging" in read(
        "de-regenboog", "ik-ben-intern-begeleider"
    )


def test_who_conducts_the_parent_conversation_with_others_reads_who_and_has_the_task_in_step_3():
    # Finding 5: "Jij voert ... (samen: de schoolmaatschappelijk werker (Lotte Hendriks), samen met de
    # zorgcoördinator (Pieter van Leeuwen))" on Pieter's own page, and no such task under step 3.
    zc = read("het-kompas", "ik-ben-zorgcoordinator")
    together = "samen met de schoolmaatschappelijk werker (Lotte Hendriks)."
    assert f"Jij voert in stap 3 het gesprek met de ouders, {together}" in zc
    assert "(samen:" not in zc
    stap3 = section(zc, "Stap 3: Gesprek met ouders en leerling", "Alles over stap 3")
    assert "voert het gesprek met de ouders en zorgt dat het wordt vastgelegd." in stap3, stap3


def test_a_vertrouwenspersoon_who_talks_with_the_pupil_has_that_task_and_knows_it_is_not_confidential():
    # Finding 14: "Jij voert in stap 3 het gesprek met de leerling" and, under step 3, "geen vaste taak".
    vp = read("de-regenboog", "ik-ben-vertrouwenspersoon")
    stap3 = section(vp, "Stap 3: Gesprek met ouders en leerling", "Alles over stap 3")
    assert "geen vaste taak" not in stap3 and "voert het gesprek met de leerling" in stap3, stap3
    assert "In dat gesprek ben je niet de vertrouwenspersoon van de klachtenregeling" in vp


def test_divided_roles_name_the_pupils_own_zorgcoordinator_on_every_page():
    # Findings 6 and 7: step 3 named the bovenbouw's zorgcoördinator for every pupil; the AF's page
    # gave Samira Benali the regie of steps 2 and 4 for every pupil.
    stap3 = read("vechtdal-college", "stap-3")
    assert "de zorgcoördinator van de leerling (onderbouw: Samira Benali, bovenbouw: Ruben de Wit)" in stap3
    af = read("vechtdal-college", "ik-ben-aandachtsfunctionaris")
    for step, nxt in ((2, 3), (4, 5)):
        part = section(af, f"Stap {step}:", f"Stap {nxt}:")
        assert "Bij een leerling uit jouw deel (onderbouw) heb je de regie." in part, part
        assert "Bij de andere leerlingen ligt de regie bij Ruben de Wit (zorgcoördinator bovenbouw)" in part, part


def test_pages_of_a_school_with_adult_pupils_say_what_holds_for_minors_only():
    # Finding 10: the Raad and ondertoezichtstelling, "Voor ouders" and the checklist were age-blind.
    assert "Is de leerling minderjarig, dan kan Veilig Thuis de Raad voor de Kinderbescherming" in read(
        "vechtdal-college", "na-de-melding"
    )
    kompas = read("het-kompas", "na-de-melding")
    assert "Veilig Thuis kan de Raad voor de Kinderbescherming direct inschakelen" in kompas
    ouders = read("vechtdal-college", "voor-ouders")
    assert "Is uw kind 18 jaar of ouder? Dan betrekt de school u alleen als uw kind dat goed vindt." in ouders
    assert "over de zorgen, en met uw kind." not in ouders


def test_the_first_step_keeps_concerns_from_the_parents_where_veilig_thuis_comes_first():
    # Finding 15: "Praat, zoals altijd, met de ouders ... en deel wat je opvalt" without the exception.
    for slug in ("het-kompas", "vechtdal-college"):
        text = page(slug, "stap-1")
        assert "of is een ouder mogelijk de pleger? Deel je zorgen dan niet met de ouders" in text, slug


def test_doubt_about_unsafety_leads_to_a_melding_not_to_advice():
    # Finding 16: "Vraag bij twijfel altijd advies" in step 4, "Ja, of twijfel: direct melden" in the kader.
    text = read("het-kompas", "stap-4")
    assert "Vraag bij twijfel altijd advies aan Veilig Thuis." not in text
    assert "Is er acute of structurele onveiligheid, of twijfel je daaraan? Dan meld je direct; dat is vraag 2" in text


def test_new_signals_go_to_the_aandachtsfunctionaris_on_every_page():
    # Finding 17: "bespreekt ze dezelfde dag nog met de aandachtsfunctionaris" (tasks) against "geeft nieuwe
    # signalen dezelfde dag door aan wie de regie heeft" (step 1, where an intern begeleider leads).
    text = read("het-kompas", "stap-1")
    assert "geeft nieuwe signalen dezelfde dag door aan wie de regie heeft" not in text
    assert "geeft nieuwe signalen dezelfde dag door aan de aandachtsfunctionaris, die ze doorgeeft" in text
    assert "geeft nieuwe signalen dezelfde dag door aan de aandachtsfunctionaris." in read("de-regenboog", "stap-1")


def test_staff_violence_against_an_adult_pupil_leaves_room_to_protect_others():
    # Finding 18: "deel gegevens buiten de school alleen met toestemming van de leerling" and "beslist samen
    # met de leerling over aangifte" left no route when other pupils are at risk.
    text = read("vechtdal-college", "signalen-over-medewerker")
    assert "alleen met toestemming van de leerling" not in text and "beslist samen met de leerling" not in text
    assert "Dan kan het bestuur ook zelf aangifte doen" in text
    assert "overlegt het bestuur met de vertrouwensinspecteur en de functionaris gegevensbescherming" in text


def test_the_bestuur_hears_of_a_case_without_the_pupils_name_unless_it_needs_it():
    # Finding 20: the bestuur informed at every vermoeden, with nothing on data minimisation.
    text = read("vechtdal-college", "dossier-en-privacy")
    assert "Het bestuur informeren. De rector (Joris Hazenberg) informeert het bestuur" in text, text
    assert "Noem daarbij de naam van de leerling alleen als het bestuur die nodig heeft voor een besluit." in text


def test_the_school_can_name_who_places_a_signal_in_the_verwijsindex():
    # Finding 19: "Dat doet alleen de medewerker die de school daarvoor heeft aangewezen", and nobody named
    # (Jeugdwet art. 7.1.1.2 lid 1: the meldingsbevoegde is designated by the school).
    stap3 = read("het-kompas", "stap-3")
    assert "Signaal in de verwijsindex: Pieter van Leeuwen (zorgcoördinator)" in stap3
    assert "Dat doet alleen de zorgcoördinator (Pieter van Leeuwen), bij een redelijk vermoeden" in stap3
    assert "geeft alleen de zorgcoördinator (Pieter van Leeuwen) af." in read("het-kompas", "wie-doet-wat")
    assert "Jij bent de medewerker die een signaal in" in read("het-kompas", "ik-ben-zorgcoordinator")
    # the board's choice reaches every school that does not choose itself
    assert "Dat doet alleen de aandachtsfunctionaris (Samira Benali), bij" in read("vechtdal-college", "stap-3")


@pytest.mark.parametrize("slug", SLUGS)
def test_the_reasons_to_skip_the_conversation_about_a_melding_include_where_veilig_thuis_comes_first(slug):
    # Own read (December 2026): "kun je alleen afzien als ..." (step 5) and "Sla dat gesprek alleen over
    # als ..." (afwegingskader) read as a closed list without the forms where Veilig Thuis comes first.
    always = "of als een ouder mogelijk de pleger is, is dat altijd zo: spreek dan met Veilig Thuis af"
    assert always in read(slug, "stap-5")
    # every outcome "melden" names them first since review 6, B4
    first = "of is een ouder mogelijk de pleger? Spreek dan eerst met Veilig Thuis af of en wanneer de ouders het horen"
    assert read(slug, "afwegingskader").count(first) >= 3


def test_the_conversation_about_a_melding_is_not_said_to_be_with_the_parents_at_an_adult_pupil():
    # Own read: "Het gesprek met de ouders over de melding voert ..." beside "met de leerling en, bij een
    # minderjarige leerling, met de ouders".
    text = read("vechtdal-college", "stap-5")
    assert "Het gesprek met de ouders over de melding" not in text
    assert "Het gesprek over de voorgenomen melding voert de aandachtsfunctionaris (Samira Benali)." in text


def test_the_conversation_tips_put_veilig_thuis_first_also_when_a_parent_may_be_the_pleger():
    # Own read: the tips named the four forms but not a parent as possible pleger.
    assert " ".join(VT_FIRST.split()) in read("vechtdal-college", "gesprekstips")


def test_two_who_conduct_the_parent_conversation_are_not_told_to_bring_a_colleague_as_well():
    # Own read: "voert de schoolmaatschappelijk werker (...), samen met de zorgcoördinator (...), bij voorkeur
    # samen met een collega".
    text = read("het-kompas", "stap-3")
    assert "samen met de zorgcoördinator (Pieter van Leeuwen), bij voorkeur samen met een collega" not in text
    assert "samen met de zorgcoördinator (Pieter van Leeuwen). Veilig Thuis kan adviseren" in text


# --- the third independent read (December 2026) ---------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_step_3_lists_a_parent_as_possible_pleger_with_the_forms_where_veilig_thuis_comes_first(slug):
    # Review 3, F1: step 3's "Waar let je op?" named the four forms only.
    assert "of als een ouder mogelijk de pleger is, praat je niet met de ouders vóór je met Veilig Thuis" in read(
        slug, "stap-3"
    )


def test_the_consent_request_in_step_2_waits_for_veilig_thuis_where_it_comes_first():
    # Review 3, F2: "vraagt de ouders om schriftelijke toestemming ..." without the exception.
    assert (
        "om schriftelijke toestemming voor bespreking in het groot ondersteuningsteam en met externe partners, en"
        " waar Veilig Thuis voorgaat pas na overleg met Veilig Thuis." in read("het-kompas", "stap-2")
    )


def test_staff_tell_the_aandachtsfunctionaris_first_and_the_teacher_too():
    # Review 3, F3: "meldt het dezelfde dag bij de leerkracht of de aandachtsfunctionaris".
    for slug, teacher in (("het-kompas", "leerkracht"), ("vechtdal-college", "mentor")):
        text = read(slug, "wie-doet-wat")
        assert "bij de leerkracht of de aandachtsfunctionaris" not in text
        assert "bij de mentor of de aandachtsfunctionaris" not in text
        assert f"meldt het dezelfde dag bij de aandachtsfunctionaris en vertelt het ook de {teacher}" in text


def test_a_pair_who_conducts_the_parent_conversation_is_not_sent_for_a_colleague():
    # Review 3, F4: "voert het (bij voorkeur met een collega)" for a regie who conducts it with a fixed partner.
    text = read("het-kompas", "stap-3")
    assert "Regie: Lotte Hendriks (schoolmaatschappelijk werker)" in text
    assert "- bereidt het gesprek voor, voert het en legt" in text.split("Regie: Lotte Hendriks")[2]


def test_an_outside_regie_holder_leads_only_with_consent_and_the_aandachtsfunctionaris_otherwise():
    # Review 3, F5: Kwadraad's SMW leads step 3, while steps 2 and 4 say she may know the pupil by name only
    # with written consent.
    box = read("het-kompas", "stap-3")
    assert "met naam alleen met schriftelijke toestemming van de ouders: Lotte Hendriks" in box
    # Review 5, A3: her conversations too (she also talks with the pupil and the parents in step 3).
    assert (
        "Regie en gesprekken zonder schriftelijke toestemming voor wie van buiten de school komt: Pieter van Leeuwen"
        " (aandachtsfunctionaris)" in box
    )
    assert "Wat jij in stap 3 doet, de regie of een gesprek, doe je alleen als er schriftelijke toestemming is" in read(
        "het-kompas", "ik-ben-schoolmaatschappelijk-werker"
    )
    assert "met naam met die persoon te bespreken? Dan doe jij dat." in read(
        "het-kompas", "ik-ben-aandachtsfunctionaris"
    )
    assert "Heeft iemand van buiten de school de regie of een gesprek in stap 3" in read("het-kompas", "wie-doet-wat")


@pytest.mark.parametrize("slug", SLUGS)
def test_step_5_meldt_directly_at_unsafety_and_talks_with_the_parents_first_only_otherwise(slug):
    # Review 3, F6: step 5 asked for the parent conversation also where the afwegingskader (vraag 2) has a
    # direct melding, with Veilig Thuis deciding when the parents hear.
    text = read(slug, "stap-5")
    assert (
        "Dan meld je altijd, direct en telefonisch; dat is de professionele norm. Spreek dan met Veilig Thuis" in text
    )
    assert "Meld je om een andere reden, en gaat het niet om eergerelateerd geweld" in text
    assert "en is geen ouder mogelijk de pleger? Bespreek de voorgenomen melding dan vooraf met" in text


def test_who_talks_about_a_melding_reads_the_exception_on_the_role_page_and_in_wie_doet_wat():
    # Review 3, F7: "Jij bespreekt een voorgenomen melding ... met de ouders" without an exception.
    exception = "behalve bij acute of structurele onveiligheid en waar Veilig Thuis voorgaat"
    assert exception in read("het-kompas", "ik-ben-zorgcoordinator")
    assert exception in read("het-kompas", "wie-doet-wat")
    assert exception in read("het-kompas", "stap-5")


def test_the_verwijsindex_says_whom_to_inform_in_three_age_bands_where_pupils_are_4_to_20():
    # Review 3, F8: "Over het signaal wordt geïnformeerd bij een leerling jonger dan 16 de leerling en ..."
    text = read("de-brug", "stap-3")
    assert (
        "Over het signaal worden geïnformeerd: onder de 12 jaar de ouders met gezag of de voogd, van 12 tot 16 jaar"
        " ook de leerling, vanaf 16 jaar alleen de leerling zelf." in text
    )
    assert "tot 16 jaar de leerling en de ouders met gezag of de voogd, vanaf 16 jaar" in read(
        "vechtdal-college", "stap-3"
    )


def test_a_school_with_young_children_and_adults_discusses_a_melding_with_the_parents_first():
    # Review 3, F9: de-brug (4-20) said "met de leerling en, bij een minderjarige leerling, met de ouders".
    text = read("de-brug", "stap-5")
    assert "met de ouders en, als dat passend is, met de leerling (vanaf 16 jaar eerst met de leerling zelf;" in text
    assert "met de leerling en, bij een minderjarige leerling, met de ouders" in read("vechtdal-college", "stap-5")


def test_a_person_in_two_roles_has_the_same_phone_in_both():
    # Review 3, F11: the zorgcoördinator row showed no phone; it was on his aandachtsfunctionaris entry.
    row = read("het-kompas", "wie-doet-wat").split("| Zorgcoördinator | Pieter van Leeuwen |")[1].split(" | | ")[0]
    assert "06 22456189" in row, row


def test_the_poster_rule_names_consent_and_existing_help_too():
    # Review 3, F12.
    from meldcode.safety import VT_FIRST_SHORT

    assert "een vraag om toestemming of contact met hulp die er al is" in VT_FIRST_SHORT


def test_step_1_sends_only_sexual_offences_by_staff_out_of_the_meldcode():
    # Review 3, F13: "Gaan de signalen over een medewerker? Dan volg je niet deze route" against the staff page.
    text = read("het-kompas", "stap-1")
    assert "Dan volg je niet deze route" not in text
    assert "Gaat het om ander geweld door een medewerker? Meld het dan ook direct bij het bestuur" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_acute_danger_calls_112_first_everywhere(slug):
    # Review 3, F14: "112 of Veilig Thuis" and "Veilig Thuis of 112" beside "bel eerst 112".
    for name in ("index", "inleiding", "stap-1", "afwegingskader"):
        text = read(slug, name)
        assert "112 of Veilig Thuis" not in text and "Veilig Thuis of 112" not in text, name


def test_legal_wording_of_the_third_read():
    # Review 3, F16: Jeugdwet art. 1.1 "andere personen"; UB Wmo 4.1.8 lid 3 (Veilig Thuis must withhold).
    assert "ouders of andere personen van wie het kind afhankelijk is" in read("het-kompas", "inleiding")
    assert "Veilig Thuis houdt dan voor het gezin geheim wie er meldde" in read("het-kompas", "stap-5")
    assert "Bij acuut gevaar belt iedereen 112." in read("het-kompas", "dossier-en-privacy")


def test_existing_help_in_step_1_hears_facts_only_on_every_page():
    # Review 3, F17: the role pages and Wie doet wat dropped "nog geen vermoeden" for step 1.
    for name in ("wie-doet-wat", "ik-ben-aandachtsfunctionaris"):
        assert "In stap 1 deel je alleen wat je ziet en hoort, en noem je nog geen vermoeden." in read(
            "de-wissel", name
        )


def test_a_primary_school_with_pupils_of_12_says_they_can_withdraw_consent():
    # Review 3, F18: UAVG art. 5; the VO handbooks said it, the BO ones not.
    assert "Vanaf 12 jaar kan de leerling die toestemming zelf intrekken" in read("het-kompas", "dossier-en-privacy")


def test_a_direct_melding_names_who_decides_and_does_not_wait_for_them():
    # Review 3, F19: "meld direct" in step 4 beside "het besluit neemt de directeur".
    for slug, calls in (("vechtdal-college", "de aandachtsfunctionaris (Samira Benali)"),):
        text = read(slug, "stap-4") + read(slug, "afwegingskader")
        assert "Laat de rector (Joris Hazenberg) het meteen weten: die is eindverantwoordelijk" in text
        assert f"dan meldt {calls} toch direct" in text


def test_a_signal_about_the_bestuur_itself_goes_to_the_vertrouwensinspecteur():
    # Review 3, F20.
    assert "Gaat het signaal over iemand van het bestuur zelf? Bel dan direct een vertrouwensinspecteur" in read(
        "het-kompas", "signalen-over-medewerker"
    )


def test_outside_experts_of_a_vo_school_hear_a_suspicion_anonymously_or_with_consent():
    # Review 3, F21 and the F1 addendum (the VO lists add to the one rule, they do not replace it).
    two, three = read("vechtdal-college", "stap-2"), read("vechtdal-college", "stap-3")
    assert "je vermoeden bespreek je met hen alleen anoniem of met toestemming" in two
    assert "net als bij de vormen in het kader bovenaan deze pagina" in two
    assert "net als de vormen in het kader bovenaan deze pagina" in three


def test_without_a_designated_employee_the_school_places_no_signal_in_the_verwijsindex(tmp_path):
    # Review 3, F24 (Jeugdwet art. 7.1.1.2): who is not designated may not place a signal.
    from test_procedure_defects import MINIMAL, school_from
    from test_procedure_defects import page as rendered

    school = school_from(tmp_path, MINIMAL, board_werkwijze=False)
    text = rendered(school, "stap-3")
    assert "Dat doet alleen de medewerker die de school daarvoor heeft aangewezen, bij" in text
    assert "Heeft de school niemand aangewezen? Dan geeft de school geen signaal af." in text


def test_an_adopted_handbook_that_was_replaced_says_so_where_it_is_offered(example_site):
    # Review 3, F22: version 1.0 (with an old phone number) was offered without saying it no longer holds.
    text = visible_text((example_site / "het-kompas" / "wijzigingen.html").read_text(encoding="utf-8"))
    assert "Versie 1.0, vastgesteld op 30 juni 2025" in text
    assert "Vervangen: gebruik dit handboek niet meer, maar de versie die nu geldt." in text


def test_who_leads_a_step_can_open_the_dossier_in_the_example():
    # Review 3, F23: de-wissel's dossier was open to "de CvB-leden en de directeur" while the SMW leads steps 1 and 3.
    assert "de schoolmaatschappelijk werker en de directeur; de jeugdarts van de GGD heeft geen toegang" in read(
        "de-wissel", "stap-1"
    )


def test_a_school_with_two_teams_says_which_one_has_outside_experts():
    # Review 3, F15: "Zitten er in het OT ook deskundigen van buiten de school?" where the handbook itself
    # says the OT meets within the school and the groot OT takes the outside experts.
    text = read("het-kompas", "stap-2")
    assert "Zitten er in het ondersteuningsteam (OT) ook deskundigen" not in text
    assert (
        "Het ondersteuningsteam (OT) is een overleg binnen de school. Deskundigen van buiten de school zitten in"
        in text
    )
    assert "Zitten er in het zorg- en adviesteam (ZAT) ook deskundigen van buiten de school?" in read(
        "vechtdal-college", "stap-2"
    )


def test_the_page_of_someone_from_outside_the_school_states_the_consent_rule():
    # Own check after review 3: the step boxes said it, the person's own page did not.
    rule = "Je werkt buiten de school: de school bespreekt een leerling met jou alleen met naam als er"
    assert rule in read("het-kompas", "ik-ben-schoolmaatschappelijk-werker")
    assert rule in read("de-wissel", "ik-ben-jeugdarts")
    assert rule not in read("de-wissel", "ik-ben-schoolmaatschappelijk-werker")


@pytest.mark.parametrize("slug", SLUGS)
def test_step_3_says_what_a_parent_as_possible_pleger_means_and_asks(slug):
    # Review 3, F2: "een ouder mogelijk de pleger" was undefined; at kindermishandeling it is often so.
    text = read(slug, "stap-3")
    assert "Een ouder is mogelijk de pleger als je vermoedt dat het geweld, de mishandeling of de verwaarlozing" in text
    assert (
        "Vraag Veilig Thuis dan altijd eerst om advies over het gesprek met de ouders, en voer het pas daarna." in text
    )
