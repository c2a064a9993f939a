"""The JSON Schema for editors: generated from meldcode/schema.py, in sync, and agreeing with build.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import FIXTURES, ROOT

from meldcode.content import load_content
from meldcode.json_schema import FILES, REGENERATE, field_notes, json_schema, render
from meldcode.loader import load
from meldcode.resources import DOCS, TEMPLATES

SCHEMA_DIR = ROOT / "schema"
EXAMPLES = sorted((ROOT / "schools").glob("*.yaml"))


def kind_of(path: Path) -> str:
    return "stichting" if path.name == "_stichting.yaml" else "school"


def validator(kind: str) -> jsonschema.Draft7Validator:
    schema = json.loads((SCHEMA_DIR / FILES[kind]).read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def errors_for(path: Path) -> list[jsonschema.ValidationError]:
    """Validate the file as build.py reads it: every scalar is text."""
    return list(validator(kind_of(path)).iter_errors(load(path, path.name).data))


@pytest.mark.parametrize("kind", sorted(FILES))
def test_schema_files_match_the_cerberus_schema(kind):
    written = (SCHEMA_DIR / FILES[kind]).read_text(encoding="utf-8")
    assert written == render(kind, TEMPLATES, DOCS), f"schema/{FILES[kind]} is out of date; run: {REGENERATE}"


@pytest.mark.parametrize("path", EXAMPLES + [FIXTURES / "good" / "minimal.yaml"], ids=lambda p: p.name)
def test_every_example_is_accepted(path):
    assert errors_for(path) == []


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_declare_their_schema_for_the_editor(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{FILES[kind_of(path)]}"


# Bad input the editor must catch too: fixture -> (JSON Schema keyword, field path).
CAUGHT = {
    "wrong-type.yaml": ("type", "aandachtsfunctionaris"),
    "list-not-mapping.yaml": ("type", ""),
    "bad-sector.yaml": ("enum", "sector"),
    "missing-required.yaml": ("required", ""),
    "unknown-key.yaml": ("additionalProperties", "aandachtsfunctionaris"),
    "issue-example.yaml": ("additionalProperties", ""),
    "bad-postcode.yaml": ("pattern", "adres.postcode"),
    "bad-email.yaml": ("pattern", "aandachtsfunctionaris.email"),
    "javascript-url.yaml": ("pattern", "website"),
    "data-url.yaml": ("pattern", "website"),
}


@pytest.mark.parametrize("fixture", sorted(CAUGHT))
def test_bad_input_is_rejected_where_build_py_rejects_it(fixture):
    keyword, field = CAUGHT[fixture]
    found = {(e.validator, ".".join(map(str, e.absolute_path))) for e in errors_for(FIXTURES / "bad" / fixture)}
    assert (keyword, field) in found, found


def test_unknown_fields_are_refused_at_every_level():
    school = validator("school")
    minimal = load(FIXTURES / "good" / "minimal.yaml", "minimal.yaml").data
    for where in (minimal, minimal["adres"], minimal["afspraken"]):
        where["onbekend"] = "x"
    assert len([e for e in school.iter_errors(minimal) if e.validator == "additionalProperties"]) == 3


def test_numbers_and_dates_as_an_editor_reads_them_are_accepted():
    # yaml-language-server reads `versie: 2.0` as a number; build.py reads every value as text.
    schema = json_schema("stichting", load_content(TEMPLATES).steps)
    assert jsonschema.Draft7Validator(schema["properties"]["vaststelling"]["properties"]["versie"]).is_valid(2.0)


def test_descriptions_come_from_the_commented_examples():
    notes = field_notes((DOCS / "configuratie.md").read_text(encoding="utf-8"))
    assert notes["stichting"][("stichting", "site_url")].endswith("de QR-code op de poster verwijst hiernaar")
    school = json.loads((SCHEMA_DIR / FILES["school"]).read_text(encoding="utf-8"))
    assert school["properties"]["afspraken"]["properties"]["verwijsindex"]["description"] == (
        "De verwijsindex van uw regio."
    )
    assert "build.py" in school["properties"]["aandachtsfunctionaris"]["properties"]["telefoon"]["description"]


def test_the_configuration_guide_declares_both_schemas_and_shows_the_editor():
    guide = (DOCS / "configuratie.md").read_text(encoding="utf-8")
    for name in FILES.values():
        assert f"```yaml\n# yaml-language-server: $schema=../schema/{name}\n" in guide
    for image in re.findall(r"\]\((images/editor-[a-z-]+\.png)\)", guide) or ["(none)"]:
        assert (DOCS / image).is_file(), image
