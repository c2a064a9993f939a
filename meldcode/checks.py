"""Aandachtspunten: where a valid configuration still falls short of a good meldcode.

A config can pass every schema rule and still give a handbook that misses what
the Besluit verplichte meldcode huiselijk geweld en kindermishandeling (art. 2)
asks, names nobody as vertrouwenspersoon, or prints "xxx" as a phone number.
`find_aandachtspunten` runs every check on every loaded school and returns one
Aandachtspunt per finding, each with file, line, field and what to do.

Each check is defined once in CHECKS (meldcode/catalogue.py: code, title, advice). A school may accept
a known aandachtspunt on purpose in its own file (`geaccepteerd:` with a reason);
it is then still listed, in the overview too, but no longer counts as open.
The Besluit checks read the content data (templates/data/*.yaml), the page list
(meldcode/pages.py) and the page templates, never the rendered output.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from .catalogue import CHECKS, PLACEHOLDERS
from .content import Content, load_content
from .errors import Problem
from .grammar import dutch_list
from .kaart import organisation_key
from .loader import Document
from .model import Config, Role, School
from .pages import pages_for

# Outdated names in free text, with the current name (whole words; abbreviations case-sensitive).
OUTDATED_TERMS: list[tuple[str, str, bool]] = [
    (r"Advies- en Meldpunt Kindermishandeling", "Veilig Thuis", False),
    (r"AMK", "Veilig Thuis", True),
    (r"Steunpunt Huiselijk Geweld", "Veilig Thuis", False),
    (r"SHG", "Veilig Thuis", True),
    (r"Bureau Jeugdzorg", "de jeugdbescherming (gecertificeerde instelling)", False),
    (r"BJZ", "de jeugdbescherming (gecertificeerde instelling)", True),
    (r"Wet bescherming persoonsgegevens", "de AVG (Algemene verordening gegevensbescherming)", False),
    (r"Wbp", "de AVG (Algemene verordening gegevensbescherming)", True),
    (r"Wet op de jeugdzorg", "de Jeugdwet", False),
    (r"Wet meldcode", "de Wet verplichte meldcode huiselijk geweld en kindermishandeling", False),
]

_FAKE_DIGITS = re.compile(r"(?:123456|234567|345678|456789|987654|876543|765432|654321|(\d)\1{5})")

# Fields of the school file that hold phone numbers.
_PHONE_KEY = "telefoon"
# Words that say nothing about which organisation is meant.
_STOPWORDS = {"de", "het", "een", "van", "voor", "en", "in", "op", "bij", "met", "regio", "team"}


@dataclass(frozen=True)
class Aandachtspunt:
    """One finding for one school: Dutch, with file, line, field and what to do."""

    school: str  # slug
    code: str
    file: str
    line: int | None
    field: str | None
    message: str  # what is the matter
    advies: str  # what to do
    geaccepteerd: str | None = None  # the school's reason, when accepted on purpose

    @property
    def tip(self) -> bool:
        return CHECKS[self.code].tip

    @property
    def open(self) -> bool:
        """Counts for the overview and fails a --strict build."""
        return not self.tip and self.geaccepteerd is None

    @property
    def titel(self) -> str:
        return CHECKS[self.code].titel

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        field = f" {self.field}:" if self.field else ""
        label = "tip" if self.tip else "aandachtspunt"
        text = f"{where}:{field} {label}: {self.message}. {self.advies} [{self.code}]"
        if self.geaccepteerd:
            text += f" (geaccepteerd: {self.geaccepteerd})"
        return text

    def as_problem(self) -> Problem:
        """The same finding as an error (for --strict)."""
        return Problem(self.file, self.line, self.field, f"{self.message}. {self.advies} [{self.code}]", self.school)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Aandachtspunt:
        return cls(**data)


def find_aandachtspunten(config: Config, templates_dir: Path, today: dt.date) -> list[Aandachtspunt]:
    """Run every check on every school of `config`; return the findings, per school in file order."""
    content = load_content(templates_dir)
    found: list[Aandachtspunt] = []
    if config.stichting is None:
        return found
    for school in config.schools:
        doc = config.documents[school.slug]
        found.extend(check_school(school, doc, config.stichting, content, templates_dir, today))
    return found


def check_school(
    school: School, doc: Document, stichting: Document, content: Content, templates_dir: Path, today: dt.date
) -> list[Aandachtspunt]:
    """Run every check on one school and apply the school's accepted aandachtspunten."""
    at = _Where(school.slug, doc, stichting)
    found = [
        *_besluit(school, content, templates_dir, at),
        *_people(school, at),
        *_regie_phones(school, at),
        *_policy(school, at),
        *_evaluation(school, at, today),
        *_overlegpartners(school, at),
        *_duplicates(school, at),
        *_texts(at),
        *_double_roles(school, at),
    ]
    return _accept(found, doc, at)


class _Where:
    """Makes Aandachtspunten that point at a field of the school file or of the stichting file."""

    def __init__(self, slug: str, doc: Document, stichting: Document):
        self.slug, self.doc, self.stichting = slug, doc, stichting

    def point(self, code: str, doc: Document | str, path: tuple, message: str, advies: str = "") -> Aandachtspunt:
        advies = advies or CHECKS[code].advies
        if isinstance(doc, str):  # a file of ours (content, template): no line
            return Aandachtspunt(self.slug, code, doc, None, None, message, advies)
        problem = doc.problem(path, message)
        # A missing section has no line of its own; the file's first line would mislead.
        line = problem.line if not path or path[:1] in doc.lines else None
        return Aandachtspunt(self.slug, code, problem.file, line, problem.field, message, advies)

    def inherited(self, section: str, key: str) -> Document:
        """The file a merged value comes from: the school's when it overrides it, else the stichting's."""
        own = self.doc.data.get(section)
        return self.doc if isinstance(own, dict) and key in own else self.stichting


# --- Besluit verplichte meldcode, art. 2 ---------------------------------------------


class _Handbook:
    """What the Besluit checks look at: the content data, the printed pages and their templates."""

    def __init__(self, school: School, content: Content, templates_dir: Path):
        self.school, self.content, self.templates_dir = school, content, templates_dir
        self.pages = {page.slug: page for page in pages_for(school, content) if page.print}
        self.data = f"{templates_dir.name}/data"

    def has(self, slug: str, *needles: str) -> bool:
        """True when the handbook prints page `slug` and its template contains every needle."""
        if slug not in self.pages:
            return False
        text = _template_text(self.templates_dir, self.pages[slug].template).casefold()
        return all(needle.casefold() in text for needle in needles)

    def steps(self, number: int | None = None) -> str:
        return "\n".join(_step_texts(self.school, self.content, number))


def _besluit(school: School, content: Content, templates_dir: Path, at: _Where) -> Iterator[Aandachtspunt]:
    book = _Handbook(school, content, templates_dir)
    for element in (_stappenplan, _taakverdeling, _bijzondere_vormen, _verwijsindex_kindcheck, _gegevens, _kader):
        yield from element(book, at)


def _stappenplan(book: _Handbook, at: _Where) -> Iterator[Aandachtspunt]:
    """(a) the five steps, each with what to do, each a chapter of the handbook."""
    for number in range(1, 6):
        step = next((s for s in book.content.steps if s.get("nummer") == number), None)
        if step is None or not step.get("doen"):
            missing = "ontbreekt" if step is None else "zegt niet wat je doet ('doen')"
            yield at.point("besluit-stappenplan", f"{book.data}/stappen.yaml", (), f"stap {number} {missing}")
        elif not book.has(step["slug"]):
            yield at.point(
                "besluit-stappenplan", "meldcode/pages.py", (), f"stap {number} is geen hoofdstuk van het handboek"
            )


def _taakverdeling(book: _Handbook, at: _Where) -> Iterator[Aandachtspunt]:
    """(b) who leads each step, and who is eindverantwoordelijk for the decision to report."""
    if not book.has("wie-doet-wat", "besluit_melden"):
        yield at.point(
            "besluit-taakverdeling",
            "meldcode/pages.py",
            (),
            "het handboek zegt niet wie eindverantwoordelijk is voor het besluit om te melden ('Wie doet wat')",
        )
    steps = [s["slug"] for s in book.content.steps if "slug" in s]
    if not all(book.has(slug, "regie") for slug in steps):
        yield at.point(
            "besluit-taakverdeling", "templates/handbook/stap.md.j2", (), "de stappen zeggen niet wie de regie heeft"
        )
    role = book.school.besluit_melden
    if role.groep or not role.mensen:
        yield at.point(
            "besluit-taakverdeling",
            at.inherited("taakverdeling", "besluit_melden"),
            ("taakverdeling", "besluit_melden"),
            f"het besluit om te melden ligt bij {role.noem}, een groep zonder naam;"
            " het Besluit verplichte meldcode vraagt wie eindverantwoordelijk is",
        )


def _bijzondere_vormen(book: _Handbook, at: _Where) -> Iterator[Aandachtspunt]:
    """(c) bijzondere vormen van geweld: eergerelateerd geweld, vrouwelijke genitale verminking."""
    if not book.has("bijzondere-vormen"):
        yield at.point(
            "besluit-bijzondere-vormen",
            "meldcode/pages.py",
            (),
            "het handboek heeft geen hoofdstuk over bijzondere vormen van geweld",
        )
        return
    missing = [
        form for form in ("eergerelateerd geweld", "genitale verminking") if not book.has("bijzondere-vormen", form)
    ]
    if missing:
        yield at.point(
            "besluit-bijzondere-vormen",
            f"templates/handbook/{book.pages['bijzondere-vormen'].template}",
            (),
            "het hoofdstuk over bijzondere vormen van geweld noemt niet: " + ", ".join(missing),
        )


def _verwijsindex_kindcheck(book: _Handbook, at: _Where) -> Iterator[Aandachtspunt]:
    """(d) the verwijsindex and (e) the kindcheck, in the stappenplan itself."""
    if "{verwijsindex}" not in book.steps():
        yield at.point(
            "besluit-verwijsindex",
            f"{book.data}/stappen.yaml",
            (),
            "het stappenplan noemt de verwijsindex van de school niet",
        )
    if "kindcheck" not in book.steps().casefold():
        yield at.point("besluit-kindcheck", f"{book.data}/stappen.yaml", (), "het stappenplan noemt de kindcheck niet")


def _gegevens(book: _Handbook, at: _Where) -> Iterator[Aandachtspunt]:
    """(f) confidential data: where the dossier is, who may see it, privacy."""
    if not book.has("dossier-en-privacy", "afspraken.dossier"):
        yield at.point(
            "besluit-gegevens",
            "meldcode/pages.py",
            (),
            "het handboek zegt niet waar het dossier staat en hoe de gegevens worden beschermd",
        )


def _kader(book: _Handbook, at: _Where) -> Iterator[Aandachtspunt]:
    """The afwegingskader (2019): five questions, used in step 4, and its two decisions in step 5."""
    kader = book.content.kader
    if sorted(q.get("nummer") for q in kader.get("vragen", [])) != [1, 2, 3, 4, 5]:
        yield at.point(
            "besluit-afwegingskader",
            f"{book.data}/afwegingskader.yaml",
            (),
            "het afwegingskader heeft niet de vijf afwegingsvragen",
        )
    if not book.has("afwegingskader"):
        yield at.point(
            "besluit-afwegingskader",
            "meldcode/pages.py",
            (),
            "het handboek heeft geen hoofdstuk over het afwegingskader",
        )
    if "afwegingskader" not in book.steps(4).casefold():
        yield at.point(
            "besluit-afwegingskader", f"{book.data}/stappen.yaml", (), "stap 4 gebruikt het afwegingskader niet"
        )
    kinds = {outcome.get("soort") for outcome in kader.get("uitkomsten", {}).values()}
    step5 = book.steps(5).casefold()
    missing = [
        label
        for label, present in (
            ("beslissing 1 (is melden noodzakelijk?)", "beslissing 1" in step5 and "melden" in kinds),
            ("beslissing 2 (is hulp bieden of organiseren ook mogelijk?)", "beslissing 2" in step5 and "hulp" in kinds),
        )
        if not present
    ]
    if missing:
        yield at.point("besluit-beslissingen", f"{book.data}/stappen.yaml", (), "stap 5 mist " + dutch_list(missing))


def _step_texts(school: School, content: Content, number: int | None = None) -> Iterator[str]:
    """The text of the steps as this school's handbook has it (items that depend on its werkwijze
    or on who acts count only where they apply)."""
    for step in content.steps:
        if number is not None and step.get("nummer") != number:
            continue
        yield from (text for text in (step.get("titel"), step.get("doel")) if isinstance(text, str))
        for key in ("doen", "aandacht", "vastleggen"):
            yield from school.select(step.get(key) or [], step=step.get("nummer"))
        assignment = school.taakverdeling.get(step.get("nummer"))
        if assignment is not None:
            yield from school.select(step.get("regie") or [], assignment.regie, step.get("nummer"))
            for role in assignment.betrokken:
                yield from school.select(step.get("betrokken") or [], role, step.get("nummer"))


@lru_cache(maxsize=64)
def _template_text(templates_dir: Path, name: str) -> str:
    path = templates_dir / "handbook" / name
    return path.read_text(encoding="utf-8") if path.is_file() else ""


# --- people, policy, dates -----------------------------------------------------------


def _people(school: School, at: _Where) -> Iterator[Aandachtspunt]:
    if "vertrouwenspersoon" not in school.roles:
        yield at.point(
            "geen-vertrouwenspersoon", at.doc, ("rollen",), "het handboek noemt geen vertrouwenspersoon bij naam"
        )
    if not school.speciaal and "commissie_van_begeleiding" in (at.doc.data.get("rollen") or {}):
        yield at.point(
            "commissie-buiten-speciaal-onderwijs",
            at.doc,
            ("rollen", "commissie_van_begeleiding"),
            f"een commissie van begeleiding staat onder rollen, maar de sector is {school.sector_label}",
        )
    team = school.afspraken.ondersteuningsteam
    if "," in team or ";" in team:  # accepted by 1.0.0; an error from 2.0 on (CHANGELOG)
        yield at.point(
            "teamnaam-met-komma", at.doc, ("afspraken", "ondersteuningsteam"), f'de naam "{team}" bevat een komma'
        )
    # Speciaal (basis)onderwijs has its commissie van begeleiding (required in validate.py) instead.
    if not school.speciaal and not {"intern_begeleider", "zorgcoordinator"} & set(school.roles):
        yield at.point(
            "geen-intern-begeleider",
            at.doc,
            ("rollen",),
            "het handboek noemt geen intern begeleider of zorgcoördinator bij naam",
        )


def _regie_phones(school: School, at: _Where) -> Iterator[Aandachtspunt]:
    """Everyone who leads a step (or chairs the team that does) has a phone number, in any of their roles."""
    reachable = {_name(p.naam) for role in school.roles.values() for p in role.mensen if p.telefoon}
    missing: dict[str, tuple[Role, int, list[int]]] = {}  # name -> (first role, index of the person, steps)
    for number, assignment in sorted(school.taakverdeling.items()):
        for i, person in enumerate(assignment.regie.mensen):
            if _name(person.naam) not in reachable:
                missing.setdefault(_name(person.naam), (assignment.regie, i, []))[2].append(number)
    for role, i, steps in missing.values():
        if role.key in school.roles and role.key in ("directeur", "aandachtsfunctionaris"):
            path: tuple = (role.key,)
        else:
            entry = (at.doc.data.get("rollen") or {}).get(role.key) or {}
            path = ("rollen", role.key) + (("personen", i) if entry.get("personen") else ())
        naam = role.mensen[i].naam
        yield at.point(
            "regie-zonder-telefoon",
            at.doc,
            path,
            f"{naam} heeft de regie in stap {dutch_list([str(n) for n in steps])}, maar het handboek noemt"
            " geen telefoonnummer van die persoon",
        )


def _policy(school: School, at: _Where) -> Iterator[Aandachtspunt]:
    if not school.bestuur.telefoon:  # an aandachtspunt first: existing files keep building (a rule later)
        yield at.point(
            "bestuur-zonder-telefoon",
            at.stichting,
            ("bestuur",),
            f"{school.bestuur.naam}, het aanspreekpunt van het bestuur, heeft geen telefoonnummer",
        )
    if not school.privacy.bewaartermijn:
        yield at.point(
            "geen-bewaartermijn", at.stichting, ("privacy",), "er is geen bewaartermijn voor het meldcodedossier"
        )
    if not school.privacy.fg:
        yield at.point("geen-fg", at.stichting, ("privacy",), "de functionaris gegevensbescherming wordt niet genoemd")
    said = (school.vaststelling.medezeggenschap or "").lower()
    if "advies" in said and "instemming" not in said:
        yield at.point(
            "medezeggenschap-advies",
            at.inherited("vaststelling", "medezeggenschap"),
            ("vaststelling", "medezeggenschap"),
            f"de meldcode is vastgesteld '{school.vaststelling.medezeggenschap}'",
        )
    if not school.vaststelling.medezeggenschap:
        yield at.point(
            "geen-medezeggenschap",
            at.inherited("vaststelling", "medezeggenschap"),
            ("vaststelling",),
            "de vaststelling zegt niet hoe de medezeggenschapsraad erbij betrokken was",
        )


def _evaluation(school: School, at: _Where, today: dt.date) -> Iterator[Aandachtspunt]:
    evaluatie = school.vaststelling.evaluatie
    where = at.inherited("vaststelling", "evaluatie")
    path = ("vaststelling", "evaluatie")
    if evaluation_overdue(evaluatie, today):
        yield at.point(
            "evaluatie-voorbij", where, path, f"de evaluatiedatum ({school.vaststelling.evaluatie_tekst}) is voorbij"
        )
    elif evaluatie <= _add_months(today, 3):
        yield at.point(
            "evaluatie-binnenkort",
            where,
            path,
            f"de meldcode moet op {school.vaststelling.evaluatie_tekst} geëvalueerd zijn, binnen drie maanden",
        )


def evaluation_overdue(evaluatie: dt.date, today: dt.date) -> bool:
    """The one rule for "te laat": overdue from the day after the evaluation date.

    meldcode.overview.overdue (the command line) and assets/web/overzicht.js (the
    overview page) apply the same rule.
    """
    return evaluatie < today


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - every month has 28 days


# --- sociale kaart -------------------------------------------------------------------


def _overlegpartners(school: School, at: _Where) -> Iterator[Aandachtspunt]:
    entries = [
        " ".join(filter(None, (c.organisatie, c.contactpersoon, c.toelichting)))
        for _, contacts in school.sociale_kaart
        for c in contacts
    ]
    entry_words = [organisation_key(text).split() for text in entries]
    names = [_significant(c.organisatie) for _, contacts in school.sociale_kaart for c in contacts]
    for i, partner in enumerate(school.afspraken.overlegpartners):
        words = _significant(partner)
        # "Buurtteam Maarssen" is on a kaart that has it; so is "jeugdarts GGD X" when "GGD X" is.
        named = any(words and all(_word_in(w, found) for w in words) for found in entry_words)
        if not named and not any(name and all(_word_in(w, words) for w in name) for name in names):
            yield at.point(
                "overlegpartner-niet-op-kaart",
                at.doc,
                ("afspraken", "overlegpartners", i),
                f'"{partner}" staat bij de overlegpartners, maar niet op de sociale kaart',
            )


def _significant(text: str) -> list[str]:
    return [w for w in organisation_key(text).split() if w not in _STOPWORDS]


def _word_in(word: str, words: list[str]) -> bool:
    """True when `word` is one of `words`, or (from four letters) part of one or contains one."""
    return any(word == w or (min(len(word), len(w)) >= 4 and (word in w or w in word)) for w in words)


def _duplicates(school: School, at: _Where) -> Iterator[Aandachtspunt]:
    for dup in school.dubbel:
        doc = at.doc if dup.source == "school" else at.stichting
        kind = "die het handboek altijd vermeldt" if dup.builtin else "die al op de sociale kaart staat"
        path = ("sociale_kaart", dup.index)
        line = doc.line(path)
        yield at.point(
            "dubbel-op-sociale-kaart",
            doc,
            path,
            f'"{dup.organisatie}" heeft hetzelfde {dup.same} als "{dup.of}", {kind}',
            f"Haal de vermelding op regel {line} weg; het handboek toont hem maar één keer."
            if line
            else CHECKS["dubbel-op-sociale-kaart"].advies,
        )


# --- free text: outdated terms, placeholders -----------------------------------------


def _texts(at: _Where) -> Iterator[Aandachtspunt]:
    for doc in (at.doc, at.stichting):
        for path, value in _strings(doc.data, ()):
            if path and path[0] == "geaccepteerd":
                continue  # the school's own reasons; not printed in the handbook
            for term, current, exact in OUTDATED_TERMS:
                match = re.search(rf"(?<!\w){term}(?!\w)", value, 0 if exact else re.I)
                if match:
                    yield at.point(
                        "verouderde-term",
                        doc,
                        path,
                        f'"{match.group()}" is een verouderde term',
                        f"Gebruik {current}.",
                    )
            for placeholder, label in PLACEHOLDERS:
                if placeholder.search(value):
                    yield at.point("invulvoorbeeld", doc, path, f'"{_short(value)}" lijkt een invulvoorbeeld: {label}')
                    break
            else:
                if path[-1] == _PHONE_KEY and _FAKE_DIGITS.search(re.sub(r"\D", "", value)):
                    yield at.point("invulvoorbeeld", doc, path, f'"{value}" lijkt een verzonnen telefoonnummer')


def _strings(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


# --- one person, two roles that check each other -------------------------------------


def _double_roles(school: School, at: _Where) -> Iterator[Aandachtspunt]:
    af = _name(school.aandachtsfunctionaris.naam)
    deciders = school.besluit_melden.mensen
    if school.besluit_melden.key == "aandachtsfunctionaris" or (len(deciders) == 1 and _name(deciders[0].naam) == af):
        yield at.point(
            "dubbele-rol",
            at.inherited("taakverdeling", "besluit_melden"),
            ("taakverdeling", "besluit_melden"),
            f"{school.aandachtsfunctionaris.naam} is aandachtsfunctionaris en neemt als enige het besluit om te melden",
        )
    vp = school.roles.get("vertrouwenspersoon")
    if vp and any(_name(p.naam) == af for p in vp.mensen):
        yield at.point(
            "dubbele-rol",
            at.doc,
            ("rollen", "vertrouwenspersoon"),
            f"{school.aandachtsfunctionaris.naam} is zowel aandachtsfunctionaris als vertrouwenspersoon",
            "Een vertrouwenspersoon staat los van de zorgroute; overweeg een ander als vertrouwenspersoon.",
        )


def _name(text: str) -> str:
    return " ".join(text.casefold().split())


# --- accepted on purpose -------------------------------------------------------------


def _accept(found: list[Aandachtspunt], doc: Document, at: _Where) -> list[Aandachtspunt]:
    """Mark what the school accepted (`geaccepteerd:`); report acceptances that match nothing."""
    result = list(found)
    for i, entry in enumerate(doc.data.get("geaccepteerd") or []):
        matched = False
        for j, point in enumerate(result):
            if point.code == entry["code"] and _field_matches(point.field, entry.get("veld")):
                result[j] = Aandachtspunt(**{**point.as_dict(), "geaccepteerd": " ".join(entry["reden"].split())})
                matched = True
        if not matched:
            result.append(
                at.point(
                    "acceptatie-overbodig",
                    doc,
                    ("geaccepteerd", i),
                    f"het aandachtspunt '{entry['code']}' is geaccepteerd, maar komt bij deze school niet (meer) voor",
                )
            )
    return result


def _field_matches(field: str | None, wanted: str | None) -> bool:
    if not wanted:
        return True
    return field is not None and (field == wanted or field.startswith(wanted + "."))
