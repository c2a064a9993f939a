"""Validate the stichting file and every school file; report all problems at once.

Cerberus checks each file against meldcode.schema; its errors are turned into
one Dutch line each, with file, line and field. Checks that span fields or
files (roles in the taakverdeling, dates in order, duplicate schools) follow,
at the end of this module; meldcode.model.load_config runs them all.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import cerberus

from . import schema
from .catalogue import CHECKS
from .content import Content
from .errors import Problem
from .images import image_kind, image_problem
from .loader import Document, glued_advice
from .values import display_name, dutch_date, parse_date, parse_phone

_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$"
)
_POSTCODE = re.compile(r"^[1-9][0-9]{3} ?[A-Z]{2}$")

MAX_LOGO_BYTES = 2 * 1024 * 1024
_MISSING = "dit verplichte veld ontbreekt"
_EMPTY_REQUIRED = "is nog leeg; dit veld is verplicht"

_TYPE_NAMES = {
    "string": "tekst",
    "dict": "een groep velden (veld: waarde)",
    "list": "een lijst (regels die beginnen met '- ')",
}


def url_problem(value: str) -> str | None:
    """Return why `value` is not a usable http(s) address, or None."""
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https"):
        return "alleen adressen die beginnen met https:// of http:// zijn toegestaan"
    host = parts.hostname or ""
    if "." not in host or re.search(r"[\s<>\"'`]", value) or not re.fullmatch(r"[A-Za-z0-9.-]+", host):
        return "is geen geldig webadres"
    return None


class Validator(cerberus.Validator):
    """Cerberus with the rules our schema names in `check_with`."""

    def __init__(self, *args, **kwargs):
        self.schools_dir = kwargs.get("schools_dir")
        super().__init__(*args, **kwargs)

    def _check_with_telefoon(self, field, value):
        if isinstance(value, str) and parse_phone(value) is None:
            self._error(field, f'"{value}" is geen geldig telefoonnummer')

    def _check_with_email(self, field, value):
        if isinstance(value, str) and not _EMAIL.match(value):
            self._error(field, f'"{value}" is geen geldig e-mailadres')

    def _check_with_url(self, field, value):
        if isinstance(value, str) and (why := url_problem(value)):
            self._error(field, f'"{value}" {why}' if why.startswith("is ") else why)

    def _check_with_datum(self, field, value):
        if isinstance(value, str) and parse_date(value) is None:
            self._error(field, f'"{value}" is geen bestaande datum (schrijf JJJJ-MM-DD, bijvoorbeeld 2026-09-01)')

    def _check_with_postcode(self, field, value):
        if isinstance(value, str) and not _POSTCODE.match(value.strip()):
            self._error(field, f'"{value}" is geen geldige postcode (bijvoorbeeld 3511 AB)')

    def _check_with_logo(self, field, value):
        if isinstance(value, str) and (why := logo_problem(self.schools_dir, value)):
            self._error(field, why)


def logo_problem(schools_dir: Path, value: str) -> str | None:
    """Return why the logo file cannot be used, or None."""
    base = schools_dir.resolve()
    path = (schools_dir / value).resolve()
    if base not in path.parents:
        return f'het logo "{value}" moet in de map {schools_dir.name}/ staan'
    if not path.is_file():
        return f'het logo "{value}" bestaat niet'
    if path.stat().st_size > MAX_LOGO_BYTES:
        return f'het logo "{value}" is te groot (maximaal 2 MB)'
    kind = image_kind(path)
    if kind is None:
        return f'het logo "{value}" is geen afbeelding (gebruik SVG, PNG of JPEG)'
    if why := image_problem(path, kind):
        return f'het logo "{value}" {why}'
    return None


def schema_problems(doc: Document, validator: Validator) -> list[Problem]:
    """Validate one document against the validator's schema; return Dutch problems."""
    if not isinstance(doc.data, dict):
        return [
            doc.problem((), "het bestand moet bestaan uit velden (naam: waarde), niet uit een lijst of losse tekst")
        ]
    # Our schema has no normalization rules (no default, coerce or rename): skipping Cerberus's
    # normalization pass gives the same errors at a third of the cost (checked on thousands of
    # fuzzed files; tests/test_fuzz.py keeps comparing).
    if validator.validate(doc.data, normalize=False):
        return []
    problems = [_translate(doc, validator.schema, error) for error in _leaves(validator._errors)]
    # "onbekend veld 'adress'; bedoelde u 'adres'?" already says that 'adres' is missing.
    meant = {
        (p.field.rsplit(".", 1)[0] + "." if "." in p.field else "") + p.message.split("bedoelde u '")[1].rstrip("'?")
        for p in problems
        if "bedoelde u '" in p.message and p.field
    }
    return [p for p in problems if not (p.message == _MISSING and p.field in meant)]


def _leaves(errors) -> Iterator[cerberus.errors.ValidationError]:
    for error in errors:
        if error.is_group_error:
            yield from _leaves(error.child_errors)
        else:
            yield error


def _schema_at(root: Any, path: tuple) -> dict | None:
    """Return the mapping schema that applies to the value at `path`."""
    rules: dict = {"type": "dict", "schema": root}
    for part in path:
        if isinstance(part, int):
            rules = rules.get("schema", {}) if rules.get("type") == "list" else {}
        elif "schema" in rules and rules.get("type") == "dict":
            rules = dict(rules["schema"]).get(part, {})
        elif "valuesrules" in rules:
            rules = rules["valuesrules"]
        else:
            return None
    if rules.get("type") == "dict" and "schema" in rules:
        return dict(rules["schema"])
    return None


def _wrong_type(constraint: str | list[str], value: object) -> str:
    kinds = constraint if isinstance(constraint, list) else [constraint]
    expected = " of ".join(_TYPE_NAMES.get(str(k), str(k)) for k in kinds)
    glued = re.match(r"^([a-z_][a-z_0-9]*):(\S+)", value) if isinstance(value, str) else None
    if glued:  # `naam:Wendy` under a group: the space after the colon is missing
        return f"moet {expected} zijn; {glued_advice(glued.group(1), glued.group(2))}"
    return f"moet {expected} zijn"


def _translate(doc: Document, root: Any, error) -> Problem:
    path = tuple(error.document_path)
    rule, value = error.rule, error.value
    if error.code == cerberus.errors.UNKNOWN_FIELD.code:
        known = sorted((_schema_at(root, path[:-1]) or {}).keys())
        message = f"onbekend veld '{path[-1]}'"
        close = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.6)
        if close:
            message += f"; bedoelde u '{close[0]}'?"
        elif known:
            message += f"; toegestaan zijn: {', '.join(known)}"
        return doc.problem(path, message)
    if rule == "required":
        return doc.problem(path, _MISSING)
    if rule == "nullable" or (rule == "empty" and value in ("", [], {})):
        return doc.problem(path, _empty(root, path))
    if rule == "type":
        return doc.problem(path, _wrong_type(error.constraint, value))
    path, value = _refused_item(error, path, value)
    if rule == "allowed":
        options = list(error.constraint)
        message = f'"{value}" is geen geldige waarde; kies uit: {", ".join(options)}'
        close = difflib.get_close_matches(str(value), options, n=1, cutoff=0.5)
        if close:
            message = f'"{value}" is geen geldige waarde; bedoelde u "{close[0]}"?'
        return doc.problem(path, message)
    if rule == "maxlength":
        unit = "tekens" if isinstance(value, str) else "regels"
        return doc.problem(path, f"is te lang (maximaal {error.constraint} {unit})")
    if rule == "regex" and path and path[0] == "rollen" and len(path) == 2:
        return doc.problem(path, f"de rolnaam '{value}' mag alleen kleine letters, cijfers en _ bevatten")
    if rule == "regex" and path[:1] == ("leeftijd",):
        return doc.problem(path, f'"{value}" is geen leeftijd; schrijf een getal in jaren, bijvoorbeeld 12')
    if rule == "regex":
        return doc.problem(path, f'"{value}" heeft niet de juiste vorm')
    if error.code == cerberus.errors.CUSTOM.code:  # raised by our _check_with_* rules
        return doc.problem(path, str(error.info[0]))
    return doc.problem(path, f"is ongeldig ({rule})")  # pragma: no cover - a rule the schema does not use


def _refused_item(error, path: tuple, value: Any) -> tuple[tuple, Any]:
    """For a refused list of values (werkwijze wanneer: one value or a list): the item refused, and its path."""
    if error.rule == "allowed" and isinstance(value, list):
        index, value = next((i, v) for i, v in enumerate(value) if v not in error.constraint)
        return (*path, index), value
    return path, value


def _empty(root: Any, path: tuple) -> str:
    """Say that a field is empty: a required one must be filled (a new school's file leaves them empty)."""
    if path and (_schema_at(root, path[:-1]) or {}).get(path[-1], {}).get("required"):
        return _EMPTY_REQUIRED
    return "is leeg; vul een waarde in of laat het veld weg"


def suggest(word: str, options) -> str:
    """Return "; bedoelde u 'x'?" for the closest option, or ''."""
    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; bedoelde u '{close[0]}'?" if close else ""


# --- checks that span fields or files -----------------------------------------
# Run after a file passed its schema: the values have the right types here.

# Role titles become page and menu titles, which the theme prints as HTML.
_ROLE_TITLE = re.compile(r"^[^\W_][\w '()./,-]{0,59}$")
# A school's file name becomes its web address.
SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$")


def name_key(name: str) -> str:
    """Return what makes two school names the same: case and spacing do not count."""
    return re.sub(r"\s+", " ", name).strip().casefold()


def check_file_names(schools_dir: Path, files: list[Path]) -> list[Problem]:
    """Check that each school file name is a usable web address and names one school only."""
    problems = []
    by_slug: dict[str, Path] = {}
    for path in files:
        display = display_name(schools_dir, path)
        if not SLUG.match(path.stem):
            problems.append(
                Problem(
                    display,
                    None,
                    None,
                    "de bestandsnaam wordt het webadres van de school:"
                    " gebruik alleen kleine letters, cijfers en streepjes (bijvoorbeeld de-regenboog.yaml)",
                    school=path.stem,
                )
            )
        if path.stem.lower() in by_slug:
            problems.append(
                Problem(
                    display,
                    None,
                    None,
                    f"deze school heeft dezelfde naam als {display_name(schools_dir, by_slug[path.stem.lower()])};"
                    " elke school heeft één bestand",
                    school=path.stem,
                )
            )
        by_slug.setdefault(path.stem.lower(), path)
    return problems


def check_unique_name(doc: Document, seen: dict[str, str]) -> Problem | None:
    """Check that no other school file uses this school's name; record it in `seen` (name key -> file)."""
    key = name_key(doc.data["naam"])
    if key in seen:
        return doc.problem(("naam",), f'de naam "{doc.data["naam"]}" wordt ook gebruikt in {seen[key]}')
    seen[key] = doc.display
    return None


def check_stichting(doc: Document) -> list[Problem]:
    """Check the rules of the stichting file that its schema cannot express."""
    data = doc.data
    problems = _check_dates(doc, data["vaststelling"], ("vaststelling",))
    for i, contact in enumerate(data.get("sociale_kaart") or []):
        problems.extend(_check_contact(doc, contact, ("sociale_kaart", i)))
    return problems


def _check_dates(doc: Document, vaststelling: dict, path: tuple, base: dict | None = None) -> list[Problem]:
    merged = {**(base or {}), **vaststelling}
    if base is not None and not merged.get("datum") and merged.get("status") != "concept":
        return [
            doc.problem(
                path,
                "de datum van vaststelling ontbreekt (ook in _stichting.yaml): vul 'datum' in, of zet"
                " 'status: concept' zolang het bestuur deze versie nog niet heeft vastgesteld",
            )
        ]
    start, end = parse_date(merged.get("datum") or ""), parse_date(merged["evaluatie"])
    if start and end and end <= start:
        where = path + (("evaluatie",) if "evaluatie" in vaststelling else ("datum",))
        return [
            doc.problem(
                where,
                f"de evaluatiedatum ({dutch_date(end)}) moet na de datum van vaststelling ({dutch_date(start)}) liggen",
            )
        ]
    return []


def _check_contact(doc: Document, contact: dict, path: tuple) -> list[Problem]:
    if not any(contact.get(k) for k in ("telefoon", "email", "website")):
        return [
            doc.problem(
                path, f'geef voor "{contact["organisatie"]}" minstens een telefoonnummer, e-mailadres of website'
            )
        ]
    return []


def check_school(doc: Document, stichting: Document, content: Content) -> list[Problem]:
    """Check one school file against the stichting file and our role catalogue.

    A problem in the stichting's default taakverdeling that only this school has
    (a role it lacks) is reported in the stichting file but belongs to this school.
    """
    data = doc.data
    problems: list[Problem] = []
    roles_known = content.roles_for(data["sector"])
    af = data["aandachtsfunctionaris"]
    if not af.get("telefoon") and not af.get("email"):
        problems.append(
            doc.problem(
                ("aandachtsfunctionaris",),
                "geef een telefoonnummer of e-mailadres van de aandachtsfunctionaris,"
                " zodat collega's hem of haar kunnen bereiken",
            )
        )

    available = {k for k, r in roles_known.items() if r["bron"] in ("altijd", "veld")}
    for key, role in (data.get("rollen") or {}).items():
        path = ("rollen", key)
        known = roles_known.get(key)
        if known and known["bron"] == "veld":
            problems.append(doc.problem(path, f"de rol '{key}' vul je niet hier in, maar bij het veld '{key}'"))
            continue
        if known and known["bron"] == "altijd":
            problems.append(doc.problem(path, f"de rol '{key}' heeft iedere school al; haal hem hier weg"))
            continue
        if not known and not role.get("titel"):
            options = [k for k, r in roles_known.items() if r["bron"] == "rollen"]
            problems.append(
                doc.problem(
                    path, _advice(f"onbekende rol '{key}'", suggest(key, options), "Geef een eigen rol een 'titel'.")
                )
            )
            continue
        if not known and not _ROLE_TITLE.match(role["titel"]):
            problems.append(
                doc.problem(
                    path + ("titel",),
                    "een roltitel bestaat uit letters, cijfers, spaties en - ' ( ) . , / (hoogstens 60 tekens)",
                )
            )
            continue
        if bool(role.get("naam")) == bool(role.get("personen")):
            problems.append(
                doc.problem(
                    path,
                    "geef óf een 'naam' (één persoon) óf 'personen' (een lijst), niet allebei en niet geen van beide",
                )
            )
            continue
        available.add(key)

    problems.extend(_check_ages(doc))
    if data["sector"] in schema.SPECIAL_SECTORS and "commissie_van_begeleiding" not in (data.get("rollen") or {}):
        problems.append(
            doc.problem(
                ("rollen",),
                f"een school voor {schema.SECTORS[data['sector']]} heeft een commissie van begeleiding;"
                " voeg 'commissie_van_begeleiding' toe onder rollen, met de naam van de voorzitter",
            )
        )

    # The taakverdeling: the school's own keys, else the stichting's default.
    own = data.get("taakverdeling") or {}
    for key in schema.taakverdeling(content.steps):
        source, value = (doc, own[key]) if key in own else (stichting, stichting.data["taakverdeling"][key])
        refs: list[tuple[tuple, str]] = (
            [((key,), value)]
            if isinstance(value, str)
            else [((key, "regie"), value["regie"])]
            + [((key, "betrokken", i), r) for i, r in enumerate(value.get("betrokken") or [])]
        )
        for sub, role_key in refs:
            if role_key in available:
                continue
            where = ("taakverdeling", *sub)
            hint = suggest(role_key, sorted(available))
            if source is doc:
                problems.append(
                    doc.problem(
                        where,
                        _advice(
                            f"de rol '{role_key}' bestaat niet op deze school",
                            hint,
                            "Voeg de rol toe onder 'rollen' of kies een andere.",
                        ),
                    )
                )
            else:
                problem = stichting.problem(
                    where,
                    _advice(
                        f"de rol '{role_key}' bestaat niet bij {doc.display}",
                        hint,
                        "Voeg de rol daar toe onder 'rollen', of geef die school een eigen taakverdeling.",
                    ),
                )
                problems.append(dataclasses.replace(problem, school=doc.school))
    problems.extend(_check_werkwijze(doc, stichting, available))
    problems.extend(
        _check_dates(doc, data.get("vaststelling") or {}, ("vaststelling",), stichting.data["vaststelling"])
    )
    for i, contact in enumerate(data.get("sociale_kaart") or []):
        problems.extend(_check_contact(doc, contact, ("sociale_kaart", i)))

    problems.extend(acceptance_problems(doc))
    return problems


def _check_ages(doc: Document) -> list[Problem]:
    """Check that the pupils' ages, when given, make sense."""
    ages = doc.data.get("leeftijd")
    if not ages:
        return []
    youngest, oldest = int(ages["van"]), int(ages["tot"])
    if 2 <= youngest <= oldest <= 30:
        return []
    return [
        doc.problem(
            ("leeftijd",),
            f"leerlingen van {youngest} tot en met {oldest} jaar kan niet: de jongste leerlingen zijn"
            " niet ouder dan de oudste, en leeftijden liggen tussen 2 en 30 jaar",
        )
    ]


def werkwijze_sources(doc: Document, stichting: Document) -> dict[tuple, tuple[Document, object]]:
    """Return every chosen werkwijze value as path -> (file it comes from, value); the school's key wins."""
    chosen: dict[tuple, tuple[Document, object]] = {}
    for source in (stichting, doc):
        for section, value in (source.data.get("werkwijze") or {}).items():
            if isinstance(value, dict):
                for key, leaf in value.items():
                    chosen[(section, key)] = (source, leaf)
            else:
                chosen[(section,)] = (source, value)
    return chosen


def _check_werkwijze(doc: Document, stichting: Document, available: set[str]) -> list[Problem]:
    """Check that the werkwijze names roles this school has, and that its choices fit together."""
    problems = []
    chosen = werkwijze_sources(doc, stichting)
    for path in schema.WERKWIJZE_ROLES:
        if path not in chosen:
            continue
        source, value = chosen[path]
        missing = [key for key in (value if isinstance(value, list) else [value]) if key not in available]
        if not missing:
            continue
        role_key = missing[0]
        hint = suggest(str(role_key), sorted(available))
        where = "op deze school" if source is doc else f"bij {doc.display}"
        advice = (
            "Voeg de rol toe onder 'rollen' of kies een andere."
            if source is doc
            else "Voeg de rol daar toe onder 'rollen', of geef die school een eigen werkwijze."
        )
        problems.append(
            source.problem(("werkwijze",) + path, _advice(f"de rol '{role_key}' bestaat niet {where}", hint, advice))
        )
    door = chosen.get(("bestuur_informeren", "door"))
    if door and door[1] == "bestuur":
        problems.append(
            door[0].problem(
                ("werkwijze", "bestuur_informeren", "door"),
                "het bestuur informeert zichzelf niet; kies de rol die het bestuur op de hoogte brengt",
            )
        )
    voert = chosen.get(("gesprek_ouders", "voert"))
    if (
        voert
        and "leerkracht" in _as_list(voert[1])
        and chosen.get(("gesprek_ouders", "leerkracht"), (None, ""))[1] == "nooit"
    ):
        source = chosen[("gesprek_ouders", "leerkracht")][0]
        problems.append(
            source.problem(
                ("werkwijze", "gesprek_ouders", "leerkracht"),
                "de leerkracht voert het gesprek met de ouders (gesprek_ouders.voert)"
                " en kan er dus niet 'nooit' bij zijn",
            )
        )
    team = ("ondersteuningsteam",)
    for needs in (("ondersteuningsteam", "groot_taak"), ("ondersteuningsteam", "toestemming")):
        if needs not in chosen or (team + ("groot",)) in chosen:
            continue
        source, value = chosen[needs]
        if needs[-1] == "toestemming" and value != "groot_team_schriftelijk":
            continue
        problems.append(
            source.problem(
                ("werkwijze",) + needs,
                "dit gaat over een groot ondersteuningsteam;"
                " geef dat team een naam bij werkwijze.ondersteuningsteam.groot",
            )
        )
    wanneer = chosen.get(("bestuur_informeren", "wanneer"))
    if wanneer and "nooit" in _as_list(wanneer[1]) and len(_as_list(wanneer[1])) > 1:
        problems.append(
            wanneer[0].problem(
                ("werkwijze", "bestuur_informeren", "wanneer"),
                "'nooit' staat hier samen met een moment; kies 'nooit' alleen, of laat het weg",
            )
        )
    # A problem in the stichting's werkwijze that only this school has belongs to this school,
    # and says which school: the stichting's file alone does not tell.
    return [
        dataclasses.replace(
            p,
            school=doc.school,
            message=p.message
            if p.file == doc.display or doc.display in p.message
            else f"{p.message} (bij {doc.display})",
        )
        for p in problems
    ]


def _as_list(value: object) -> list:
    """A werkwijze value that may be one item or a list of them, as a list."""
    return value if isinstance(value, list) else [value]


def _advice(message: str, hint: str, advice: str) -> str:
    """Join a problem, an optional "bedoelde u" hint and advice into one line."""
    return f"{message}{hint or '.'} {advice}"


def acceptance_problems(doc: Document) -> list[Problem]:
    """Errors in a school's `geaccepteerd:` list: unknown codes, reasons too short to mean anything."""
    problems = []
    for i, entry in enumerate(doc.data.get("geaccepteerd") or []):
        code = entry["code"]
        if code not in CHECKS or code == "acceptatie-overbodig":
            hint = suggest(code, [c for c in CHECKS if c != "acceptatie-overbodig"])
            problems.append(
                doc.problem(
                    ("geaccepteerd", i, "code"),
                    f"onbekend aandachtspunt '{code}'{hint or '.'} De codes staan in docs/configuratie.md.",
                )
            )
        if len(" ".join(entry["reden"].split())) < 15:
            problems.append(
                doc.problem(
                    ("geaccepteerd", i, "reden"),
                    "schrijf in een hele zin waarom de school dit aandachtspunt bewust accepteert",
                )
            )
    return problems
