"""The handbook follows the age rules, the school's sector and the law (content review, findings 1-23).

Each test names sentences the reviewer quoted from the built examples; they must not come back.
Pages are rendered to Markdown directly (cheap); one test reads the built example PDF.
"""

from __future__ import annotations

import html
import shutil
from functools import cache

import pytest
from conftest import ROOT, copy_schools, pdf_page_texts, visible_text

from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.model import School
from meldcode.pages import pages_for, render_page
from meldcode.pdf import forms_html

TEMPLATES = ROOT / "templates"
CONTENT = load_content(TEMPLATES)
VO, SO_ADULTS, PRIMARY = "vechtdal-college", "de-brug", ("de-regenboog", "het-kompas", "de-wissel")
ADULTS = (VO, SO_ADULTS)


@cache
def schools() -> dict[str, School]:
    config = load_config(ROOT / "schools", TEMPLATES)
    assert not config.problems, config.problems
    return {s.slug: s for s in config.schools}


@cache
def page(slug: str, name: str) -> str:
    """The printed text of one page, as a reader sees it (entities decoded, whitespace folded)."""
    school = schools()[slug]
    found = next(p for p in pages_for(school, CONTENT) if p.slug == name)
    markdown = render_page(found, school, CONTENT, TEMPLATES, "print" if found.print else "web")
    return " ".join(html.unescape(markdown).split())


@pytest.mark.parametrize("slug", ADULTS)
def test_outcomes_and_step_5_do_not_send_an_adult_pupils_melding_to_the_parents_first(slug):
    kader, stap_5 = page(slug, "afwegingskader"), page(slug, "stap-5")
    assert "Bespreek de melding eerst met de ouders" not in kader
    assert "Aanvaarden de ouders en de leerling deze hulp" not in kader
    # a school that also has young children names the parents first, with the age bands (review 3)
    first = (
        "met de ouders en, als dat passend is, met de leerling (vanaf 16 jaar eerst met de leerling zelf; vanaf 18"
        if schools()[slug].primair
        else "met de leerling en, bij een minderjarige leerling, met de ouders"
    )
    assert f"eerst {first}" in kader
    assert "Aanvaarden de leerling en, bij een minderjarige leerling, de ouders deze hulp" in kader
    assert "(zeker vanaf 12 jaar)" not in stap_5
    assert f"vooraf {first}" in stap_5


@pytest.mark.parametrize("slug", PRIMARY)
def test_primary_schools_keep_the_parents_first_with_the_safety_exception(slug):
    kader = page(slug, "afwegingskader")
    assert "eerst met de ouders en, als dat passend is, met de leerling (zie stap 5)" in kader
    assert "Sla dat gesprek alleen over als het de veiligheid van de leerling" in kader
    assert "Aanvaarden de ouders en de leerling deze hulp" in kader
    assert "18 jaar" not in kader
    assert "(zeker vanaf 12 jaar)" in page(slug, "stap-5")


def test_the_flowchart_and_the_web_wizard_get_the_age_texts_too():
    kader_json = page(VO, "afwegingskader")  # the print page has the flowchart, the web page the JSON
    assert "Bespreek de melding met de ouders en meld" not in kader_json
    school = schools()[VO]
    web = render_page(
        next(p for p in pages_for(school, CONTENT) if p.slug == "afwegingskader"), school, CONTENT, TEMPLATES, "web"
    )
    assert "de ouders deze hulp" in web and "Aanvaarden de ouders en de leerling" not in web


@pytest.mark.parametrize("slug", ADULTS)
def test_consent_for_a_named_discussion_follows_the_age_rules(slug):
    text = page(slug, "wie-doet-wat")
    assert "vraagt de school de ouders om toestemming" not in text
    assert (
        "vraagt de school toestemming: onder de 16 jaar aan de ouders met gezag, vanaf 16 jaar aan de leerling zelf"
        " en, bij curatele of mentorschap vanaf 18 jaar, voor wat de leerling zelf niet kan beslissen,"
        " aan de curator of wettelijk mentor." in text
    )
    assert "niet kan beslissen, de curator of wettelijk mentor om toestemming" in page(slug, "stap-2")


def test_a_primary_school_asks_the_parents_for_consent():
    assert "vraagt de school toestemming aan de ouders." in page("de-regenboog", "wie-doet-wat")


def test_vo_step_1_speaks_of_teenagers_and_keeps_an_adults_observations_from_the_parents():
    text = page(VO, "stap-1")
    assert "halen en brengen" not in text
    assert "Praat, zoals altijd, met de ouders" not in text
    assert "bijvoorbeeld op een ouderavond of in een gesprek met de mentor" in text
    assert "Dan deel je wat je opvalt alleen met de ouders als de leerling dat goed vindt." in text
    so = page(SO_ADULTS, "stap-1")
    assert "Praat, zoals altijd, met de ouders" not in so and "als de leerling dat goed vindt" in so
    primary = page("de-regenboog", "stap-1")
    assert "halen en brengen" in primary and "18 jaar" not in primary


@pytest.mark.parametrize("slug", ADULTS)
def test_the_staff_member_route_informs_an_adult_pupil_not_the_parents(slug):
    text = page(slug, "signalen-over-medewerker")
    assert "informeert vooraf de ouders van de leerling en de medewerker" not in text
    assert "volg je dezelfde route" not in text
    # The parents hear of it only with the pupil's consent; a curator or mentor has no say in the
    # aangifte itself (UAVG art. 5 lid 2, BW 1:453: only what the pupil cannot decide).
    assert "Bij een leerling van 18 jaar of ouder informeert het bestuur de leerling zelf; de ouders alleen" in text


def test_the_staff_member_route_says_the_wec_and_wvo_duties_stop_at_18():
    # WEC art. 4a and WVO 2020 art. 3.39 say "jegens een minderjarige leerling" (legal check #50-52);
    # the earlier text left that open for the WEC.
    for slug in (SO_ADULTS, VO):
        text = page(slug, "signalen-over-medewerker")
        assert "geldt de wettelijke aangifteplicht van de" in text and "niet. Het bestuur overlegt ook dan" in text
        assert "ook over de vraag of de aangifteplicht" not in text
        assert "seksueel misdrijf tegen een minderjarige leerling" in text and "zedendelict" not in text
    primary = page("de-regenboog", "signalen-over-medewerker")  # WPO art. 4a: every pupil
    assert "seksueel misdrijf tegen een leerling" in primary and "minderjarige" not in primary


def test_the_primary_staff_member_route_is_unchanged():
    text = page("de-regenboog", "signalen-over-medewerker")
    assert "**informeert vooraf** de ouders van de leerling en de medewerker over wie het gaat" in text
    assert "18 jaar" not in text


def test_the_vo_school_has_no_primary_samenwerkingsverband_and_no_kindertelefoon_for_all_ages():
    vo = page(VO, "sociale-kaart")
    assert "Passend Primair Onderwijs" not in vo
    assert "Samenwerkingsverband VO Vechtdal" in vo
    assert "Voor kinderen zelf" not in vo and "Voor kinderen en jongeren tot 18 jaar" in vo
    assert "Slachtofferhulp Nederland" in vo
    for slug in PRIMARY + (SO_ADULTS,):  # SO: its SO department's pupils come through the PO samenwerkingsverband
        assert "Passend Primair Onderwijs" in page(slug, "sociale-kaart"), slug


def test_a_stichting_contact_limited_to_sectors_reaches_only_those_schools(tmp_path):
    folder = copy_schools(tmp_path)
    stichting = folder / "_stichting.yaml"
    text = stichting.read_text(encoding="utf-8")
    stichting.write_text(
        text.replace("    sectoren: [basisonderwijs, speciaal-basisonderwijs, speciaal-onderwijs]\n", "")
        + "  - organisatie: Alleen VO Loket\n    categorie: overig\n    telefoon: 030-123 45 67\n"
        "    sectoren: [voortgezet-onderwijs]\n",
        encoding="utf-8",
    )
    config = load_config(folder, TEMPLATES)
    assert not config.problems, config.problems
    names = {s.slug: [c.organisatie for _, cs in s.sociale_kaart for c in cs] for s in config.schools}
    assert "Alleen VO Loket" in names[VO]
    assert all("Alleen VO Loket" not in names[slug] for slug in PRIMARY + (SO_ADULTS,))
    assert "Samenwerkingsverband Passend Primair Onderwijs Vechtdal" in names[VO]  # no `sectoren`: every school


def test_an_unknown_sector_on_a_stichting_contact_is_a_dutch_error(tmp_path):
    folder = copy_schools(tmp_path)
    stichting = folder / "_stichting.yaml"
    text = stichting.read_text(encoding="utf-8")
    stichting.write_text(text.replace("[basisonderwijs, speciaal-basisonderwijs,", "[basischool,"), encoding="utf-8")
    config = load_config(folder, TEMPLATES)
    messages = [str(p) for p in config.problems]
    assert any("sectoren" in m and "basischool" in m for m in messages), messages


def test_vo_text_names_the_mentor_the_klas_and_the_schools_own_team():
    assert "of de mentor erbij is" in page(VO, "wie-doet-wat")
    for name in ("stap-2", "stap-4"):
        text = page(VO, name)
        assert "zorgoverleg" not in text, name
        assert "het zorg- en adviesteam (ZAT)" in text, name
    forms = " ".join(forms_html(schools()[VO], TEMPLATES).split())
    assert "Groep:" not in forms and "Klas: ______" in forms and "adres, klas en mentor." in forms
    primary = forms_html(schools()["de-regenboog"], TEMPLATES)
    assert "Groep: ______" in primary and "adres, groep." in primary


@pytest.mark.parametrize("slug", PRIMARY + ADULTS)
def test_step_2_gives_example_partners_of_the_sociale_kaart(slug):
    text = page(slug, "stap-2")
    assert "het buurtteam, vraag je" not in text
    if slug != "het-kompas":  # het Kompas names its groot ondersteuningsteam instead
        assert "bijvoorbeeld met de jeugdarts of het samenwerkingsverband, vraag je" in text


@pytest.mark.parametrize("slug", PRIMARY + ADULTS)
def test_the_law_obliges_the_school_and_the_lec_egg_is_spelled_right(slug):
    intro = page(slug, "inleiding")
    assert "De wet verplicht je om de stappen" not in intro
    assert "De wet verplicht de school om een meldcode te hebben en het gebruik ervan te bevorderen." in intro
    forms = page(slug, "bijzondere-vormen")
    assert "Expertise Centrum Eer Gerelateerd" not in forms
    assert "Landelijk Expertisecentrum Eergerelateerd Geweld (LEC EGG)" in forms
    assert forms.count("Seksueel geweld :") == 1


def test_the_vo_example_gives_mentors_one_first_route():
    agreements = page(VO, "randvoorwaarden")
    assert "eerst met de zorgcoördinator van hun afdeling" not in agreements
    assert "Mentoren bespreken zorgen over een leerling dezelfde dag met de aandachtsfunctionaris" in agreements
    assert "dezelfde dag met de aandachtsfunctionaris" in page(VO, "wie-doet-wat")
    assert "aan Samira Benali, de aandachtsfunctionaris" in page(VO, "index")


def test_an_unknown_age_group_in_the_content_data_fails_loudly(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    steps = templates / "data" / "stappen.yaml"
    steps.write_text(
        steps.read_text(encoding="utf-8").replace("als: {leerlingen: primair}", "als: {leerlingen: kleuters}", 1),
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="kleuters"):
        load_content(templates)


def test_the_vo_pdf_has_the_age_texts(example_site):
    text = " ".join(" ".join(page.split()) for page in pdf_page_texts(example_site / VO / f"meldcode-{VO}.pdf"))
    assert "Bespreek de melding eerst met de ouders" not in text
    assert "halen en brengen" not in text
    site = visible_text((example_site / VO / "afwegingskader.html").read_text(encoding="utf-8"))
    assert "Bespreek de melding eerst met de ouders" not in site
