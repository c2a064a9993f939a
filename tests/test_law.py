"""The law as written (issue 20, shared/law/legal-check.md): each corrected sentence, on rendered pages.

Every test here failed on the text before the correction; the article each rests on is in the
template's source comment.
"""

from __future__ import annotations

import pytest
from test_review_age_sector import ADULTS, CONTENT, PRIMARY, SO_ADULTS, TEMPLATES, VO, page, schools

from meldcode.pages import pages_for
from meldcode.pdf import forms_html

ALL = (*PRIMARY, SO_ADULTS, VO)


def every_page(slug: str) -> str:
    school = schools()[slug]
    return " ".join(page(slug, p.slug) for p in pages_for(school, CONTENT) if not p.history)


def test_parents_inzage_is_not_unconditional_and_pupils_from_12_may_ask_themselves():
    # HIGH (#63): UAVG art. 41 lid 1 sub i; UAVG art. 5 lid 4 sub b.
    for slug in ALL:
        text = page(slug, "dossier-en-privacy")
        assert "Ouders met gezag hebben recht op inzage" not in text
        assert "persoonlijke werkaantekeningen" not in text  # no basis found in the AVG or UAVG
        assert "De school mag inzage beperken als dat nodig is om de leerling of een ander te beschermen" in text
        assert "als de zorgen over de ouder gaan die inzage vraagt" in text
        assert "Geef bij een verzoek om inzage dus nooit zelf het dossier" in text
    assert "Vanaf 12 jaar kan de leerling dat ook zelf." in page("de-regenboog", "dossier-en-privacy")


@pytest.mark.parametrize("slug", ADULTS)
def test_a_curator_or_wettelijk_mentor_decides_only_what_the_pupil_cannot(slug):
    # MEDIUM (#58, #65): UAVG art. 5 lid 2 and lid 4 sub c; BW 1:453 lid 1; BW 1:452 lid 4.
    text = page(slug, "dossier-en-privacy")
    assert "Alleen de leerling zelf, of diens curator of wettelijk mentor, heeft recht op inzage" not in text
    assert "geeft die alleen toestemming voor wat de leerling zelf niet kan of mag beslissen" in text
    assert "Vraag dan eerst Veilig Thuis om advies, voordat je hem of haar iets vertelt" in text
    assert "Gaan de zorgen over die persoon, dan houdt de school de gegevens achter" in text
    assert "of zijn curator of wettelijk mentor" not in page(slug, "bronnen")
    assert "Vaak is een ouder de wettelijk mentor." in page(slug, "begrippen")


@pytest.mark.parametrize("slug", ALL)
def test_other_violence_by_staff_is_kindermishandeling_with_veilig_thuis_and_the_meldrecht(slug):
    # MEDIUM (#53): Jeugdwet art. 1.1 (relation of dependency); Wmo 2015 art. 4.1.1, 5.2.6.
    text = page(slug, "signalen-over-medewerker")
    assert "Ander geweld door een medewerker" in text
    # review December 2026: only with serious harm, and never for a pupil of 18 or older
    assert "Ook dat is kindermishandeling" not in text
    assert "Dan kan dat kindermishandeling zijn" in text and "Jeugdwet, artikel 1.1" in text
    section = text[text.index("Ander geweld door een medewerker Slaat") :]
    assert "vraagt Veilig Thuis om advies" in section and "(meldrecht)" in section
    assert "Gaan de signalen over geweld, seksueel misbruik" not in text  # all violence was sent off the meldcode


@pytest.mark.parametrize("slug", ALL)
def test_the_bestuur_tells_the_vertrouwensinspecteur_of_the_aangifte(slug):
    # WPO/WEC art. 4a lid 2, WVO 2020 art. 3.39 lid 2.
    assert "laat het bestuur de vertrouwensinspecteur meteen weten dat het aangifte heeft gedaan" in page(
        slug, "signalen-over-medewerker"
    )
    assert "na de aangifte informeert het bestuur de vertrouwensinspecteur" in page(slug, "bronnen")


@pytest.mark.parametrize("slug", ALL)
def test_the_current_term_is_seksueel_misdrijf(slug):
    text = every_page(slug)
    assert "zedendelict" not in text and "seksueel misdrijf" in text


def test_the_verwijsindex_is_for_a_designated_staff_member_who_tells_parents_and_pupil():
    # MEDIUM (#72): Jeugdwet art. 7.1.1.2, 7.1.4.1, 7.1.5.1.
    for slug in ALL:
        step = page(slug, "stap-3")
        # the designated employee, named where the school chose one (werkwijze verwijsindex_signaal)
        designated = "de zorgcoördinator (Pieter van Leeuwen)" if slug == "het-kompas" else "de aandachtsfunctionaris ("
        assert f"Dat doet alleen {designated}" in step
        # Jeugdwet art. 7.1.5.1: under 12 the vertegenwoordiger, 12-16 both, from 16 the pupil alone (review 2026)
        assert "Hij of zij vertelt het de ouders" not in step
        assert "Of de school of de gemeente dat doet, staat in de afspraken van de school met de gemeente." in step
        if slug in (SO_ADULTS, VO):
            assert "vanaf 16 jaar alleen de leerling zelf" in step
        else:
            assert "de ouders met gezag of de voogd geïnformeerd, en vanaf 12 jaar ook de leerling" in step
        assert (
            "Alleen een medewerker die de school daarvoor heeft aangewezen, en alleen als de school daarover afspraken"
            in page(slug, "begrippen")
        )


def test_the_meldrecht_also_covers_answering_veilig_thuis():
    # Wmo 2015 art. 5.2.6: "desgevraagd of uit eigen beweging".
    for slug in ALL:
        assert "ook als Veilig Thuis je er later om vraagt" in page(slug, "dossier-en-privacy")
        assert "Veilig Thuis informatie geven als het daarom vraagt" in page(slug, "bronnen")


@pytest.mark.parametrize(
    ("slug", "article"),
    [("de-regenboog", "artikel 4b"), ("de-brug", "artikel 5"), ("vechtdal-college", "artikel 3.41")],
)
def test_bronnen_cite_the_seat_of_the_meldcode_duty_and_the_right_dates(slug, article):
    text = page(slug, "bronnen")
    assert f"{schools()[slug].wet}, {article}** | Het bestuur stelt een meldcode vast" in text
    assert "sinds 31 juli 2013" in text and "Besluit verplichte meldcode" in text
    assert "sinds 1 juli 2013; afwegingskader" not in text  # the Besluit was in force from 31 July
    assert "artikelen 6, 8 en 15" not in text  # age 16 rests on UAVG art. 5, not AVG art. 8
    assert "Uitvoeringswet AVG, artikel 41" in text
    assert "versie 2018" not in text  # the basismodel's version could not be verified
    assert f"de {schools()[slug].wet}, {article};" in page(slug, "vaststelling")


def test_the_five_working_days_are_veilig_thuis_aim_not_a_legal_deadline():
    # UB Wmo 2015 art. 4.1.7: the law sets a start within five days after deciding to investigate.
    for slug in ALL:
        text = every_page(slug) + forms_html(schools()[slug], TEMPLATES)
        assert "besluit binnen vijf werkdagen" not in text and "besluit **binnen vijf werkdagen**" not in text
        assert "streeft ernaar **binnen vijf werkdagen** na de melding te beoordelen" in page(slug, "na-de-melding")


def test_the_kindcheck_also_covers_a_pupil_who_is_a_parent_or_pregnant():
    # Besluit art. 2 lid 1 sub f (kindcheck): the pupil's own child counts too.
    for slug in ALL:
        assert "Is de leerling zelf ouder of zwanger? Denk dan ook aan het eigen kind." in page(slug, "stap-1")


@pytest.mark.parametrize("slug", ALL)
def test_the_vaststelling_names_the_medezeggenschaps_instemming(slug):
    # WMS art. 10 sub e and art. 16.
    text = page(slug, "vaststelling")
    assert (
        "heeft het bestuur de instemming van de medezeggenschap nodig"
        " (Wet medezeggenschap op scholen, artikel 10, onderdeel e)" in text
    )
    # the GMR for what all or most schools share (art. 16), the school's MR for its own parts (review 2026)
    assert (
        "voor alle of de meeste scholen van de stichting geldt,"
        " is dat de gemeenschappelijke medezeggenschapsraad (artikel 16)" in text
    )
    assert "als de regels voor meer scholen gelden" not in text
    assert "na advies van de gemeenschappelijke medezeggenschapsraad" not in text  # the example now has instemming
