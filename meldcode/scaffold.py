"""Write a new school's file: `python build.py --nieuwe-school SLUG --naam "..." --sector ...`.

The file follows meldcode/schema.py: every field the school must fill is left
empty and marked `# INVULLEN`, so `meldcode --check` names exactly those fields until
they are filled; optional fields are there as comments. From the stichting's
file come the roles its taakverdeling needs the school to name, and the
defaults the school inherits (taakverdeling, vaststelling, sociale kaart),
shown as comments so the school can see them and override them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from . import schema
from .content import Content, load_content
from .errors import ConfigError, MeldcodeError, Problem
from .json_schema import FILES, field_notes
from .loader import Document, LoadError, load
from .names import STICHTING_FILE
from .validate import SLUG, Validator, schema_problems

MARK = "INVULLEN"
_COLUMN = 40  # where comments start, as in docs/configuratie.md

# Fields the schema leaves optional but validate.check_school needs one of: the aandachtsfunctionaris
# must be reachable (telefoon and/or email). The scaffold asks for the phone number.
_ALSO_TO_FILL: dict[tuple[str, ...], str] = {
    ("aandachtsfunctionaris", "telefoon"): "telefoon en/of e-mail, zodat collega's hem of haar bereiken"
}


def _inherited_keys(steps: list[dict]) -> list[str]:
    """The sections both files have: the school inherits them from the stichting (shown as comments)."""
    stichting = schema.stichting_schema(steps)
    return [key for key in schema.school_schema(steps) if key in stichting]


def new_school(
    schools_dir: Path,
    templates_dir: Path,
    docs_dir: Path,
    slug: str,
    naam: str,
    sector: str,
    check_command: str = "meldcode --check",
) -> Path:
    """Write schools_dir/<slug>.yaml for a new school; refuse to overwrite. Return its path."""
    problems = []
    if not SLUG.match(slug):
        problems.append("de naam van het bestand mag alleen kleine letters, cijfers en streepjes bevatten")
    if sector not in schema.SECTORS:
        problems.append(f'"{sector}" is geen sector; kies uit: {", ".join(schema.SECTORS)}')
    if not naam.strip():
        problems.append("geef de naam van de school met --naam")
    if problems:
        raise ConfigError([Problem(f"--nieuwe-school {slug}", None, None, p) for p in problems])
    existing = [p for p in (schools_dir / f"{slug}.yaml", schools_dir / f"{slug}.yml") if p.exists()]
    if existing:
        raise MeldcodeError(f"{existing[0].name} bestaat al in {schools_dir.name}/; er is niets overschreven.")
    content = load_content(templates_dir)
    stichting = _stichting(schools_dir, content.steps)
    text = school_text(stichting, content, field_notes(_guide(docs_dir)), slug, naam, sector, check_command)
    path = schools_dir / f"{slug}.yaml"
    with path.open("x", encoding="utf-8") as out:  # "x": never overwrite, even in a race
        out.write(text)
    return path


def _guide(docs_dir: Path) -> str:
    return (docs_dir / "configuratie.md").read_text(encoding="utf-8")


def _stichting(schools_dir: Path, steps: list[dict]) -> dict:
    """Return the stichting's data; its defaults are the new school's starting point."""
    path = schools_dir / STICHTING_FILE
    if not path.is_file():
        raise MeldcodeError(f"{schools_dir.name}/{STICHTING_FILE} ontbreekt; maak eerst het bestand van de stichting.")
    try:
        doc = load(path, f"{schools_dir.name}/{STICHTING_FILE}")
    except LoadError as exc:
        raise ConfigError(exc.problems) from None
    problems = schema_problems(doc, Validator(schema.stichting_schema(steps), schools_dir=schools_dir))
    # A new board's file still has fields to fill (`# INVULLEN`): a school can be added meanwhile,
    # and the check names the fields of both files together.
    problems = [p for p in problems if not _still_empty(doc, p)]
    if problems:
        raise ConfigError(problems)
    return doc.data


def _still_empty(doc: Document, problem: Problem) -> bool:
    """Whether a problem is only a field left empty (as a new board file has them)."""
    if problem.field is None:
        return False
    value: Any = doc.data
    for part in problem.field.split("."):
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return value in (None, "")


def school_text(
    stichting: dict,
    content: Content,
    notes: dict[str, dict[tuple[str, ...], str]],
    slug: str,
    naam: str,
    sector: str,
    check_command: str = "meldcode --check",
) -> str:
    """Return the commented YAML of a new school."""
    site = (stichting["stichting"].get("site_url") or "").rstrip("/") or "<site_url uit _stichting.yaml>"
    lines = [
        f"# yaml-language-server: $schema=../schema/{FILES['school']}",
        f"# {naam}: nieuw schoolbestand, gemaakt uit {STICHTING_FILE}.",
        f"# Vul elk veld in waar '# {MARK}' achter staat; `{check_command}` noemt de velden die nog leeg zijn.",
        "# Een regel die met '# ' begint, is niet verplicht: haal '# ' weg om hem te gebruiken.",
        "# Uitleg van elk veld: docs/configuratie.md",
        f"# De website van de school komt op {site}/{slug}/",
        "",
    ]
    school_notes = notes["school"]
    given = {"naam": naam, "sector": sector}
    inherited = _inherited_keys(content.steps)
    for key, rules in schema.school_schema(content.steps).items():
        if key in inherited:
            continue
        if key == "rollen":
            lines += _roles(stichting, content.roles, sector, school_notes)
        elif key in given:
            lines.append(_line(0, f"{key}: {_scalar(given[key])}", school_notes.get((key,))))
        else:
            lines += _field(key, rules, (key,), school_notes, 0)
    lines += _inherited(stichting, inherited)
    return "\n".join(lines) + "\n"


def _field(key: str, rules: dict, path: tuple[str, ...], notes: dict, depth: int) -> list[str]:
    """Return the lines of one field: to fill, to recurse into, or commented out."""
    note = notes.get(path)
    if rules.get("type") == "dict" and "schema" in rules and rules.get("required"):
        out = [_line(depth, f"{key}:", note)]
        for sub, sub_rules in rules["schema"].items():
            out += _field(sub, sub_rules, (*path, sub), notes, depth + 1)
        return out
    if rules.get("required") or path in _ALSO_TO_FILL:
        extra = _ALSO_TO_FILL.get(path) or note
        if rules.get("type") == "list":
            extra = f"{extra + '; ' if extra else ''}één per regel, met '- ' ervoor"
        return [_line(depth, f"{key}:", f"{MARK}" + (f": {extra}" if extra else ""))]
    return [_line(depth, f"# {key}:", note)]


def _roles(stichting: dict, roles: dict, sector: str, notes: dict) -> list[str]:
    """Return `rollen:` with a person to fill for each role the school must name."""
    needed: dict[str, str] = {}
    for key, value in stichting["taakverdeling"].items():
        for role in [value] if isinstance(value, str) else [value["regie"], *(value.get("betrokken") or [])]:
            if roles.get(role, {}).get("bron", "rollen") == "rollen":
                needed.setdefault(role, f"de taakverdeling van de stichting noemt deze rol ({key})")
    if sector in schema.SPECIAL_SECTORS:
        needed.setdefault("commissie_van_begeleiding", "verplicht in het speciaal (basis)onderwijs: de voorzitter")
    optional = [
        k
        for k, r in roles.items()
        if r.get("bron") == "rollen" and k not in needed and sector in r.get("sectoren", [sector])
    ]
    out = [_line(0, "rollen:" if needed else "# rollen:", notes.get(("rollen",)))]
    for role, why in needed.items():
        out.append(_line(1, f"{role}:", why))
        if role not in roles:  # the stichting's own role: it needs a title here
            out.append(_line(2, "titel:", MARK))
        out.append(_line(2, "naam:", MARK))
    if optional:
        out.append(_line(1, "# Andere rollen, met de naam van de persoon: " + ", ".join(optional), None))
    return out


def _inherited(stichting: dict, keys: list[str]) -> list[str]:
    """Return the stichting's defaults as comments: what the school gets unless it says otherwise."""
    out = ["", f"# Van de stichting ({STICHTING_FILE}); geef een eigen waarde om af te wijken."]
    for key in keys:
        value = stichting.get(key)
        if not value:
            continue
        if key == "sociale_kaart":
            names = ", ".join(c["organisatie"] for c in value)
            out.append(f"# sociale_kaart: de eigen contacten van de school; de stichting zet er al op: {names}")
            continue
        out += ["# " + line for line in _block(key, value, 0)]
    return out


def _block(key: str, value: Any, depth: int) -> list[str]:
    """Return `key: value` as block YAML lines, with lists of text on one line."""
    if isinstance(value, dict):
        return ["  " * depth + f"{key}:"] + [line for k, v in value.items() for line in _block(k, v, depth + 1)]
    if isinstance(value, list):
        return ["  " * depth + f"{key}: [{', '.join(_scalar(v) for v in value)}]"]
    return ["  " * depth + f"{key}: {_scalar(value)}"]


def _line(depth: int, text: str, note: str | None) -> str:
    line = "  " * depth + text
    return f"{line.ljust(_COLUMN)} # {note}" if note else line


def _scalar(value: Any) -> str:
    """Return `value` as a YAML scalar that reads back as the same text."""
    return yaml.safe_dump(value, allow_unicode=True, default_style=None, width=1000).strip().removesuffix("\n...")
