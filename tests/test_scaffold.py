"""`build.py --nieuwe-school`: a commented school file whose marked fields are exactly what the check asks for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_schools

from meldcode.cli import main
from meldcode.load import load_config
from meldcode.scaffold import MARK

TEMPLATES = ROOT / "templates"


def marked_fields(text: str) -> set[str]:
    """Return the dotted paths of the lines marked to fill."""
    stack: list[tuple[int, str]] = []
    marked = set()
    for line in text.splitlines():
        key = re.match(r"^( *)([a-z_0-9]+):", line)
        if not key:
            continue
        indent = len(key.group(1))
        stack = [(i, k) for i, k in stack if i < indent] + [(indent, key.group(2))]
        if f"# {MARK}" in line:
            marked.add(".".join(k for _, k in stack))
    return marked


def scaffold(schools: Path, slug: str = "de-linde", sector: str = "basisonderwijs") -> int:
    return main(["--schools", str(schools), "--nieuwe-school", slug, "--naam", "OBS De Linde", "--sector", sector])


def checked_fields(capsys, schools: Path, slug: str) -> set[str]:
    assert main(["--check", "-q", "--schools", str(schools)]) == 1
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.startswith(f"schools/{slug}.yaml:")]
    assert len(lines) == len(err.splitlines()) - 1, err  # only this file, plus the count line
    assert all(line.endswith("is nog leeg; dit veld is verplicht") or "is leeg" in line for line in lines), err
    return {line.split(": ")[1] for line in lines}


def fill(text: str) -> str:
    """Fill every marked field with a valid value."""
    values = {"postcode": "1234 AB", "telefoon": "030-123 45 67", "overlegpartners": "[samenwerkingsverband]"}

    def value(match: re.Match) -> str:
        return f"{match.group(1)}{match.group(2)}: {values.get(match.group(2), 'Ingevuld')}"

    return re.sub(rf"^( *)([a-z_0-9]+): +# {MARK}.*$", value, text, flags=re.M)


@pytest.mark.parametrize("sector", ["basisonderwijs", "speciaal-onderwijs", "voortgezet-onderwijs"])
def test_check_lists_exactly_the_fields_still_to_fill(tmp_path, capsys, sector):
    schools = copy_schools(tmp_path, with_examples=False)
    assert scaffold(schools, sector=sector) == 0
    assert "Vul de" in capsys.readouterr().out
    text = (schools / "de-linde.yaml").read_text(encoding="utf-8")
    marked = marked_fields(text)
    assert {"adres.straat", "directeur.naam", "aandachtsfunctionaris.telefoon", "afspraken.overlegpartners"} <= marked
    # Only special education has a commissie van begeleiding (a VO school was asked for one).
    assert ("rollen.commissie_van_begeleiding.naam" in marked) == (sector == "speciaal-onderwijs")
    assert checked_fields(capsys, schools, "de-linde") == marked


def test_a_filled_in_new_school_passes_the_check(tmp_path):
    schools = copy_schools(tmp_path, with_examples=False)
    assert scaffold(schools, sector="speciaal-basisonderwijs") == 0
    path = schools / "de-linde.yaml"
    path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert load_config(schools, TEMPLATES).problems == []


def test_roles_the_stichtings_taakverdeling_names_are_asked_for(tmp_path, capsys):
    schools = copy_schools(tmp_path, with_examples=False)
    stichting = schools / "_stichting.yaml"
    text = stichting.read_text(encoding="utf-8")
    stichting.write_text(
        text.replace("  stap_2:\n    regie: aandachtsfunctionaris", "  stap_2:\n    regie: intern_begeleider")
    )
    assert scaffold(schools) == 0
    new = (schools / "de-linde.yaml").read_text(encoding="utf-8")
    assert "rollen.intern_begeleider.naam" in marked_fields(new)
    assert checked_fields(capsys, schools, "de-linde") == marked_fields(new)
    (schools / "de-linde.yaml").write_text(fill(new), encoding="utf-8")
    assert load_config(schools, TEMPLATES).problems == []


def test_the_stichtings_defaults_are_shown_as_comments(tmp_path):
    schools = copy_schools(tmp_path, with_examples=False)
    assert scaffold(schools) == 0
    text = (schools / "de-linde.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/school.schema.json\n")
    assert "# De website van de school komt op https://meldcode.vechtdalscholen.nl/de-linde/" in text
    assert "#   besluit_melden: directeur" in text
    stichting = yaml.safe_load((schools / "_stichting.yaml").read_text(encoding="utf-8"))
    for key in ("taakverdeling", "vaststelling", "werkwijze"):
        assert (f"# {key}:" in text) == (key in stichting), key
    assert "De Kindertelefoon" in text
    assert "naam: OBS De Linde " in text and "sector: basisonderwijs " in text


def test_an_existing_school_file_is_never_overwritten(tmp_path, capsys):
    schools = copy_schools(tmp_path)
    before = (schools / "de-regenboog.yaml").read_bytes()
    assert scaffold(schools, slug="de-regenboog") == 1
    assert "bestaat al" in capsys.readouterr().err
    assert (schools / "de-regenboog.yaml").read_bytes() == before


def test_a_bad_file_name_is_refused_and_nothing_is_written(tmp_path, capsys):
    schools = copy_schools(tmp_path, with_examples=False)
    assert scaffold(schools, slug="De Linde") == 1
    assert "kleine letters" in capsys.readouterr().err
    assert sorted(p.name for p in schools.glob("*.yaml")) == ["_stichting.yaml"]


def test_name_and_sector_are_required(tmp_path):
    schools = copy_schools(tmp_path, with_examples=False)
    with pytest.raises(SystemExit) as exited:
        main(["--schools", str(schools), "--nieuwe-school", "de-linde", "--naam", "OBS De Linde"])
    assert exited.value.code == 2


def test_the_new_file_offers_only_roles_of_its_own_sector(tmp_path):
    # A basisschool's file listed 'teamleider', a VO and SO role that the check then refused.
    schools = copy_schools(tmp_path, with_examples=False)
    assert scaffold(schools, sector="basisonderwijs") == 0
    text = (schools / "de-linde.yaml").read_text(encoding="utf-8")
    others = next(line for line in text.splitlines() if "Andere rollen" in line)
    assert "teamleider" not in others and "intern_begeleider" in others
    assert scaffold(schools, slug="het-lyceum", sector="voortgezet-onderwijs") == 0
    assert "teamleider" in (schools / "het-lyceum.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("prog", "command"), [("build.py", "make check"), ("meldcode", "meldcode --check")])
def test_the_hint_names_the_check_that_works_where_the_user_is(tmp_path, capsys, prog, command):
    schools = copy_schools(tmp_path, with_examples=False)
    args = ["--schools", str(schools), "--nieuwe-school", "de-linde", "--naam", "OBS De Linde"]
    assert main([*args, "--sector", "basisonderwijs"], prog=prog) == 0
    assert capsys.readouterr().out.rstrip().endswith(f"controleer met: {command}")
    assert f"`{command}` noemt de velden" in (schools / "de-linde.yaml").read_text(encoding="utf-8")
