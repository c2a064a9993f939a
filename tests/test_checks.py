"""Aandachtspunten: each check fires on a config that falls short, and stays quiet on one that does not.

The checks run on loaded configs (load_config on a small folder), not on builds;
one full build in test_aandachtspunten_build.py covers the overview, the CSV and --strict.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT, board_vaststelling_only

from meldcode import catalogue, checks
from meldcode.catalogue import CHECKS
from meldcode.checks import Aandachtspunt, find_aandachtspunten
from meldcode.load import load_config
from meldcode.values import Phone

TEMPLATES = ROOT / "templates"
TODAY = dt.date(2026, 11, 23)  # the examples' evaluation (2027-06-30) is more than three months away
SCHOOL = "de-regenboog.yaml"

Edit = Callable[[str], str]


def replace(old: str, new: str) -> Edit:
    """An edit of a file's text that fails loudly when the text it changes is not there."""

    def edit(text: str) -> str:
        assert old in text, f"fixture text not found: {old!r}"
        return text.replace(old, new, 1)

    return edit


def setup(tmp_path: Path, school: Edit | None = None, stichting: Edit | None = None) -> Path:
    """A schools/ folder with the example stichting and OBS De Regenboog, each optionally edited."""
    schools = tmp_path / "schools"
    schools.mkdir(parents=True)
    for name in ("_stichting.yaml", SCHOOL, "logo-vechtdal.svg"):
        shutil.copy(ROOT / "schools" / name, schools / name)
    board_vaststelling_only(schools)  # the example school's own MR line would hide the board's checks
    for name, edit in (("_stichting.yaml", stichting), (SCHOOL, school)):
        if edit:
            path = schools / name
            path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return schools


def points(tmp_path: Path, school: Edit | None = None, stichting: Edit | None = None, today=TODAY, templates=TEMPLATES):
    config = load_config(setup(tmp_path, school, stichting), templates)
    assert config.problems == [], "\n".join(map(str, config.problems))
    return find_aandachtspunten(config, templates, today)


def codes(found: list[Aandachtspunt]) -> list[str]:
    return [p.code for p in found]


# --- the examples are in order ----------------------------------------------------


def test_example_stichting_has_no_aandachtspunten():
    config = load_config(ROOT / "schools", TEMPLATES)
    assert config.problems == []
    assert [str(p) for p in find_aandachtspunten(config, TEMPLATES, TODAY)] == []


def test_every_check_is_defined_once_with_title_and_advice():
    assert len(CHECKS) == len(catalogue._ALL)
    for check in CHECKS.values():
        assert check.titel and check.advies.endswith((".", "?")), check.code


def test_every_check_is_explained_in_the_configuration_guide():
    guide = (ROOT / "docs" / "configuratie.md").read_text(encoding="utf-8")
    assert [code for code in CHECKS if f"`{code}`" not in guide] == []


# --- config checks: (code, edit of the school file, edit of the stichting file, near miss) ----------


def without_role(key: str) -> Edit:
    """The school file with role `key` renamed to an own role; the aandachtsfunctionaris acts where it did."""

    def edit(text: str) -> str:
        text = replace(f"  {key}:\n", "  weg:\n    titel: Contactpersoon\n")(text)
        return re.sub(rf"(?<=: ){key}\b", "aandachtsfunctionaris", text)

    return edit


SCHOOL_CASES = {
    "geen-vertrouwenspersoon": (
        without_role("vertrouwenspersoon"),
        replace("naam: Sanne de Graaf", "naam: Sanne de Groot"),
    ),
    # a VO or basisschool with a commissie van begeleiding (accepted silently before) / its own committee role
    "commissie-buiten-speciaal-onderwijs": (
        replace("rollen:\n", "rollen:\n  commissie_van_begeleiding:\n    naam: Karin Jansen\n"),
        replace(
            "rollen:\n", "rollen:\n  begeleidingscommissie:\n    titel: Begeleidingscommissie\n    naam: Karin Jansen\n"
        ),
    ),
    "geen-intern-begeleider": (
        without_role("intern_begeleider"),
        lambda t: t.replace("intern_begeleider", "zorgcoordinator"),
    ),
    "overlegpartner-niet-op-kaart": (
        replace("    - Buurtteam Maarssen\n", "    - Buurtteam Maarssen\n    - Jeugdteam Stichtse Vecht\n"),
        replace("    - Buurtteam Maarssen\n", "    - buurtteam van Maarssen\n"),
    ),
    "dubbel-op-sociale-kaart": (
        replace(
            "sociale_kaart:\n",
            "sociale_kaart:\n  - organisatie: Alarmnummer bij direct gevaar\n"
            "    categorie: crisis\n    telefoon: 0900-8844\n",
        ),
        replace(
            "sociale_kaart:\n",
            "sociale_kaart:\n  - organisatie: Wijkagent Maarssen\n    categorie: crisis\n    telefoon: 0346-289 701\n",
        ),
    ),
    "verouderde-term": (
        replace("verwijsindex: Verwijsindex regio Utrecht", "verwijsindex: Verwijsindex regio Utrecht (via het AMK)"),
        replace(
            "verwijsindex: Verwijsindex regio Utrecht",
            "verwijsindex: Verwijsindex regio Utrecht (AMKO-team)",
        ),
    ),
    "invulvoorbeeld": (
        replace("email: s.degraaf@obsderegenboog.nl", "email: s.degraaf@example.nl"),
        # a real school's own name that contains the word is not a placeholder
        replace("email: s.degraaf@obsderegenboog.nl", "email: s.degraaf@devoorbeeldschool.nl"),
    ),
    # the vertrouwenspersoon (no phone number) leads step 2 / is only involved in it
    "regie-zonder-telefoon": (
        replace("    regie: intern_begeleider\n", "    regie: vertrouwenspersoon\n"),
        replace("[leerkracht, ondersteuningsteam, jeugdarts]", "[leerkracht, vertrouwenspersoon]"),
    ),
    "dubbele-rol": (
        replace("naam: Sanne de Graaf", "naam: Fatima el Amrani"),
        replace("naam: Sanne de Graaf", "naam: Fatima el Amrani-Bos"),
    ),
}


@pytest.mark.parametrize("code", sorted(SCHOOL_CASES))
def test_school_check_fires_and_its_near_miss_does_not(tmp_path, code):
    trigger, near_miss = SCHOOL_CASES[code]
    found = points(tmp_path / "a", school=trigger)
    assert code in codes(found), "\n".join(map(str, found))
    point = next(p for p in found if p.code == code)
    assert point.file.endswith(".yaml") and point.field and point.line, str(point)
    assert f"[{code}]" in str(point) and point.advies in str(point)
    assert code not in codes(points(tmp_path / "b", school=near_miss))


def cut(text: str, start: str, end: str) -> str:
    """Remove the lines from `start` up to (not including) `end`."""
    assert start in text and end in text
    return text[: text.index(start)] + text[text.index(end) :]


STICHTING_CASES = {
    "geen-bewaartermijn": lambda t: cut(t, "  bewaartermijn: >-", "  functionaris_gegevensbescherming:"),
    "geen-fg": lambda t: cut(t, "  functionaris_gegevensbescherming:", "# Standaard taakverdeling"),
    "bestuur-zonder-telefoon": replace("  telefoon: 0346-250 180\n", ""),
    "geen-medezeggenschap": replace("  medezeggenschap: met instemming", "  # medezeggenschap: met instemming"),
    # WMS art. 10 sub e: instemming, not advice (the examples adopted "na advies" before)
    "medezeggenschap-advies": replace("medezeggenschap: met instemming van", "medezeggenschap: na advies van"),
    "besluit-taakverdeling": replace("  besluit_melden: directeur", "  besluit_melden: leerkracht"),
    "invulvoorbeeld": replace("telefoon: 0346-250 180", "telefoon: 06-12345678"),
}


@pytest.mark.parametrize("code", sorted(STICHTING_CASES))
def test_stichting_check_fires_and_points_at_the_stichting_file(tmp_path, code):
    found = [p for p in points(tmp_path, stichting=STICHTING_CASES[code]) if p.code == code]
    assert found and all(p.file == "schools/_stichting.yaml" for p in found), found


@pytest.mark.parametrize("stichting_today", [True, False])
def test_the_evaluation_date_passed_or_within_three_months(tmp_path, stichting_today):
    soon = dt.date(2027, 4, 1)  # evaluation 30 June 2027: within three months
    late = dt.date(2027, 7, 1)
    early = dt.date(2027, 3, 29)
    assert "evaluatie-binnenkort" in codes(points(tmp_path / "a", today=soon))
    found = points(tmp_path / "b", today=late)
    assert "evaluatie-voorbij" in codes(found) and "evaluatie-binnenkort" not in codes(found)
    assert not {"evaluatie-voorbij", "evaluatie-binnenkort"} & set(codes(points(tmp_path / "c", today=early)))
    point = next(p for p in found if p.code == "evaluatie-voorbij")
    assert (point.file, point.field) == ("schools/_stichting.yaml", "vaststelling.evaluatie")


def test_a_school_overriding_the_evaluation_is_pointed_at_itself(tmp_path):
    edit = replace("afspraken:\n", "vaststelling:\n  evaluatie: 2026-12-01\n\nafspraken:\n")
    point = next(p for p in points(tmp_path, school=edit) if p.code == "evaluatie-binnenkort")
    assert (point.file, point.field) == (f"schools/{SCHOOL}", "vaststelling.evaluatie")


def test_a_phone_number_with_a_fake_sequence_is_a_placeholder(tmp_path):
    found = points(tmp_path, school=replace("telefoon: 06-41 23 56 78", "telefoon: 06-12345678"))
    assert any(p.code == "invulvoorbeeld" and p.field == "aandachtsfunctionaris.telefoon" for p in found)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("email: s.degraaf@obsderegenboog.nl", "email: s.degraaf@example-school.nl"),
        ("email: s.degraaf@obsderegenboog.nl", "email: info@voorbeeld.nl"),
        ("website: https://www.obsderegenboog.nl", "website: https://www.voorbeeld-bs.nl/meldcode"),
        ("website: https://www.obsderegenboog.nl", "website: https://example.com"),
    ],
)
def test_look_alike_example_domains_are_placeholders(tmp_path, old, new):
    found = points(tmp_path, school=replace(old, new))
    assert any(p.code == "invulvoorbeeld" and "voorbeelddomein" in p.message for p in found), found


@pytest.mark.parametrize("text", ["N.N.", "xxx", "TODO", "[naam van de school]", "nog invullen"])
def test_placeholder_texts_are_found(tmp_path, text):
    found = points(tmp_path, school=replace("functie: leerkracht groep 6", f'functie: "{text}"'))
    assert any(p.code == "invulvoorbeeld" and p.field == "rollen.vertrouwenspersoon.functie" for p in found)


@pytest.mark.parametrize(
    ("term", "current"),
    [
        ("Steunpunt Huiselijk Geweld", "Veilig Thuis"),
        ("SHG", "Veilig Thuis"),
        ("Bureau Jeugdzorg", "jeugdbescherming"),
        ("Wet bescherming persoonsgegevens", "AVG"),
        ("Wbp", "AVG"),
        ("Wet op de jeugdzorg", "Jeugdwet"),
    ],
)
def test_outdated_terms_name_the_current_one(tmp_path, term, current):
    edit = replace("- Het zorgteam komt", f"- Wij werken samen met {term}. Het zorgteam komt")
    point = next(p for p in points(tmp_path, school=edit) if p.code == "verouderde-term")
    assert term in point.message and current in point.advies and point.field == "afspraken.overig.1"


# --- sociale kaart: duplicates shown once -----------------------------------------------------


def test_a_duplicate_of_a_builtin_entry_is_shown_once_and_names_the_line_to_remove(tmp_path):
    extra = "  - organisatie: Veilig Thuis\n    categorie: advies\n    website: https://www.veiligthuis.nl\n"
    schools = setup(tmp_path, school=replace("sociale_kaart:\n", "sociale_kaart:\n" + extra))
    config = load_config(schools, TEMPLATES)
    school = config.schools[0]
    names = [c.organisatie for _, contacts in school.sociale_kaart for c in contacts]
    assert sum("Veilig Thuis" in n for n in names) == 1
    point = next(p for p in find_aandachtspunten(config, TEMPLATES, TODAY) if p.code == "dubbel-op-sociale-kaart")
    line = (schools / SCHOOL).read_text().splitlines().index("  - organisatie: Veilig Thuis") + 1
    assert point.line == line and f"regel {line} weg" in point.advies
    assert "die het handboek altijd vermeldt" in point.message


def test_two_entries_with_the_same_number_are_shown_once(tmp_path):
    extra = "  - organisatie: Buurtteam (wijk Zuilen)\n    categorie: jeugd-en-gezin\n    telefoon: 0346 289700\n"
    schools = setup(tmp_path, school=lambda t: t + extra)
    config = load_config(schools, TEMPLATES)
    names = [c.organisatie for _, contacts in config.schools[0].sociale_kaart for c in contacts]
    assert "Buurtteam Maarssen" in names and "Buurtteam (wijk Zuilen)" not in names
    point = next(p for p in find_aandachtspunten(config, TEMPLATES, TODAY) if p.code == "dubbel-op-sociale-kaart")
    assert "hetzelfde telefoonnummer" in point.message and '"Buurtteam Maarssen"' in point.message


# --- short numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "display", "tel"),
    [
        ("112", "112", "112"),
        ("113", "113", "113"),
        ("14 020", "14 020", "14020"),
        ("140346", "14 0346", "140346"),
        ("0800-2000", "0800 2000", "+318002000"),
        ("0900-8844", "0900 8844", "+319008844"),
    ],
)
def test_short_numbers_are_valid_with_a_tel_link_that_dials_them(value, display, tel):
    assert Phone.of(value) == Phone(display, tel)


@pytest.mark.parametrize("value", ["911", "1234", "0112", "14 999"])
def test_other_short_numbers_stay_invalid(value):
    assert Phone.of(value) is None


def test_112_in_a_config_is_accepted_and_is_the_builtin_entry(tmp_path):
    extra = '  - organisatie: Alarmnummer\n    categorie: crisis\n    telefoon: "112"\n'
    found = points(tmp_path, school=lambda t: t + extra)
    assert [p.code for p in found] == ["dubbel-op-sociale-kaart"]


# --- accepting an aandachtspunt on purpose ------------------------------------------------------

NO_VP = without_role("vertrouwenspersoon")


def accept(code: str, reden: str = "De stichting heeft een externe vertrouwenspersoon voor alle scholen.", veld=""):
    veld_line = f"    veld: {veld}\n" if veld else ""
    return lambda t: NO_VP(t) + f"\ngeaccepteerd:\n  - code: {code}\n{veld_line}    reden: {reden}\n"


def test_an_accepted_aandachtspunt_is_listed_with_its_reason_but_not_open(tmp_path):
    found = points(tmp_path, school=accept("geen-vertrouwenspersoon"))
    point = next(p for p in found if p.code == "geen-vertrouwenspersoon")
    assert point.geaccepteerd == "De stichting heeft een externe vertrouwenspersoon voor alle scholen."
    assert not point.open and [p for p in found if p.open] == []


def test_an_acceptance_for_another_field_does_not_hide_the_point(tmp_path):
    found = points(tmp_path, school=accept("geen-vertrouwenspersoon", veld="afspraken"))
    assert any(p.code == "geen-vertrouwenspersoon" and p.open for p in found)


def test_an_acceptance_that_matches_nothing_is_an_aandachtspunt(tmp_path):
    extra = "\ngeaccepteerd:\n  - code: geen-fg\n    reden: Wij hebben geen eigen functionaris gegevensbescherming.\n"
    found = points(tmp_path, school=lambda t: t + extra)
    assert codes(found) == ["acceptatie-overbodig"] and found[0].field == "geaccepteerd.1"


@pytest.mark.parametrize(
    ("code", "reden", "fragment"),
    [
        (
            "geen-vertrouwenspersone",
            "De stichting regelt dit centraal voor alle scholen.",
            "bedoelde u 'geen-vertrouwenspersoon'?",
        ),
        ("geen-vertrouwenspersoon", "omdat", "in een hele zin"),
    ],
)
def test_an_acceptance_with_an_unknown_code_or_no_real_reason_is_an_error(tmp_path, code, reden, fragment):
    config = load_config(setup(tmp_path, school=accept(code, reden)), TEMPLATES)
    assert config.schools == []
    assert any(fragment in p.message and p.field.startswith("geaccepteerd.1") for p in config.problems), config.problems


# --- Besluit verplichte meldcode, art. 2: from the content, failing when an element is removed ------


def content_copy(tmp_path: Path, name: str, edit: Edit) -> Path:
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    path = templates / name
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return templates


def _empty_step_2(text: str) -> str:
    """Step 2 without anything to do (its bullets moved under a key nothing reads)."""
    at = text.index("  doen:\n", text.index("- nummer: 2"))
    return text[:at] + "  doen: []\n  weg:\n" + text[at + len("  doen:\n") :]


CONTENT_CASES = {
    "besluit-stappenplan": ("data/stappen.yaml", _empty_step_2),
    "besluit-taakverdeling": (
        "handbook/wie-doet-wat.md.j2",
        replace("**Het besluit om te melden** neemt {{ m.who_short(school.besluit_melden) }}.", "Melden."),
    ),
    "besluit-bijzondere-vormen": (
        "handbook/bijzondere-vormen.md.j2",
        lambda t: t.replace("genitale verminking", "besnijdenis"),
    ),
    "besluit-verwijsindex": (
        "data/stappen.yaml",
        replace("Overweeg een signaal in {verwijsindex}", "Overweeg een signaal"),
    ),
    "besluit-kindcheck": ("data/stappen.yaml", replace("    - Doe de kindcheck. ", "    - ")),
    "besluit-gegevens": ("handbook/dossier-en-privacy.md.j2", replace("{{ school.afspraken.dossier }}\n", "")),
    "besluit-afwegingskader": (
        "data/afwegingskader.yaml",
        lambda t: t.replace("nummer: 5", "nummer: 6").replace("naar: 5", "naar: 6"),
    ),
    "besluit-beslissingen": ("data/stappen.yaml", replace("    - Neem beslissing 2. ", "    - ")),
}


@pytest.mark.parametrize("code", sorted(CONTENT_CASES))
def test_besluit_element_removed_from_the_content_is_found(tmp_path, code):
    name, edit = CONTENT_CASES[code]
    templates = content_copy(tmp_path, name, edit)
    found = points(tmp_path, templates=templates)
    assert code in codes(found), "\n".join(map(str, found))
    assert [c for c in codes(found) if c.startswith("besluit-") and c != code] == []


PAGE_CASES = {
    "besluit-stappenplan": "stap-3",
    "besluit-taakverdeling": "wie-doet-wat",
    "besluit-bijzondere-vormen": "bijzondere-vormen",
    "besluit-gegevens": "dossier-en-privacy",
    "besluit-afwegingskader": "afwegingskader",
}


@pytest.mark.parametrize("code", sorted(PAGE_CASES))
def test_besluit_element_removed_from_the_page_list_is_found(tmp_path, monkeypatch, code):
    original = checks.pages_for
    monkeypatch.setattr(checks, "pages_for", lambda *a: [p for p in original(*a) if p.slug != PAGE_CASES[code]])
    found = points(tmp_path)
    assert code in codes(found), "\n".join(map(str, found))
    assert next(p for p in found if p.code == code).file == "meldcode/pages.py"
