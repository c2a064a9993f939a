"""The sixth independent read (December 2026, issue 20): each corrected finding, on rendered output.

B<n>: read as an aandachtsfunctionaris; K<n>: read as a jurist (/work/coord/review6 in the session
that made these). Every test failed on the code before the fix.
"""

from __future__ import annotations

import re

import pytest
from procedure_text import handbook, plain
from test_review_age_sector import TEMPLATES, schools
from test_review_fifth import said

from meldcode.pdf import forms_html

WITH_SIXTEEN = ("de-brug", "vechtdal-college")


@pytest.mark.parametrize("slug", ("het-kompas", "vechtdal-college"))
def test_the_directeur_who_prepares_the_melding_conversation_reads_its_exception(slug):
    # B1: "bereidt met de zorgcoördinator het gesprek over een voorgenomen melding voor, met de ouders" had none.
    text = said(slug, "stap-5")
    prepares = re.search(r"bereidt met [^.]* het gesprek over een voorgenomen melding voor[^.]*\.", text)
    assert prepares and "behalve bij acute of structurele onveiligheid en waar Veilig Thuis voorgaat" in (
        prepares.group(0) + text[prepares.end() : prepares.end() + 120]
    )


@pytest.mark.parametrize("slug", WITH_SIXTEEN)
def test_every_age_group_from_16_keeps_veilig_thuis_before_the_parents(slug):
    # B2: the 16-17 and 18+ lines let the pupil decide how the parents are told, with no Veilig Thuis first.
    rule = "Dan betrek je de ouders pas na overleg met Veilig Thuis, ook als de leerling dat zelf wil."
    for page, groups in (("stap-3", ("16 en 17 jaar.", "18 jaar en ouder.")), ("dossier-en-privacy", ("16 en 17",))):
        text = said(slug, page)
        for group in groups:
            block = text.split(group, 1)[1][:900]
            assert rule in block, (page, group)


def test_a_directeur_who_is_the_rector_is_the_rector_on_every_page():
    # B3: "informeert de directeur over de uitkomst" beside "laat de rector (Joris Hazenberg) weten".
    school = schools()["vechtdal-college"]
    assert school.roles["directeur"].noem == "de rector" and school.roles["directeur"].ik_ben == "Ik ben rector"
    for place, text in handbook(school).items():
        assert "directeur" not in " ".join(text.split()), place
    assert "informeert de rector over de uitkomst" in said("vechtdal-college", "stap-4")


@pytest.mark.parametrize("slug", WITH_SIXTEEN)
def test_what_a_young_person_agrees_the_parents_hear_waits_for_veilig_thuis_where_it_comes_first(slug):
    # B2a: "Bespreek samen wat je met de ouders deelt" (tips) and "spreek af wat je met de ouders deelt" (VO step 3).
    assert "Waar Veilig Thuis voorgaat, spreek je eerst met Veilig Thuis af wat de ouders horen." in said(
        slug, "gesprekstips"
    )
    if schools()[slug].vo:
        assert "spreek af wat je met de ouders deelt; waar Veilig Thuis voorgaat, spreek je dat eerst met Veilig" in (
            said(slug, "stap-3")
        )


@pytest.mark.parametrize("slug", ("de-regenboog", "vechtdal-college"))
def test_the_melding_outcome_names_the_exception_before_the_parent_conversation(slug):
    # B4: "Melden is noodzakelijk. Bespreek de voorgenomen melding eerst met de ouders ..." came first.
    text = said(slug, "afwegingskader")
    outcome = text[text.index("Melden is noodzakelijk.") :][:400]
    assert outcome.index("of is een ouder mogelijk de pleger? Spreek dan eerst met Veilig Thuis af") < outcome.index(
        "Anders bespreek je de voorgenomen melding"
    )


def test_smaller_points_of_the_sixth_read():
    # B5: the casemanager by name after the decision (or "spreek af wie dat is").
    assert "casemanager die de hulp coördineert: de intern begeleider (Fatima el Amrani)" in said(
        "de-regenboog", "na-de-melding"
    )
    assert "casemanager die de hulp coördineert; spreek af wie dat is" in said("de-brug", "na-de-melding")
    # B8: whether a conversation is safe comes first in step 3's list of who does what.
    step_3 = said("de-regenboog", "stap-3").split("Wie doet wat in deze stap?")[1]
    assert step_3.index("gaat eerst na of een gesprek veilig kan") < step_3.index("bereidt het gesprek voor")
    # B9: the school's "bij twijfel" in step 2 too.
    assert "vraagt bij twijfel advies aan Veilig Thuis en legt het advies vast" in said("het-kompas", "stap-2")
    # B10: weighing in a team with outside experts, by name only with consent.
    assert "zitten daar deskundigen van buiten de school bij, dan met naam alleen met" in said("de-brug", "stap-4")
    # B11: from 16 each reads the report of their own conversation.
    assert "de ouders dat van het oudergesprek, de leerling dat van het leerlinggesprek" in said("de-brug", "stap-3")
    # B13: the melder's protection on the checklist of the melding.
    forms = " ".join(plain(forms_html(schools()["de-wissel"], TEMPLATES)).split())
    assert "Vraag Veilig Thuis dan dat niet aan het gezin te vertellen." in forms


def test_the_jurists_sixth_read():
    # K2: the meldrecht is bounded by necessity, not "altijd" (Wmo 2015 art. 5.2.6).
    privacy = said("het-kompas", "dossier-en-privacy")
    assert "kan hij of zij altijd" not in privacy
    assert "als de informatie nodig is om huiselijk geweld of kindermishandeling te stoppen" in privacy
    # K7: a refused privacy request names the complaint and the court (AVG art. 12 lid 4).
    assert "een klacht kan indienen bij de Autoriteit Persoonsgegevens of naar de rechter kan gaan" in privacy
    # K3: no statement on what a JGZ professional's secrecy does not cover.
    assert "valt daar niet onder" not in said("de-regenboog", "stap-2")
    # K4: consent for a pupil under 16 is the parents' (UAVG art. 5).
    assert "tot 16 jaar van de ouders met gezag, vanaf 16 jaar van de leerling zelf" in said(
        "vechtdal-college", "bijzondere-vormen"
    )
    # K5 (the example config): outside experts in the CvB have no access to the dossier.
    assert "deskundigen van buiten de school hebben geen toegang" in said("de-brug", "dossier-en-privacy")
    # K6: what is shared without consent is not a closed list without the police and the inspectie.
    assert "zoals advies of een melding bij Veilig Thuis" in said("het-kompas", "voor-ouders")
    assert "de politie en de vertrouwensinspecteur" in said("het-kompas", "voor-ouders")
    # K8: the wettelijk mentor consents only for what the pupil cannot decide.
    assert "alleen die kan namens de leerling toestemming geven" not in said("vechtdal-college", "begrippen")
    # K9: in acute danger 112 first, also in the text on existing help.
    step_2 = said("de-regenboog", "stap-2")
    assert (
        "Is er acuut gevaar, of gaat het om een vorm van geweld waarbij Veilig Thuis voorgaat? Bel dan eerst"
        not in (step_2)
    )
    assert "Is er acuut gevaar? Bel 112, en daarna of tegelijk Veilig Thuis." in step_2
    # K10: the Verwijsindex needs the school's afspraken with the gemeente, which decides on the notice.
    assert "en alleen als de school daarover afspraken heeft met de gemeente" in said("de-wissel", "begrippen")
    assert "vraag de gemeente, die over het bericht beslist, het uit te stellen" in said("de-wissel", "stap-3")


def test_the_jurists_sixth_read_continued():
    # K11: the parents' text on existing help keeps Veilig Thuis first.
    assert "Waar Veilig Thuis voorgaat, gebeurt ook dat pas na overleg met Veilig Thuis." in said(
        "het-kompas", "voor-ouders"
    )
    # K12: Wmo 2015 has no article 1.1.
    assert "(Wet maatschappelijke ondersteuning 2015, artikel 1.1.1; Jeugdwet, artikel 1.1)" in said(
        "vechtdal-college", "bijzondere-vormen"
    )
    # K13: the start page and the table name the outside regie holder with its condition, as the poster does.
    condition = "(met schriftelijke toestemming; anders de aandachtsfunctionaris (Pieter van Leeuwen))"
    assert f"Lotte Hendriks (schoolmaatschappelijk werker) {condition}" in said("het-kompas", "wie-doet-wat")
    # K14: tension between parents is not violence against the child; witnessing violence is.
    assert "(ook dat is geweld tegen het kind)" not in said("de-regenboog", "signalenlijst")
    assert "een kind dat getuige is van geweld, wordt zelf ook mishandeld" in said("de-regenboog", "signalenlijst")


def test_the_label_of_the_melding_conversation_fits_every_age_and_the_af_shares_the_meldcodes_own_talks():
    # B7: at De Brug (4 to 20) "Gesprek met de leerling (en bij een minderjarige de ouders)" put a pupil of 6
    # before the parents; the label now names no order and points to the ages in step 5.
    assert "Gesprek over een melding (met wie: per leeftijd, zie stap 5):" in said("de-brug", "stap-5")
    # R1: De Wissel's aandachtsfunctionaris is also its SMW; what she hears in the meldcode is the school's.
    naima = said("de-wissel", "stap-2").split("Naima Ouali (schoolmaatschappelijk werker):")[1][:600]
    assert "deelt wat hij of zij als aandachtsfunctionaris en in de stappen van deze meldcode hoort met wie" in naima


def test_the_safety_check_of_step_3_calls_112_first_in_acute_danger():
    # K15: "bij acuut gevaar, waar Veilig Thuis voorgaat ..., overlegt eerst met Veilig Thuis" left out 112.
    step_3 = said("het-kompas", "stap-3")
    assert "bij acuut gevaar belt hij of zij eerst 112 en daarna of tegelijk Veilig Thuis" in step_3


def test_a_team_member_and_an_outside_person_read_where_they_come_in():
    # B12: Het Kompas's intern begeleiders sit in the OT, which weighs in step 4, yet read "geen vaste taak".
    ib = said("het-kompas", "ik-ben-intern-begeleider").split("Stap 4:")[1].split("Stap 5:")[0]
    assert "Zit je in het ondersteuningsteam (OT)? Dan denk je daar in deze stap mee." in ib
    # B6: Kwadraad's worker records her conversations but has no access: her page says where they go.
    smw = said("het-kompas", "ik-ben-schoolmaatschappelijk-werker")
    assert "Waar het dossier staat en wie erbij kan: In het leerlingdossier in ParnasSys" in smw
    assert "levert haar verslagen aan via de zorgcoördinator" in smw


# --- review 7 (one fresh reader at d41aabd, asked only for contradictions) --------------------------


def test_the_findings_of_the_seventh_read():
    # C1: at a school from 12, the under-16 line put the parents first, the general sentence the pupil.
    assert "Bespreek een voorgenomen melding met de leerling en met de ouders met gezag" in said(
        "vechtdal-college", "stap-5"
    )
    # C2: the checklist's acute danger now says 112 first.
    forms = " ".join(plain(forms_html(schools()["de-regenboog"], TEMPLATES)).split())
    assert "Is er nu acuut gevaar? Bel eerst 112; zeg het daarna meteen aan het begin van het gesprek" in forms
    # C3: a role page names the outside regie holder with the fallback, as the step box does.
    ib = said("het-kompas", "ik-ben-intern-begeleider").split("Stap 3:")[1].split("Stap 4:")[0]
    assert "(met schriftelijke toestemming; anders de aandachtsfunctionaris (Pieter van Leeuwen))" in ib
    # C4: "acuut en ernstig gevaar" in the emergency section added a condition the other pages do not have.
    assert "Bij acuut gevaar bel je 112." in said("de-wissel", "na-de-melding")
    assert "acuut en ernstig gevaar" not in said("de-wissel", "na-de-melding")
    # C3 (parents): the outside conductor of the conversation only with their consent.
    assert "Wie van buiten de school komt, doet dat alleen met uw schriftelijke toestemming; anders doet" in said(
        "het-kompas", "voor-ouders"
    )
    # C5: Kwadraad's general number is labelled as such on the sociale kaart (the example config).
    assert "Algemeen nummer. Onze schoolmaatschappelijk werker, Lotte Hendriks, staat bij Wie doet wat." in said(
        "het-kompas", "sociale-kaart"
    )
    # C6: the parents' text follows the age list: under 12 the parents and, as it fits, the child.
    assert "De school gaat met u in gesprek over de zorgen, en als dat past bij de leeftijd ook met uw kind." in said(
        "de-brug", "voor-ouders"
    )
    # C7: each reads the report of their own conversation, at every school.
    assert "de ouders dat van het oudergesprek, de leerling dat van het leerlinggesprek" in said("het-kompas", "stap-3")
    assert "een verslag van elk gesprek, met de ouders en met de leerling apart" in said("de-regenboog", "stap-3")


def test_the_parents_read_112_first_in_acute_danger():
    # Review 8, D1: "Soms belt de school daarom eerst Veilig Thuis of de politie ...: bij acuut gevaar".
    text = said("de-wissel", "voor-ouders")
    assert "bij acuut gevaar: dan belt de school eerst 112 en daarna of tegelijk Veilig Thuis" in text
    assert "eerst Veilig Thuis of de politie" not in text


@pytest.mark.parametrize("slug", ("de-regenboog", "vechtdal-college"))
def test_withdrawal_of_consent_from_12_cites_its_lid_and_the_sources_name_it(slug):
    # D2 (review 8): checked against UAVG art. 5 lid 3 sub b; the sources named art. 5 for 16 only.
    text = said(slug, "dossier-en-privacy")
    assert (
        "Vanaf 12 jaar kan de leerling die toestemming zelf intrekken (Uitvoeringswet AVG, artikel 5, derde lid)"
        in text
    )
    assert "vanaf 12 jaar kan de leerling een gegeven toestemming zelf intrekken" in said(slug, "bronnen")
