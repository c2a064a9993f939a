"""The JSON Schemas as the real clients read them: yaml-language-server (VS Code's YAML extension) and ajv.

Our own reading of the schema once missed that the editor reads `stap: 2` as a
number (YAML 1.2) and that ajv could not compile a pattern; these tests ask the
clients themselves.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from yaml_editor import LanguageServer, ajv_check, available

SCHEMAS = ROOT / "schema"
SCHOOL, STICHTING = SCHEMAS / "school.schema.json", SCHEMAS / "stichting.schema.json"
EXAMPLES = sorted((ROOT / "schools").glob("*.yaml"))

# Bad fixtures whose fault the schema itself can know, with the line the build names.
# The others (a number that does not exist, roles across fields, hidden characters, ...)
# only build.py can judge; for them the editor must simply not crash.
KNOWN_TO_THE_SCHEMA = [
    "age-not-a-number",
    "bad-email",
    "bad-postcode",
    "bad-sector",
    "data-url",
    "duplicate-key",
    "issue-example",
    "javascript-url",
    "missing-required",
    "python-tag",
    "tabs",
    "unknown-key",
    "werkwijze-bad-value",
    "wrong-type",
]

pytestmark = pytest.mark.skipif(not available(), reason="needs `make test` (node and tests/browser/node_modules)")


@pytest.fixture(scope="module")
def editor():
    # Like a board's .vscode/settings.json; _stichting.yaml names its schema in its first line.
    server = LanguageServer({SCHOOL: ["**/*.yaml"]})
    yield server
    server.close()


def _lines(diagnostics: list[dict]) -> list[tuple[int, str]]:
    return [(d["range"]["start"]["line"] + 1, d["message"]) for d in diagnostics]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_editor_shows_no_problem_in_an_example(editor, path):
    assert _lines(editor.open(path)) == []


@pytest.mark.parametrize("name", KNOWN_TO_THE_SCHEMA)
def test_the_editor_marks_the_line_the_build_names_in_a_bad_file(editor, name):
    path = FIXTURES / "bad" / f"{name}.yaml"
    expected = re.match(r"# expect: (\d*)\|", path.read_text(encoding="utf-8")).group(1)
    lines = [line for line, _ in _lines(editor.open(path))]
    # The build names a field's key; the editor may mark the value, on the next line for a block.
    assert {int(expected), int(expected) + 1} & set(lines), (name, _lines(editor.diagnostics[path.as_uri()]))


def test_the_editor_names_the_nested_field_not_the_file(editor, tmp_path):
    path = tmp_path / "school.yaml"
    path.write_text("naam: X\nadres: 5\nwerkwijze:\n  bestaande_hulp: ja\n", encoding="utf-8")
    messages = [m for _, m in _lines(editor.open(path))]
    assert 'Incorrect type. Expected "adres".' in messages
    assert 'Incorrect type. Expected "werkwijze.bestaande_hulp".' in messages
    assert not any("Meldcode: gegevens van één school" in m for m in messages if "Incorrect type" in m)


def test_the_editor_accepts_a_step_number_as_a_number_or_as_text(editor, tmp_path):
    source = (ROOT / "schools" / "de-regenboog.yaml").read_text(encoding="utf-8")
    source = source.replace("$schema=../schema/", f"$schema={SCHEMAS.as_uri()}/")  # the copy lives elsewhere
    assert re.search(r"^    stap: 2$", source, re.M), "the example no longer shows the documented form"
    for i, form in enumerate(["2", '"2"', "'3'"]):
        path = tmp_path / f"stap-{i}.yaml"
        path.write_text(re.sub(r"^    stap: 2$", f"    stap: {form}", source, flags=re.M), encoding="utf-8")
        assert _lines(editor.open(path)) == [], form
    path = tmp_path / "stap-4.yaml"
    path.write_text(re.sub(r"^    stap: 2$", "    stap: 4", source, flags=re.M), encoding="utf-8")
    assert _lines(editor.open(path)), "stap: 4 is no step"


def test_the_editor_offers_the_missing_fields(editor, tmp_path):
    path = tmp_path / "nieuw.yaml"
    path.write_text("naam: OBS Nieuw\n\n", encoding="utf-8")
    editor.open(path)
    offered = editor.complete(path, 1, 0)
    for field in ("sector", "adres", "directeur", "aandachtsfunctionaris", "afspraken"):
        assert field in offered, offered


def test_every_bad_fixture_is_read_by_the_editor_without_crashing_it(editor):
    readable = []
    for path in sorted((FIXTURES / "bad").glob("*.yaml")):
        try:
            path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # an editor refuses such a file before any schema
        readable.append(path)
    assert len(editor.open_all(readable)) == len(readable) > 10  # each one validated
    assert editor.proc.poll() is None


def test_ajv_compiles_both_schemas_and_finds_no_problem_in_the_examples(tmp_path):
    schools = [p for p in EXAMPLES if not p.name.startswith("_")]
    assert all(errors == [] for errors in ajv_check(SCHOOL, schools).values())
    assert ajv_check(STICHTING, [ROOT / "schools" / "_stichting.yaml"]) == {
        str(ROOT / "schools" / "_stichting.yaml"): []
    }


def test_ajv_finds_no_problem_in_the_yaml_examples_of_the_guide(tmp_path):
    guide = (ROOT / "docs" / "configuratie.md").read_text(encoding="utf-8")
    checked = 0
    heading = ""
    for part in re.split(r"(^## [^\n]*$|^```yaml\n.*?^```$)", guide, flags=re.M | re.S):
        if part.startswith("## "):
            heading = part
        if not part.startswith("```yaml"):
            continue
        text = "\n".join(part.splitlines()[1:-1]) + "\n"
        path: Path = tmp_path / f"blok-{checked}.yaml"
        path.write_text(text, encoding="utf-8")
        schema = STICHTING if "_stichting.yaml" in heading else SCHOOL
        errors = ajv_check(schema, [path])[str(path)]
        if "$schema=" not in text:  # a part of a file: the fields it leaves out are fine
            errors = [e for e in errors if " required: " not in e]
        assert errors == [], (heading, errors)
        checked += 1
    assert checked >= 4
