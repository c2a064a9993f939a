"""Property-based: no input, however broken, raises anything but our own error type."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meldcode import schema
from meldcode.content import load_content
from meldcode.load import school_from
from meldcode.loader import Document, LoadError, parse
from meldcode.validate import Validator, check_school, schema_problems

TEMPLATES = ROOT / "templates"
CONTENT = load_content(TEMPLATES)
STICHTING = parse((ROOT / "schools" / "_stichting.yaml").read_bytes(), "schools/_stichting.yaml")
STICHTING.path = ROOT / "schools" / "_stichting.yaml"
VALIDATOR = Validator(schema.school_schema(CONTENT.steps), schools_dir=ROOT / "schools")
pytestmark = pytest.mark.slow  # property-style: thousands of generated inputs; `make test-quick` skips them

EXAMPLES = [yaml.safe_load(p.read_text()) for p in sorted((ROOT / "schools").glob("[!_]*.yaml"))]


def parsed(raw: bytes) -> Document | None:
    """The file as the loader reads it, or None when it refuses it (with problems that name the file)."""
    try:
        return parse(raw, "schools/fuzz.yaml")
    except LoadError as exc:
        assert exc.problems and all(p.file == "schools/fuzz.yaml" for p in exc.problems)
        return None


def load_and_validate(raw: bytes, doc: Document | None = None) -> None:
    """The whole user-facing path for one school file (`doc`: `raw` parsed already); only LoadError may escape."""
    doc = doc or parsed(raw)
    if doc is None:
        return
    doc.path = Path("fuzz.yaml")
    problems = schema_problems(doc, VALIDATOR)
    for problem in problems:
        assert problem.message and str(problem).startswith("schools/fuzz.yaml")
    if problems:
        return
    if not check_school(doc, STICHTING, CONTENT):
        school_from(doc, STICHTING, CONTENT, ROOT / "schools")


yaml_chars = st.sampled_from(list("abc: -[]{}&*!|>'\"#\t\n %@`,?~0123456789") + ["\u00e9", "\ufeff", "\x00", "\x85"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(yaml_chars, max_size=200).map("".join))
def test_random_yaml_text_never_crashes(text):
    load_and_validate(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash(raw):
    load_and_validate(raw)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(
        [
            "0800-2000",
            "06-12345678",
            "2026-02-30",
            "https://x.nl",
            "javascript:x",
            "leerkracht",
            "directeur",
            "onbekende_rol",
            "basisonderwijs",
            "",
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=12), inner, max_size=3)),
    max_leaves=8,
)


def _paths(data, prefix=()):
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, prefix + (i,))


def _mutate(data, path, action, value):
    if not path:
        return value if action == "replace" else data
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    if action == "delete" and isinstance(parent, dict):
        del parent[last]
    elif action == "add" and isinstance(parent, dict):
        parent[str(value)[:15] or "x"] = value
    else:
        parent[last] = value
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(range(len(EXAMPLES))), st.data())
def test_mutated_example_configs_never_crash(index, data):
    import copy

    school = copy.deepcopy(EXAMPLES[index])
    for _ in range(data.draw(st.integers(1, 4))):
        paths = list(_paths(school))
        path = data.draw(st.sampled_from(paths))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        school = _mutate(school, path, action, data.draw(values))
    raw = yaml.dump(school, Dumper=yaml.CSafeDumper, allow_unicode=True).encode()
    if (doc := parsed(raw)) is None:
        return  # refused, with problems that name the file
    if isinstance(doc.data, dict):
        # meldcode.validate skips Cerberus's normalization (the schema has no rules for it): same errors.
        VALIDATOR.validate(doc.data, normalize=True)
        normalized = VALIDATOR.errors
        VALIDATOR.validate(doc.data, normalize=False)
        assert VALIDATOR.errors == normalized
    load_and_validate(raw, doc)


# The hostile payload classes of issue 24: markup and script ends, spreadsheet formulas, control,
# bidi and zero-width characters, deep nesting, long text. Each may land in any field.
PAYLOADS = st.sampled_from(
    [
        "<!--<script>",
        "</script><script>alert(1)</script>",
        '=HYPERLINK("http://x";"x")',
        "+31 6 1234",
        "-2+3",
        "@SUM(A1)",
        "Jan\u200bde Vries",
        "abc\u202eevil",
        "\u2066isolate\u2069",
        "a\x1b[31mrood",
        "\ufeffbom",
        "{{ 7*7 }} {% raw %}",
        "**vet** _schuin_ [x](javascript:alert(1))",
        "x" * 5000,
    ]
)
hostile = st.one_of(PAYLOADS, st.text(max_size=30), PAYLOADS.map(lambda p: [p, {"naam": p}]))


@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(range(len(EXAMPLES))), st.data())
def test_ten_thousand_hostile_configs_are_refused_or_stay_text(index, data):
    import copy

    from meldcode.loader import HIDDEN

    school = copy.deepcopy(EXAMPLES[index])
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(_paths(school))))
        school = _mutate(school, path, data.draw(st.sampled_from(["replace", "add"])), data.draw(hostile))
    # libyaml's emitter (half of this test's time in the pure-Python one); the same YAML for the parser
    raw = yaml.dump(school, Dumper=yaml.CSafeDumper, allow_unicode=True).encode()
    if data.draw(st.booleans()) and len(raw) < 20_000:
        raw = b"naam: " + b"[" * data.draw(st.integers(1, 3000)) + b"\n" + raw  # deep nesting in front
    if (doc := parsed(raw)) is None:
        return
    for path in _paths(doc.data):  # nothing hidden got through
        value = _get(doc.data, path)
        assert not (isinstance(value, str) and HIDDEN.search(value)), path
    load_and_validate(raw, doc)


def _get(data, path):
    for part in path:
        data = data[part]
    return data
