"""Bad input gives one clear Dutch line per problem, with file, line and field."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_schools

from meldcode.load import load_config
from meldcode.loader import MAX_BYTES

BAD = FIXTURES / "bad"
TEMPLATES = ROOT / "templates"

# Fixtures that cannot carry an "# expect:" first line (line|field|fragment).
NO_COMMENT = {
    "empty.yaml": "||het bestand is leeg",
    "only-comment.yaml": "||het bestand is leeg",
    "bom.yaml": "1||byte-order mark",
    "not-utf8.yaml": "1||geen UTF-8",
    "list-not-mapping.yaml": "1||niet uit een lijst",
}


def expectation(path: Path) -> tuple[int | None, str | None, str]:
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace")
    spec = first[len("# expect: ") :] if first.startswith("# expect: ") else NO_COMMENT[path.name]
    line, field, fragment = spec.split("|", 2)
    return (int(line) if line else None), (field or None), fragment


def problems_for(tmp_path: Path, *files: Path, with_examples: bool = False):
    schools = copy_schools(tmp_path, *files, with_examples=with_examples)
    return load_config(schools, TEMPLATES).problems


@pytest.mark.parametrize("fixture", sorted(p.name for p in BAD.iterdir()))
def test_bad_input_gives_a_dutch_line_with_file_line_and_field(tmp_path, fixture):
    line, field, fragment = expectation(BAD / fixture)
    problems = problems_for(tmp_path, BAD / fixture)
    assert problems, "no problem reported"
    matching = [p for p in problems if fragment in p.message]
    assert matching, "\n".join(map(str, problems))
    problem = matching[0]
    assert problem.file == f"schools/{fixture}"
    assert problem.line == line
    assert problem.field == field
    assert problem.school == Path(fixture).stem
    assert str(problem).startswith(f"schools/{fixture}")


def test_the_issue_example_gives_three_errors(tmp_path):
    problems = problems_for(tmp_path, BAD / "issue-example.yaml")
    messages = [str(p) for p in problems]
    assert len(problems) == 3, messages
    assert any(
        re.match(r"schools/issue-example\.yaml:3: adress: onbekend veld 'adress'; bedoelde u 'adres'\?", m)
        for m in messages
    )
    assert any(
        m.startswith('schools/issue-example.yaml:8: telefoon: "0800-20" is geen geldig telefoonnummer')
        for m in messages
    )
    assert any("aandachtsfunctionaris: dit verplichte veld ontbreekt" in m for m in messages)


def test_all_problems_of_all_files_are_reported_at_once(tmp_path):
    problems = problems_for(tmp_path, BAD / "bad-phone.yaml", BAD / "bad-email.yaml", BAD / "tabs.yaml")
    assert {p.file for p in problems} == {"schools/bad-phone.yaml", "schools/bad-email.yaml", "schools/tabs.yaml"}


def test_oversized_file_is_refused(tmp_path):
    big = tmp_path / "groot.yaml"
    big.write_text("naam: x\n" + "# " + "x" * MAX_BYTES + "\n")
    problems = problems_for(tmp_path / "s", big)
    assert any("te groot" in p.message for p in problems)


def test_two_schools_with_the_same_name_are_refused(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    shutil.copy(FIXTURES / "good" / "minimal.yaml", a)
    b.write_text((FIXTURES / "good" / "minimal.yaml").read_text().replace("OBS Minimaal", "obs  minimaal"))
    problems = problems_for(tmp_path / "s", a, b)
    assert [p.message for p in problems] == ['de naam "obs  minimaal" wordt ook gebruikt in schools/a.yaml']


def test_two_files_with_the_same_slug_are_refused(tmp_path):
    a, b = tmp_path / "a.yaml", tmp_path / "a.yml"
    shutil.copy(FIXTURES / "good" / "minimal.yaml", a)
    b.write_text((FIXTURES / "good" / "minimal.yaml").read_text().replace("OBS Minimaal", "OBS Ander"))
    problems = problems_for(tmp_path / "s", a, b)
    assert any("dezelfde naam" in p.message and p.file == "schools/a.yml" for p in problems)


def test_bad_file_name_is_refused(tmp_path):
    bad = tmp_path / "De Regenboog.yaml"
    shutil.copy(FIXTURES / "good" / "minimal.yaml", bad)
    problems = problems_for(tmp_path / "s", bad)
    assert any("kleine letters" in p.message for p in problems)


@pytest.mark.parametrize(
    "logo,fragment",
    [
        ("bestaat-niet.svg", "bestaat niet"),
        ("../buiten.svg", "moet in de map schools/ staan"),
        ("geen-plaatje.svg", "geen afbeelding"),
        # Hostile logos (issue 24): each would hang, crash or run something in a later stage.
        ("use-bomb.svg", "<use>-verwijzingen naar onderdelen die zelf weer <use> bevatten"),
        ("script.svg", "bevat een <script>"),
        ("onload.svg", "bevat een script (onload=...)"),
        ("external-image.svg", 'verwijst naar een ander bestand of internet ("file:///etc/passwd")'),
        ("entities.svg", "geen afbeelding"),
        ("pixel-bomb.png", "is te groot (te veel pixels); verklein het logo"),
        ("truncated.png", "geen leesbare afbeelding"),
    ],
)
def test_bad_logo_is_refused(tmp_path, logo, fragment):
    schools = copy_schools(tmp_path, with_examples=False)
    for path in (FIXTURES / "bad-logo").iterdir():
        shutil.copy(path, schools)
    (tmp_path / "buiten.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (schools / "geen-plaatje.svg").write_text("#!/bin/sh\necho dit is geen plaatje\n")
    stichting = schools / "_stichting.yaml"
    stichting.write_text(stichting.read_text().replace("logo: logo-vechtdal.svg", f"logo: {logo}"))
    problems = load_config(schools, TEMPLATES).problems
    assert [(p.file, p.field, p.school) for p in problems] == [("schools/_stichting.yaml", "stichting.logo", None)]
    assert fragment in problems[0].message
    assert problems[0].line == 1 + stichting.read_text().splitlines().index(f"  logo: {logo}")


def test_a_truncated_logo_is_refused_also_after_the_preview_made_a_pdf(tmp_path):
    # Importing WeasyPrint (the preview's first PDF) lets Pillow accept truncated images process-wide.
    import weasyprint  # noqa: F401

    schools = copy_schools(tmp_path, with_examples=False)
    shutil.copy(FIXTURES / "bad-logo" / "truncated.png", schools)
    stichting = schools / "_stichting.yaml"
    stichting.write_text(stichting.read_text().replace("logo: logo-vechtdal.svg", "logo: truncated.png"))
    problems = load_config(schools, TEMPLATES).problems
    assert ["geen leesbare afbeelding" in p.message for p in problems] == [True]


def test_missing_stichting_file_is_reported(tmp_path):
    schools = tmp_path / "schools"
    schools.mkdir()
    shutil.copy(FIXTURES / "good" / "minimal.yaml", schools)
    config = load_config(schools, TEMPLATES)
    assert config.fatal
    assert "stichting ontbreekt" in config.problems[0].message


def test_role_missing_at_a_school_points_at_the_stichting_default(tmp_path):
    schools = copy_schools(tmp_path, FIXTURES / "good" / "minimal.yaml", with_examples=False)
    stichting = schools / "_stichting.yaml"
    stichting.write_text(
        stichting.read_text().replace("betrokken: [leerkracht]\n", "betrokken: [leerkracht, intern_begeleider]\n", 1)
    )
    problems = load_config(schools, TEMPLATES).problems
    assert len(problems) == 1
    assert problems[0].file == "schools/_stichting.yaml"
    assert problems[0].field == "taakverdeling.stap_1.betrokken.2"
    assert problems[0].school == "minimal"  # only that school cannot be built
    assert "schools/minimal.yaml" in problems[0].message


def test_valid_minimal_school_has_no_problems(tmp_path):
    assert problems_for(tmp_path, FIXTURES / "good" / "minimal.yaml") == []


def test_example_schools_are_valid():
    config = load_config(ROOT / "schools", TEMPLATES)
    assert config.problems == []
    assert len(config.schools) >= 3


@pytest.mark.parametrize("kind", ["symlink", "fifo"])
def test_a_school_file_that_is_a_link_or_a_pipe_is_refused_without_reading_it(tmp_path, kind):
    import os

    outside = tmp_path / "elders.yaml"
    shutil.copy(FIXTURES / "good" / "minimal.yaml", outside)
    schools = copy_schools(tmp_path / "bestuur", with_examples=False)
    target = schools / "vreemd.yaml"
    if kind == "symlink":
        target.symlink_to(outside)
    else:
        os.mkfifo(target)  # reading it would wait forever for a writer
    problems = load_config(schools, TEMPLATES).problems
    assert [(p.file, p.school) for p in problems] == [("schools/vreemd.yaml", "vreemd")]
    assert "geen gewoon bestand" in problems[0].message


def test_a_conflict_between_the_boards_and_a_schools_werkwijze_names_the_school(tmp_path):
    schools = copy_schools(tmp_path, with_examples=False)
    stichting = schools / "_stichting.yaml"
    text = stichting.read_text(encoding="utf-8")
    assert "    leerkracht: in_overleg\n" in text
    stichting.write_text(text.replace("    leerkracht: in_overleg\n", "    leerkracht: nooit\n"))
    school = (FIXTURES / "good" / "minimal.yaml").read_text(encoding="utf-8")
    (schools / "de-linde.yaml").write_text(school + "werkwijze:\n  gesprek_ouders:\n    voert: leerkracht\n")
    problems = load_config(schools, TEMPLATES).problems
    assert [(p.file, p.field, p.school) for p in problems] == [
        ("schools/_stichting.yaml", "werkwijze.gesprek_ouders.leerkracht", "de-linde")
    ]
    assert problems[0].message.endswith("(bij schools/de-linde.yaml)")
