"""The text for parents (issue 21, item 6): a page and plain text, made from the school's procedure."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, SLUGS, visible_text

from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.names import parents_text
from meldcode.parents import parents_plain_text

TEMPLATES = ROOT / "templates"
CONTENT = load_content(TEMPLATES)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_school_has_the_page_and_the_plain_text_for_parents(example_site: Path, slug: str):
    folder = example_site / slug
    page = (folder / "voor-ouders.html").read_text(encoding="utf-8")
    assert f'href="{parents_text(slug)}"' in page
    assert 'href="voor-ouders.html"' in (folder / "index.html").read_text(encoding="utf-8")  # in the menu
    assert f'href="{parents_text(slug)}"' in (folder / "downloads.html").read_text(encoding="utf-8")
    index = (folder / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "voor-ouders.html" not in index  # staff search the steps, which hold the same procedure
    text = (folder / parents_text(slug)).read_text(encoding="utf-8")
    assert text.startswith("Zorgen over de veiligheid van een kind: zo werkt ")
    assert not re.search(r"[<>*_`{}]|\]\(|&\w+;|^#", text, re.M), "markup in the plain text"
    # the page shows the same text as the file
    shown = visible_text(page)
    for paragraph in text.split("\n\n"):
        for line in paragraph.splitlines():
            assert line.removeprefix("- ") in shown, line


def _school(tmp_path: Path, edit=None, slug: str = "het-kompas"):
    schools = tmp_path / "schools"
    schools.mkdir(parents=True, exist_ok=True)
    for name in ("_stichting.yaml", "logo-vechtdal.svg", f"{slug}.yaml"):
        shutil.copy(ROOT / "schools" / name, schools / name)
    if edit:
        path = schools / f"{slug}.yaml"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    config = load_config(schools, TEMPLATES)
    assert not config.problems, config.problems
    return config.schools[0]


def _text(school) -> str:
    return parents_plain_text(school, CONTENT, TEMPLATES, ROOT / "mkdocs.yml")


def test_the_text_follows_who_talks_with_the_parents(tmp_path):
    before = _text(_school(tmp_path / "a"))
    assert (
        "Het gesprek met u voert Lotte Hendriks (schoolmaatschappelijk werker), samen met Pieter van Leeuwen" in before
    )
    after = _text(
        _school(
            tmp_path / "b",
            lambda t: t.replace("voert: [schoolmaatschappelijk_werker, zorgcoordinator]", "voert: zorgcoordinator"),
        )
    )
    assert "Het gesprek met u voert Pieter van Leeuwen (zorgcoördinator)." in after
    assert "Lotte Hendriks" not in after


def test_the_text_follows_existing_help_and_consent(tmp_path):
    with_help = _text(_school(tmp_path / "a"))
    assert "Is er al hulp bij uw gezin betrokken, bijvoorbeeld het Centrum voor Jeugd en Gezin?" in with_help
    assert "schriftelijke toestemming" in with_help
    without = _text(
        _school(tmp_path / "b", lambda t: re.sub(r"(?ms)^  bestaande_hulp:.*?(?=^  \S|^\S)", "", t, count=1))
    )
    assert "Is er al hulp bij uw gezin betrokken" not in without


def test_the_text_names_the_schools_own_people_as_written(tmp_path):
    school = _school(
        tmp_path, lambda t: t.replace("naam: Pieter van Leeuwen", 'naam: "Anna & <Bob> van Dijk"'), slug="het-kompas"
    )
    text = _text(school)
    assert "bespreken hun zorgen met de aandachtsfunctionaris van de school: Anna & <Bob> van Dijk." in text
    assert "&amp;" not in text and "&lt;" not in text


def test_the_text_never_promises_that_parents_always_hear_first(tmp_path):
    for slug in ("het-kompas", "vechtdal-college"):
        text = _text(_school(tmp_path / slug, slug=slug))
        assert "Wanneer de school niet eerst met u praat" in text
        assert (
            "bij acuut gevaar: dan belt de school eerst 112" in text and "als het kind structureel onveilig is" in text
        )
        assert "eergerelateerd geweld, huwelijksdwang, vrouwelijke genitale verminking of seksueel geweld" in text
        assert "als een ouder zelf bij het geweld betrokken kan zijn" in text
        assert not re.search(r"altijd (eerst )?met u|altijd eerst", text)
