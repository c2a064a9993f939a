"""The fifth independent read (December 2026, issue 20): each corrected finding, on rendered output.

A<n>: read as an aandachtsfunctionaris; J<n>: read as a jurist (/work/coord/review5 in the session
that made these). Every test failed on the code before the fix.
"""

from __future__ import annotations

import html
import re

import pytest
from conftest import SLUGS
from procedure_text import plain
from test_review_age_sector import CONTENT, TEMPLATES, schools
from test_review_fresh import read

from meldcode.flowchart import flowchart_svg
from meldcode.pages import pages_for, render_page
from meldcode.pdf import forms_html, poster_html
from meldcode.slots import kader_for

PRIMARY = ("de-regenboog", "de-wissel", "het-kompas")
WITH_SIXTEEN = ("de-brug", "vechtdal-college")  # pupils under and over 16


def said(slug: str, name: str) -> str:
    """A page as it reads: links, tags and emphasis gone, whitespace folded."""
    return " ".join(plain(read(slug, name)).split())


def _markdown(slug: str) -> dict[str, str]:
    school = schools()[slug]
    out = {}
    for found in pages_for(school, CONTENT):
        for output in ("web", "print"):
            if getattr(found, output) and not found.history:
                out[f"{output}/{found.slug}"] = render_page(found, school, CONTENT, TEMPLATES, output)
    return out


@pytest.mark.parametrize("slug", SLUGS)
def test_every_list_item_starts_its_own_line_and_no_slot_is_glued_to_the_word_before(slug):
    # A1/J2: "... verder anoniem.- **Beroepsgeheim.**" inside the bullet before it (an endif ate the newline).
    # A9: "voert het(bij voorkeur met een collega)": a slot's leading space was folded away.
    school = schools()[slug]
    texts = _markdown(slug)
    for place, markdown in texts.items():
        assert not re.search(r"[^\n\s]- \*\*|[^\n\s\d]\d\. \*\*", markdown), place  # also a numbered item
    texts["formulieren"] = forms_html(school, TEMPLATES)
    texts["poster"] = poster_html(school, CONTENT, TEMPLATES)
    for place, markup in texts.items():
        text = plain(markup)
        glued = re.findall(r".{30}(?:[a-zé]\([a-z]|[a-zé][.;!?][A-Z][a-z]).{10}", text)
        assert not glued, (place, glued)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_beroepsgeheim_has_more_exceptions_than_the_meldrecht(slug):
    # J2: "het meldrecht doorbreekt dat beroepsgeheim alleen tegenover Veilig Thuis" (the Verwijsindex,
    # Jeugdwet 7.1.4.1, and a conflict of duties also do).
    text = read(slug, "dossier-en-privacy")
    assert "alleen tegenover Veilig Thuis" not in text
    assert "alleen met toestemming, tenzij de wet het toestaat of er ernstig gevaar is" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_the_verwijsindex_notice_waits_where_veilig_thuis_comes_first(slug):
    # J1: parents were always told of a Verwijsindex signal, also a parent who may be the pleger.
    rule = (
        "Spreek dan eerst met Veilig Thuis af of en wanneer zij het horen, en vraag de gemeente, die over het bericht"
    )
    assert rule in read(slug, "stap-3")
    assert rule in read(slug, "begrippen")
    assert "artikel 7.1.5.2, met Uitvoeringswet AVG, artikel 41" in read(slug, "bronnen")


@pytest.mark.parametrize("slug", SLUGS)
def test_the_melding_outcome_and_step_5_keep_veilig_thuis_first(slug):
    # A4: the flowchart box "Bespreek de melding vooraf (zie stap 5) en meld" and step 5's "Meld je om een
    # andere reden? Bespreek de voorgenomen melding dan vooraf met de ouders" had no exception.
    school = schools()[slug]
    box = "Bespreek de melding vooraf, behalve waar Veilig Thuis voorgaat (zie stap 5), en meld."
    svg = flowchart_svg(kader_for(school, CONTENT.kader))  # the schema in the PDF: one <text> per line
    assert box in " ".join(html.unescape(re.sub(r"<[^>]+>", " ", svg)).split())
    step_5 = read(slug, "stap-5")
    assert "Meld je om een andere reden? Bespreek" not in step_5
    assert "Meld je om een andere reden, en gaat het niet om eergerelateerd geweld" in step_5


@pytest.mark.parametrize("slug", WITH_SIXTEEN)
def test_the_under_16_age_line_keeps_veilig_thuis_first_like_the_16_line(slug):
    # J9: "Jonger dan 16. Bespreek een voorgenomen melding met de ouders ..." without the exception that
    # "16 en 17 jaar" had, in the age group where a parent as pleger matters most.
    block = read(slug, "stap-5").split("Jonger dan 16.")[1].split("16 en 17 jaar.")[0]
    assert "gaat Veilig Thuis voor? Spreek dan met Veilig Thuis af of en wanneer de ouders het horen." in block
    talk = read(slug, "stap-3").split("Jonger dan 16.")[1].split("16 en 17 jaar.")[0]
    assert "Waar Veilig Thuis voorgaat, praat je pas met de ouders na overleg met Veilig Thuis." in talk


@pytest.mark.parametrize("slug", SLUGS)
def test_the_tips_and_the_melder_keep_what_veilig_thuis_agreed(slug):
    # J14: "Vertel eerlijk wat de school gaat doen, ook als dat ... een melding is" with no exception.
    assert "tenzij met Veilig Thuis is afgesproken dat de ouders het (nog) niet horen" in read(slug, "gesprekstips")
    # J11: the melder's anonymity also for danger to the pupil (Uitvoeringsbesluit Wmo 2015, art. 4.1.8 lid 3 a 1°)
    assert "Kan het gevaarlijk zijn voor de leerling, voor jezelf of voor een collega" in read(slug, "stap-5")
    assert "Ben je bang voor de reactie van het gezin" not in read(slug, "stap-5")


@pytest.mark.parametrize("slug", SLUGS)
def test_huiselijk_geweld_is_the_huiselijke_kring_of_the_wmo(slug):
    # J7: the mantelzorger was missing and every ex-partner was in; from 18 every victim was called HG.
    text = read(slug, "inleiding")
    assert "een familielid, een huisgenoot, een partner of ex-partner met wie iemand getrouwd is of samenwoont" in text
    assert "of een mantelzorger" in text
    assert "(ex-)partners, gezinsleden" not in text
    if schools()[slug].volwassenen:
        assert "Geweld door iemand uit de huiselijke kring is dan huiselijk geweld" in text


def test_every_ik_ben_page_gives_the_hours_and_the_stand_in_of_the_aandachtsfunctionaris():
    # A6: "Vertel het vandaag nog aan Fatima el Amrani" on a Wednesday, when she does not work.
    text = said("de-regenboog", "ik-ben-leerkracht")
    assert "Fatima el Amrani · 06 41235678 (bereikbaar: maandag, dinsdag en donderdag)." in text
    assert "Niet bereikbaar? Ga dan naar de directeur: Henk Bosman · 0346 561 230." in text
    # R1: not on the directeur's own page, and no "tell the aandachtsfunctionaris" on hers in another role
    assert "Is de aandachtsfunctionaris niet bereikbaar, dan komen collega's bij jou." in said(
        "de-regenboog", "ik-ben-directeur"
    )
    assert "Vertel het vandaag nog aan de aandachtsfunctionaris" not in said("de-regenboog", "ik-ben-intern-begeleider")


@pytest.mark.parametrize(("slug", "melder"), [("de-wissel", "Naima Ouali"), ("het-kompas", "Pieter van Leeuwen")])
def test_the_aandachtsfunctionaris_who_also_melds_in_another_role_reads_it_on_her_page(slug, melder):
    # A7: the "Jij doet de melding" box stood only on the page of the role the school named for it.
    text = read(slug, "ik-ben-aandachtsfunctionaris")
    assert "Jij doet de melding" in text
    assert f"({melder}) doet de melding bij Veilig Thuis" in text


def test_the_poster_says_who_leads_and_talks_without_consent_for_the_outside_person():
    # J10 and A3: the poster named Kwadraad's SMW as step 3's regie with no condition.
    school = schools()["het-kompas"]
    poster = " ".join(plain(poster_html(school, CONTENT, TEMPLATES)).split())
    assert (
        "Regie en gesprekken zonder schriftelijke toestemming voor wie van buiten de school komt: Pieter van Leeuwen"
        in poster
    )


def test_an_outside_expert_thinks_along_in_the_team_for_outside_experts():
    # A2: "De schoolmaatschappelijk werker denkt mee in het ondersteuningsteam", the team said to meet
    # within the school, for Kwadraad's worker.
    text = read("het-kompas", "ik-ben-schoolmaatschappelijk-werker")
    assert (
        "denkt mee in het groot ondersteuningsteam over de veiligheid van de leerling; over een leerling met naam"
        in (text)
    )
    assert "denkt mee in het ondersteuningsteam over" not in text
    assert "Weeg dan in het groot ondersteuningsteam; met naam alleen met schriftelijke toestemming van de ouders" in (
        read("het-kompas", "stap-4")
    )
    assert "De jeugdarts of jeugdverpleegkundige denkt mee in het ondersteuningsteam; over een leerling met naam" in (
        read("de-wissel", "wie-doet-wat")
    )


@pytest.mark.parametrize("slug", WITH_SIXTEEN)
def test_leerplicht_hears_verzuim_by_name_and_a_suspicion_only_with_consent(slug):
    # J4: "de school bespreekt een leerling met jou alleen met naam als er toestemming is" (Leerplichtwet 21a).
    text = read(slug, "ik-ben-leerplicht")
    assert "Verzuim meldt de school met naam, zoals de Leerplichtwet vraagt (artikel 21a)" in text
    assert "Over een vermoeden van huiselijk geweld of kindermishandeling bespreekt de school een leerling" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_every_consent_request_waits_for_veilig_thuis_where_it_comes_first(slug):
    # A10: step 2's "Waar let je op?" and Wie doet wat asked the parents for consent with no exception.
    assert "om toestemming, en waar Veilig Thuis voorgaat pas na overleg" in read(slug, "stap-2") or (
        "om schriftelijke toestemming, en waar Veilig Thuis voorgaat pas na overleg" in read(slug, "stap-2")
    )
    assert "Waar Veilig Thuis voorgaat, vraagt de school pas om toestemming na overleg met Veilig Thuis." in read(
        slug, "wie-doet-wat"
    )


def test_existing_help_in_step_1_names_who_asks_the_parents():
    # A11: "Vraag de ouders dan om schriftelijke toestemming" among the teacher's step-1 tasks.
    text = read("de-wissel", "stap-1")
    assert "Is het buurtteam al bij het gezin betrokken? Dan vraagt de aandachtsfunctionaris (Naima Ouali)" in text
    assert "Vraag de ouders dan om" not in text


@pytest.mark.parametrize("slug", SLUGS)
def test_parents_read_every_exception_and_what_is_shared_without_consent(slug):
    # J5: structural unsafety was not among the exceptions; J13: the Verwijsindex and verzuim were not named.
    text = read(slug, "voor-ouders")
    assert "als het kind structureel onveilig is: dan meldt de school direct" in text
    assert "Zonder toestemming deelt de school alleen wat de wet toestaat of vraagt" in text
    assert "een signaal in de Verwijsindex" in text and "een melding van verzuim aan de leerplichtambtenaar" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_the_vertrouwensinspecteur_duty_has_the_age_of_the_schools_law(slug):
    # J8: WEC art. 4a and WVO 2020 art. 3.39 oblige the bestuur for a minor pupil only; WPO art. 4a for every pupil.
    text = read(slug, "sociale-kaart")
    minors = schools()[slug].medewerker_alleen_minderjarig
    assert ("seksueel misdrijf tegen een minderjarige leerling overlegt" in text) == minors
    assert ("seksueel misdrijf tegen een leerling overlegt" in text) == (not minors)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_staff_route_keeps_veilig_thuis_for_the_pupil(slug):
    # J12: the route for a sexual offence by staff named only the bestuur, the inspectie and the police.
    text = said(slug, "signalen-over-medewerker").split("Ander geweld door een medewerker Slaat")[0]
    assert "ook Veilig Thuis om advies vragen" in text and "melden blijft mogelijk (meldrecht)" in text


def test_an_aandachtsfunctionaris_who_is_also_the_smw_shares_what_colleagues_saw():
    # J6: "deelt wat hij of zij uit het eigen werk weet alleen met toestemming" for the AF of De Wissel.
    # A17: her own parent conversation in step 3 is a step of this meldcode, not casework under the beroepsgeheim.
    text = read("de-wissel", "stap-2")
    assert "wat hij of zij uit een eigen consult of eigen begeleiding van de leerling of het gezin weet" in text


def test_vraag_1_carries_the_schools_choice_on_consulting_veilig_thuis():
    # A5: the afwegingskader said nothing of "Veilig Thuis raadplegen is verplicht bij een vermoeden".
    kader = read("de-regenboog", "afwegingskader")
    assert (
        "Raadpleeg Veilig Thuis, als dat in stap 2 nog niet is gebeurd: op OBS De Regenboog is dat verplicht" in kader
    )
    assert "Ja. Twijfel je? Vraag Veilig Thuis om advies. Ga verder met vraag 2" in said("het-kompas", "afwegingskader")


def test_step_3_lists_who_conducts_a_conversation_and_the_teacher_who_stays_out():
    # A9: the vertrouwenspersoon who talks with the pupil, and the leerkracht (leerkracht: nooit), were
    # missing from step 3's "Wie doet wat in deze stap?".
    text = read("de-regenboog", "stap-3").split("Wie doet wat in deze stap?")[1]
    assert "Sanne de Graaf (vertrouwenspersoon): - voert het gesprek met de leerling" in text
    assert "De leerkracht: - levert de feiten aan voor het gesprek met de ouders, maar is er zelf niet bij." in text
    assert "levert de feiten aan voor het gesprek met de ouders" in html.unescape(
        read("de-regenboog", "ik-ben-leerkracht")
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_each_example_records_its_own_mr_for_its_own_arrangements(slug):
    # J3: every example has its own taakverdeling and werkwijze, yet recorded only the GMR's instemming.
    school = schools()[slug]
    text = read(slug, "vaststelling")
    assert any(f"van de medezeggenschapsraad van {name} op" in text for name in (school.naam, school.naam_in_tekst))


@pytest.mark.parametrize("slug", WITH_SIXTEEN)
def test_adult_pupils_parents_are_involved_only_with_their_consent_in_steps_3_and_5(slug):
    # A8: "Sla het gesprek alleen over als ..." and "Informeer beide ouders als zij allebei het gezag hebben"
    # read as the norm for a pupil of 19 too.
    step_3, step_5 = read(slug, "stap-3"), read(slug, "stap-5")
    assert "Is de leerling minderjarig, sla het gesprek met de ouders dan alleen over als" in step_3
    assert "Vanaf 18 jaar praat je alleen met de ouders als de leerling dat wil." in step_3
    assert "Informeer bij een minderjarige leerling beide ouders" in step_3
    assert "Vanaf 18 jaar bespreek je de melding met de leerling, en met de ouders alleen als de leerling" in step_5
    # the label: at a school from 4 to 20 no one order fits (review 6, B7)
    label = (
        "Gesprek over een melding (met wie: per leeftijd, zie stap 5)"
        if slug == "de-brug"
        else "Gesprek met de leerling (en bij een minderjarige de ouders) over een melding"
    )
    assert label in step_5


def test_the_aandachtsfunctionaris_who_does_not_lead_step_1_passes_signals_on_the_same_day():
    # A12: Het Kompas's aandachtsfunctionaris read "geen vaste taak" in step 1 and was told to report to himself.
    own = said("het-kompas", "ik-ben-aandachtsfunctionaris").split("Stap 1:")[1].split("Stap 2:")[0]
    assert "Je hebt in deze stap een afgesproken taak" in own
    assert "geeft ze dezelfde dag door aan de intern begeleider van de leerling" in own
    assert "meldt het dezelfde dag bij de aandachtsfunctionaris" not in own
    step_1 = said("het-kompas", "stap-1").split("Wie doet wat in deze stap?")[1]
    assert "Pieter van Leeuwen (aandachtsfunctionaris): - ontvangt de signalen van collega's" in step_1


@pytest.mark.parametrize("slug", SLUGS)
def test_every_staff_page_and_steps_1_to_3_carry_the_injury_rule(slug):
    # A14: only "Ik ben leerkracht" had it, not the onderwijsassistent who helps a child change, nor step 3.
    rule = "De school onderzoekt letsel niet zelf en maakt geen foto's"
    for step in (1, 2, 3):
        assert rule in read(slug, f"stap-{step}"), step
    school = schools()[slug]
    for role in school.roles.values():
        page_slug = "ik-ben-" + role.key.replace("_", "-")
        if role.team or role.key == "bestuur" or page_slug not in {p.slug for p in pages_for(school, CONTENT)}:
            continue
        assert (rule in read(slug, page_slug)) == (not role.extern), page_slug


def test_someone_from_outside_the_school_reads_their_own_route_for_what_they_learn_at_work():
    # A15: the GGD jeugdarts was told to tell the school's aandachtsfunctionaris "vandaag nog".
    text = said("de-regenboog", "ik-ben-jeugdarts")
    assert "Zie je in je eigen werk zorgen over een leerling? Deel ze met de school alleen met toestemming" in text
    assert "Vertel het vandaag nog aan de aandachtsfunctionaris" not in text
    assert "Wat iedere medewerker doet" not in text


def test_small_inconsistencies_of_the_fifth_read():
    # A13: the checklist names who the bestuur and the directeur are; a divided regie says whose part; no
    # "met z'n tweeën" beside a school's three; the regie conducts the parent conversation (no "spreek af wie").
    forms = " ".join(plain(forms_html(schools()["het-kompas"], TEMPLATES)).split())
    assert "Informeer het bestuur (Marieke Verhoef) over de melding." in forms
    assert "Laat de directeur (Anneke Visser-Jansen) weten" in forms
    assert "Je hebt de regie bij een leerling uit jouw deel." in said("vechtdal-college", "ik-ben-zorgcoordinator")
    assert "met z'n tweeën" not in read("het-kompas", "gesprekstips")
    assert "spreek af wie het gesprek voert" not in read("de-brug", "stap-3")
    assert "met de orthopedagoog of gedragswetenschapper erbij" in read("de-wissel", "stap-4")
    # the title the person carries, in running text too: Vechtdal's directeur is its rector
    assert "Laat de rector (Joris Hazenberg) het meteen weten" in read("vechtdal-college", "stap-4")


@pytest.mark.parametrize("slug", SLUGS)
def test_the_start_page_sends_a_teacher_to_her_own_page(slug):
    # A16: "Kijk bij de pagina's Ik ben …" linked to the aandachtsfunctionaris's page.
    school = schools()[slug]
    start = next(p for p in pages_for(school, CONTENT) if p.slug == "index")
    web = render_page(start, school, CONTENT, TEMPLATES, "web")  # the printed start page is "Snel handelen"
    assert f"[{school.roles['leerkracht'].ik_ben}](ik-ben-leerkracht.md)" in web
