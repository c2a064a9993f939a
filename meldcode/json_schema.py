"""JSON Schema for the two config files, generated from the Cerberus schema.

Editors (VS Code's YAML extension, any editor using yaml-language-server)
complete fields and flag mistakes while typing when a file declares a JSON
Schema. meldcode/schema.py stays the one source: this module translates its
rules, and `python build.py --schrijf-schema` (or `make schema`) writes the
result to schema/. A test fails when the files there are out of date.

What translates: types, required fields, unknown fields (Cerberus refuses
them, so `additionalProperties: false`), allowed values, regex, empty and
max length, nested dicts and lists, keysrules and valuesrules. `check_with`
rules become a pattern where a regular expression says enough (postcode,
date, the characters of a phone number, the form of an e-mail or web address);
what needs code (a phone number that really exists, a date that exists, a
logo that is an image, cross-field and cross-file rules) stays with build.py,
and each such field's description says so.

The editor reads YAML 1.2, where `versie: 2.0` is a number, but our loader
reads every scalar as text: so a text field also accepts numbers and true/false,
to never flag what the build accepts. The Dutch descriptions come from the
per-field comments of the commented examples in docs/configuratie.md, the text
board staff already read; a field without one gets only its generated notes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from . import schema
from .content import load_content
from .grammar import first_upper
from .validate import _EMAIL, _POSTCODE

DRAFT = "http://json-schema.org/draft-07/schema#"
# File name of each generated schema, keyed by the config file it describes.
FILES = {"stichting": "stichting.schema.json", "school": "school.schema.json"}
REGENERATE = "python build.py --schrijf-schema"

_SCALAR = ["string", "number", "boolean"]

# check_with rule -> (pattern or None, Dutch note for the description).
_CHECKS: dict[str, tuple[str | None, str]] = {
    "telefoon": (
        r"^[0-9+()\- .]{3,25}$",
        "Telefoonnummer, bijvoorbeeld 030-123 45 67. Of het nummer bestaat, controleert build.py.",
    ),
    "email": (_EMAIL.pattern, "E-mailadres."),
    "url": (
        r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s<>\x22'`]+$",  # \x22 is ": valid in ECMAScript's unicode mode
        "Webadres dat begint met https:// (of http://). De rest controleert build.py.",
    ),
    "datum": (
        r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}-[0-9]{1,2}-[0-9]{4})$",
        "Datum als JJJJ-MM-DD (of DD-MM-JJJJ). Of de datum bestaat, controleert build.py.",
    ),
    "postcode": (_POSTCODE.pattern, "Postcode, bijvoorbeeld 3511 AB."),
    "logo": (None, "Bestandsnaam van een SVG, PNG of JPEG in de map schools/; dat controleert build.py."),
}

# Labels for the values of an `allowed` list, shown in the description.
_LABELS = [schema.SECTORS, schema.CATEGORIES]

_TITLES = {
    "stichting": "Meldcode: gegevens van de stichting (_stichting.yaml)",
    "school": "Meldcode: gegevens van één school",
}
_ROOTS = {"stichting": schema.stichting_schema, "school": schema.school_schema}


def field_notes(markdown: str) -> dict[str, dict[tuple[str, ...], str]]:
    """Return the per-field comments of the commented YAML examples, by file kind and field path.

    A comment on a line continues on following comment-only lines indented into
    the comment column. List items add no path part: `sociale_kaart.organisatie`.
    """
    notes: dict[str, dict[tuple[str, ...], str]] = {"stichting": {}, "school": {}}
    heading = ""
    for part in re.split(r"(^## [^\n]*$|^```yaml\n.*?^```$)", markdown, flags=re.M | re.S):
        if part.startswith("## "):
            heading = part
        if not part.startswith("```yaml"):
            continue
        kind = "stichting" if "stichting" in heading.lower() else "school"
        stack: list[tuple[int, str]] = []
        last: tuple[str, ...] | None = None
        for line in part.splitlines()[1:-1]:
            key = re.match(r"^( *)(- )?([a-z_0-9]+):(.*)$", line)
            if key:
                indent = len(key.group(1)) + (2 if key.group(2) else 0)
                stack = [(i, k) for i, k in stack if i < indent] + [(indent, key.group(3))]
                path = tuple(k for _, k in stack)
                comment = re.search(r"\s#\s?(.*)$", key.group(4))
                last = None
                if comment:
                    notes[kind][path] = comment.group(1).strip()
                    last = path
                continue
            more = re.match(r"^( *)#\s?(.*)$", line)
            if more and last and len(more.group(1)) > 20:  # an aligned comment, not a commented-out example
                notes[kind][last] += " " + more.group(2).strip()
            else:
                last = None
    return notes


def json_schema(kind: str, steps: list[dict], notes: dict[tuple[str, ...], str] | None = None) -> dict[str, Any]:
    """Return the JSON Schema (draft-07) for the 'stichting' or 'school' file, for these steps."""
    root = _mapping(_ROOTS[kind](steps), (), notes or {})
    about = (
        f"Gemaakt uit meldcode/schema.py; opnieuw maken met: {REGENERATE}. "
        "De editor controleert velden, soorten waarden en vormen. Wat meer vraagt (bestaat het "
        "telefoonnummer of de datum, klopt de taakverdeling met de rollen, staat de evaluatie na de "
        "vaststelling) controleert build.py: make check (of meldcode --check)."
    )
    return {"$schema": DRAFT, "title": _TITLES[kind], "description": about, **root}


def _object_title(path: tuple[str, ...]) -> dict[str, str]:
    """A title and description for a nested object, so an editor names the field, not the file.

    Without them yaml-language-server says `Expected "object(Meldcode: gegevens van één
    school)"` for every nested field and shows the file's heading on every hover.
    """
    name = ".".join(p for p in path if p != "*")
    return {"title": name, "description": f"De gegevens onder {name}."}


def _mapping(fields: dict, path: tuple[str, ...], notes: dict) -> dict[str, Any]:
    out: dict[str, Any] = {
        **(_object_title(path) if path else {}),
        "type": "object",
        "properties": {name: _rules(rules, (*path, name), notes) for name, rules in fields.items()},
        "additionalProperties": False,
    }
    required = [name for name, rules in fields.items() if rules.get("required")]
    if required:
        out["required"] = required
    return out


def _rules(rules: dict, path: tuple[str, ...], notes: dict) -> dict[str, Any]:
    """Translate one Cerberus rule set."""
    kind = rules.get("type")
    described = [_sentence(notes[path])] if path in notes else []
    if isinstance(kind, list):  # one value or a list of them (werkwijze: one role, or several "samen")
        variants: dict[str, Any] = {"anyOf": [_rules({**rules, "type": k}, path, {}) for k in kind]}
        return {"description": " ".join(described), **variants} if described else variants
    if kind == "dict":
        out = _dict(rules, path, notes)
    elif kind == "list":
        out = {"type": "array"}
        if "schema" in rules:
            out["items"] = _rules(rules["schema"], path, notes)
        elif "allowed" in rules:
            out["items"] = {"type": "string", "enum": list(rules["allowed"])}
        if rules.get("empty") is False:
            out["minItems"] = 1
        if "maxlength" in rules:
            out["maxItems"] = rules["maxlength"]
    elif kind == "string":
        out = _string(rules, described)
    else:  # pragma: no cover - a type the schema does not use yet
        raise ValueError(f"cannot translate Cerberus type {kind!r} at {'.'.join(path)}")
    if described and out.get("type") == "object":  # the field's own words first, then the generic line
        return {**out, "description": " ".join(described)}
    return {"description": " ".join(described), **out} if described else out


def _dict(rules: dict, path: tuple[str, ...], notes: dict) -> dict[str, Any]:
    out: dict[str, Any] = (
        _mapping(rules["schema"], path, notes) if "schema" in rules else {**_object_title(path), "type": "object"}
    )
    if "keysrules" in rules:
        out["propertyNames"] = _rules(rules["keysrules"], path, {})
        out["propertyNames"].pop("type", None)  # keys are always text
    if "valuesrules" in rules:
        out["additionalProperties"] = _rules(rules["valuesrules"], (*path, "*"), notes)
    return out


def _string(rules: dict, described: list[str]) -> dict[str, Any]:
    """Translate a text field; append what the editor should say about it to `described`."""
    out: dict[str, Any] = {"type": list(_SCALAR)}
    if rules.get("empty") is False:
        out["minLength"] = 1
    if "maxlength" in rules:
        out["maxLength"] = rules["maxlength"]
    if "regex" in rules:
        out["pattern"] = f"^(?:{rules['regex']})$"  # Cerberus matches the whole value
    if "allowed" in rules:
        out["type"] = "string"
        out["enum"] = list(rules["allowed"])
        if all(v.isdigit() for v in rules["allowed"]):  # `stap: 2` is a number to the editor (YAML 1.2)
            out["type"] = ["integer", "string"]
            out["enum"] = [int(v) for v in rules["allowed"]] + list(rules["allowed"])
        labels = next((d for d in _LABELS if list(d) == list(rules["allowed"])), {})
        if any(v.lower() != k.replace("-", " ") for k, v in labels.items()):  # only when a label adds something
            described.append("Kies uit: " + "; ".join(f"{k} ({v.lower()})" for k, v in labels.items()) + ".")
    if "check_with" in rules:
        pattern, note = _CHECKS[rules["check_with"]]
        if pattern:
            out["pattern"] = pattern
        described.append(note)
    return out


def _sentence(note: str) -> str:
    return first_upper(note) + ("" if note.endswith((".", "?", "!")) else ".")


def render(kind: str, templates_dir: Path, docs_dir: Path) -> str:
    """Return the generated schema file's text for `kind`, with notes from docs/configuratie.md."""
    notes = field_notes((docs_dir / "configuratie.md").read_text(encoding="utf-8"))[kind]
    steps = load_content(templates_dir).steps
    return json.dumps(json_schema(kind, steps, notes), ensure_ascii=False, indent=2) + "\n"


def write(target: Path, templates_dir: Path, docs_dir: Path) -> list[Path]:
    """Write the schema files into the folder `target`; return the files written."""
    target.mkdir(exist_ok=True)
    written = []
    for kind, name in FILES.items():
        path = target / name
        path.write_text(render(kind, templates_dir, docs_dir), encoding="utf-8")
        written.append(path)
    return written
