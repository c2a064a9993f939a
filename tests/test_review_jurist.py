"""The independent legal read of December 2026 (issue 20): each corrected finding, on rendered pages.

The findings are in the closing note of issue 20 (a jurist's read of the five built handbooks
against the primary law texts); each test here failed on the text before the correction.
"""

from __future__ import annotations

import pytest
from test_review_age_sector import ADULTS, PRIMARY, SO_ADULTS, VO, page

ALL = (*PRIMARY, SO_ADULTS, VO)


@pytest.mark.parametrize("slug", ADULTS)
def test_violence_by_staff_against_an_adult_pupil_is_not_sent_to_veilig_thuis(slug):
    # Finding 2: Jeugdwet art. 1.1 (minors), Wmo art. 1.1.1 (huiselijke kring), Wmo art. 5.2.6.
    text = page(slug, "signalen-over-medewerker")
    assert (
        "een minderjarige leerling, of verwaarloost hij of zij een leerling? Dan kan dat kindermishandeling zijn"
        in text
    )
    assert (
        "Gaat het om een leerling van 18 jaar of ouder? Dan is het geen kindermishandeling en geen huiselijk geweld,"
        " en is Veilig Thuis niet de plek om te melden." in text
    )


@pytest.mark.parametrize("slug", ALL)
def test_the_staff_route_names_the_seksueel_misdrijf_and_the_personeelslid(slug):
    # Finding 9: WPO art. 4a, WEC art. 4a, WVO 2020 art. 3.39 bind personeelsleden, for a seksueel misdrijf.
    text = page(slug, "signalen-over-medewerker")
    assert "redelijk vermoeden is van een strafbaar feit" not in text
    assert "redelijk vermoeden is van een seksueel misdrijf" in text
    assert "ben je daartoe als personeelslid wettelijk verplicht" in text
    assert "Voor stagiairs, invallers en vrijwilligers geldt dezelfde afspraak van de school." in text


@pytest.mark.parametrize("slug", ALL)
def test_a_team_with_outsiders_discusses_a_named_pupil_only_with_consent(slug):
    # Finding 6: the ZAT has external members; the Begrippenlijst said "interne en externe deskundigen".
    step = page(slug, "stap-2")
    # with two teams (het-kompas) the second has the outside experts (review 3, F15)
    assert (
        "ook deskundigen van buiten de school? Bespreek de leerling daar dan alleen met naam als je" in step
        or "Deskundigen van buiten de school zitten in het groot ondersteuningsteam: bespreek de leerling daar"
        " alleen met naam als je"
        in step
    )
    begrippen = page(slug, "begrippen")
    assert "besproken met interne en externe deskundigen" not in begrippen
    assert (
        "Zitten die erbij, dan wordt een leerling alleen met naam besproken als daar toestemming voor is." in begrippen
    )


@pytest.mark.parametrize("slug", ALL)
def test_direct_melden_says_when_the_parents_hear_it_without_putting_them_first(slug):
    # Finding 11, with the safety rule: never a parent conversation before Veilig Thuis in acute danger.
    text = page(slug, "afwegingskader")
    assert "Bespreek met Veilig Thuis of en wanneer" in text
    assert "bij acuut gevaar, en waar Veilig Thuis voorgaat, praat je niet eerst met de ouders" in text


@pytest.mark.parametrize("slug", ALL)
def test_the_meldrecht_is_tied_to_a_suspicion_and_ouders_are_those_with_gezag(slug):
    # Finding 10 (Wmo art. 5.2.6) and finding 5 (UAVG art. 5: the wettelijk vertegenwoordiger).
    text = page(slug, "inleiding")
    assert "je mag altijd melden" not in text
    assert "bij een vermoeden van huiselijk geweld of kindermishandeling mag je melden" in text
    assert "gaat het ook om verzorgers en anderen die het gezag" not in text
    assert "gaat het om de ouders met gezag of de voogd" in text
    assert "zij geven geen toestemming en vragen geen inzage namens de leerling" in text


@pytest.mark.parametrize("slug", ALL)
def test_beroepsgeheim_correction_and_erasure_are_in_the_privacy_page(slug):
    # Findings 4 and 8: Wmo art. 5.2.6 (beroepsgeheim lifted towards Veilig Thuis only); AVG art. 16, 17; UAVG 41.
    text = page(slug, "dossier-en-privacy")
    assert "dan doorbreekt het meldrecht het beroepsgeheim (Wmo 2015, artikel 5.2.6)" in text
    assert "mag ook vragen om gegevens te verbeteren of te verwijderen (AVG, artikelen 16 en 17)" in text
    assert "Een ouder kan ook inzage vragen in wat over hemzelf of haarzelf is vastgelegd." in text


def test_the_jeugdarts_shares_what_she_knows_from_her_own_work_only_with_consent():
    # Finding 4: "vult aan met eigen waarnemingen" for the GGD's jeugdarts and jeugdverpleegkundige.
    for slug in ("de-wissel", "de-regenboog"):
        step = page(slug, "stap-2")
        assert (
            "uit een eigen consult of eigen begeleiding van de leerling of het gezin weet, deelt hij of zij alleen"
            " met toestemming" in step
        )


def test_a_pupil_from_12_may_withdraw_the_parents_consent():
    # Finding 7: UAVG art. 5 lid 3 sub b.
    for slug in (SO_ADULTS, VO):
        assert "Vanaf 12 jaar kan de leerling die toestemming zelf intrekken" in page(slug, "dossier-en-privacy")


def test_relationship_violence_is_huiselijk_geweld_only_with_a_partner_who_lives_with_the_pupil():
    # Finding 3: Wmo art. 1.1.1 and 1.1.2; Jeugdwet art. 1.1.
    text = page(VO, "bijzondere-vormen")
    assert "seksuele dwang of slaan. Dat is huiselijk geweld." not in text
    assert "Woont de partner met de leerling samen, dan is dat huiselijk geweld" in text


def test_the_vo_law_says_where_the_duty_stood_before_2022():
    # Finding 13: WVO 2020 applies from 1 August 2022.
    assert "(tot 1 augustus 2022 in de Wet op het voortgezet onderwijs)" in page(VO, "inleiding")
    assert "(tot 1 augustus 2022 in de Wet op het voortgezet onderwijs)" in page(VO, "bronnen")
    assert "Wet op het voortgezet onderwijs" not in page("het-kompas", "inleiding")


@pytest.mark.parametrize("slug", ALL)
def test_letselduiding_and_the_legal_kindcheck(slug):
    # Finding 14: Besluit art. 2 lid 2 sub b (letselduiding), art. 1 sub f (kindcheck).
    assert "een deskundige in letselduiding, zoals de jeugdarts" in page(slug, "index")
    kindcheck = page(slug, "begrippen")
    assert "of die zelf een kind heeft of zwanger is" in kindcheck


def test_the_dossier_access_of_het_kompas_follows_who_writes_in_it():
    # Finding 15: the intern begeleider opens the logboek (stap 1); the access list left her out.
    text = page("het-kompas", "dossier-en-privacy")
    assert "alleen de zorgcoördinator en de directeur hebben toegang" not in text
    assert "voor de casus waarin zij de regie hebben, de intern begeleiders" in text
