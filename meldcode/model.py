"""What the templates see (School and its parts), and the load stage that builds it.

`load_config` is the first build stage: it reads `_stichting.yaml` and every
`<slug>.yaml`, has meldcode.validate check them (schema, then cross-field and
cross-file rules) and returns the schools that are valid plus every problem
found. Nothing is written here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import phonenumbers

from . import schema
from .content import Content, load_content, step_key
from .errors import Problem
from .grammar import first_upper
from .loader import Document, LoadError, load
from .validate import (
    Validator,
    check_file_names,
    check_school,
    check_stichting,
    check_unique_name,
    dial_local,
    display_name,
    dutch_date,
    image_kind,
    is_short_number,
    parse_date,
    parse_phone,
    schema_problems,
    werkwijze_sources,
)

STICHTING_FILE = "_stichting.yaml"

# Always on every school's sociale kaart.
POLITIE = "0900-8844"
VERTROUWENSINSPECTEUR = "0900-111 3111"
CENTRUM_SEKSUEEL_GEWELD = "0800-0188"  # named in the text on bijzondere vormen


@dataclass(frozen=True)
class Phone:
    """A validated phone number: shown in Dutch notation, dialled as E.164."""

    display: str
    tel: str

    def __str__(self) -> str:
        return self.display

    @classmethod
    def of(cls, value: str | None) -> Phone | None:
        if not value:
            return None
        number = parse_phone(value)
        if number is None:
            return None
        fmt = phonenumbers.PhoneNumberFormat
        if is_short_number(number):
            return cls(str(number.national_number), str(number.national_number))
        style = fmt.NATIONAL if number.country_code == 31 else fmt.INTERNATIONAL
        display = phonenumbers.format_number(number, style)
        if dial_local(number):  # 14 020 works only as dialled, not as +31 14020
            return cls(display, str(number.national_number))
        return cls(display, phonenumbers.format_number(number, fmt.E164))


@dataclass
class Person:
    naam: str
    functie: str | None = None
    telefoon: Phone | None = None
    email: str | None = None
    bereikbaar: str | None = None
    telefoon_op_website: bool = True  # False: the number only on the poster and in the PDF

    @classmethod
    def of(cls, data: dict) -> Person:
        """Return the person described by a validated mapping (naam, functie, telefoon, ...)."""
        return cls(
            data["naam"],
            data.get("functie"),
            Phone.of(data.get("telefoon")),
            data.get("email"),
            data.get("bereikbaar"),
            data.get("telefoon_op_website") != "nee",
        )


@dataclass
class Role:
    key: str
    titel: str
    noem: str
    ik_ben: str
    taken: list  # text, or conditional items (see templates/data/stappen.yaml)
    mensen: list[Person] = field(default_factory=list)
    eigen: bool = False  # defined by the school itself
    groep: bool = False  # a group (leerkrachten, bestuur): no names
    pagina: bool = True  # has an "Ik ben ..." page on the website
    meervoud: str | None = None  # the title for two or more people ("Teamleiders"); None for an own role
    # A team (the ondersteuningsteam, the commissie van begeleiding) is never one of its members:
    # 'ondersteuningsteam' for the school's internal team and every role named like it, else the role key.
    team: str | None = None
    titels: tuple[str, ...] = ()  # other titles a person in this role may have ("rector"), rollen.yaml
    # Where the people divide the pupils (rollen.yaml 'verdeeld') and their functies say how
    # ("zorgcoördinator onderbouw", "... bovenbouw"): name -> (their title, their part: "onderbouw").
    delen: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def namen(self) -> str:
        """Names of the people in this role, joined in Dutch ("A, B en C")."""
        return dutch_list([p.naam for p in self.mensen])

    @property
    def persons(self) -> bool:
        """True for a role of named people who act themselves (not a group, not a team)."""
        return not self.groep and not self.team and bool(self.mensen)

    @property
    def several(self) -> bool:
        """Two or more people hold this role (a heading over their tasks: "Zorgcoördinatoren")."""
        return self.persons and len(self.mensen) > 1

    @property
    def split(self) -> bool:
        """Two or more people hold this role, each for a part of the pupils the data names."""
        return self.several and all(p.naam in self.delen for p in self.mensen)

    @property
    def plural(self) -> bool:
        """Two or more people act together in this role: the verbs of its sentences are plural.

        Not when each acts for a part of the pupils: then one of them acts in a case.
        """
        return self.several and not self.split

    def verdeling(self, esc: Callable[[str], str] = str) -> str:
        """Name a split role by who has which pupils: 'de zorgcoördinator van de leerling
        (onderbouw: Samira Benali, bovenbouw: Ruben de Wit)'. `esc` escapes names and parts."""
        parts = [self.delen[p.naam][1] for p in self.mensen]
        sep = "; " if any("," in part for part in parts) else ", "
        who = sep.join(f"{esc(part)}: {esc(p.naam)}" for part, p in zip(parts, self.mensen, strict=True))
        return f"{esc(self.noem)} van de leerling ({who})"

    def own_title(self, person: Person) -> str:
        """Return what `person` is in this role: the title their functie gives, else the role's.

        'jeugdverpleegkundige' (not 'jeugdarts of jeugdverpleegkundige'), 'rector' (not
        'directeur'), 'zorgcoördinator bovenbouw' where the role is divided among people.
        A functie that names none of the role's titles, or several, says nothing about it:
        a vertrouwenspersoon whose functie is 'leerkracht groep 6' stays 'vertrouwenspersoon'.
        """
        if person.naam in self.delen:
            return " ".join(self.delen[person.naam])
        found = _titles_in(person.functie or "", self.title_words)
        return found[0] if len(found) == 1 else _in_text(self.titel)

    @property
    def title_words(self) -> list[str]:
        """The titles of this role: 'jeugdarts', 'jeugdverpleegkundige' (its titel) and its titels."""
        return _role_titles(self.titel, self.titels)

    @property
    def voorzitter_label(self) -> str:
        """What the people of a team are to it: 'voorzitter' (of the commissie van begeleiding)."""
        several = len(self.mensen) > 1
        if self.key == "commissie_van_begeleiding":  # the school file names its chair (docs/configuratie.md)
            return "voorzitters" if several else "voorzitter"
        return "contactpersonen" if several else "contactpersoon"

    @property
    def noem_aantal(self) -> str:
        """The role in a sentence, plural for two or more people: 'de teamleiders'."""
        if self.several and self.meervoud:
            return "de " + self.meervoud[:1].lower() + self.meervoud[1:]
        return self.noem

    @property
    def aanduiding(self) -> str:
        """The role in running text, with its people: 'de intern begeleider (Fatima el Amrani)'.

        Singular also for a role of several people: the sentences it goes into say what one
        of them does ("Het gesprek voert de intern begeleider (Esther Kok en Mohamed Bakkali)").
        """
        if self.team and self.mensen:
            return f"{self.noem} ({self.voorzitter_label}: {self.namen})"
        if self.groep or not self.mensen:
            return self.noem
        if self.split:
            return self.verdeling()
        return f"{self.noem} ({self.namen})"


@dataclass
class Assignment:
    """Who acts in one step: School.parties merges the roles one person or team holds."""

    regie: Role
    betrokken: list[Role]

    def roles(self) -> list[Role]:
        return [self.regie, *self.betrokken]


@dataclass
class Contact:
    organisatie: str
    categorie: str
    contactpersoon: str | None = None
    telefoon: Phone | None = None
    email: str | None = None
    website: str | None = None
    adres: str | None = None
    toelichting: str | None = None
    regionaal: Phone | None = None  # a second, regional number (Veilig Thuis in the region: 088 ...)


@dataclass(frozen=True)
class Duplicate:
    """A sociale-kaart entry of a config file that repeats one already on the kaart."""

    source: str  # "stichting" or "school": the file it is in
    index: int  # its position in that file's sociale_kaart list
    organisatie: str  # the entry left out
    of: str  # the organisation it repeats
    builtin: bool  # the repeated entry is one the tool always adds
    same: str  # "telefoonnummer" or "organisatie"


@dataclass
class Address:
    straat: str
    postcode: str
    plaats: str


@dataclass
class Afspraken:
    """The school's local arrangements."""

    ondersteuningsteam: str  # name of the internal support team
    overlegpartners: list[str]
    dossier: str  # where the meldcode dossier is kept
    verwijsindex: str
    overig: list[str]


@dataclass
class Stichting:
    naam: str
    website: str | None
    adres: str | None


@dataclass
class VeiligThuis:
    naam: str
    telefoon: Phone
    website: str | None


@dataclass
class Privacy:
    bewaartermijn: str | None
    fg: Person | None  # the functionaris gegevensbescherming


@dataclass
class Vaststelling:
    datum: dt.date
    door: str
    versie: str
    evaluatie: dt.date
    medezeggenschap: str | None

    @property
    def datum_tekst(self) -> str:
        return dutch_date(self.datum)

    @property
    def evaluatie_tekst(self) -> str:
        return dutch_date(self.evaluatie)


@dataclass
class School:
    """Everything the templates need for one school."""

    slug: str
    naam: str
    naam_in_tekst: str  # how running text names the school: "de Luc Stevensschool"
    sector: str
    sector_label: str
    speciaal: bool  # speciaal (basis)onderwijs: commissie van begeleiding, extra care
    leeftijd: tuple[int, int]  # youngest and oldest pupils
    adres: Address
    telefoon: Phone | None
    email: str | None
    website: str | None
    brin: str | None
    directeur: Person
    aandachtsfunctionaris: Person
    roles: dict[str, Role]  # every role this school has, in catalogue order
    taakverdeling: dict[int, Assignment]  # step number -> who acts
    besluit_melden: Role
    melding_doen: Role
    afspraken: Afspraken
    vaststelling: Vaststelling
    sociale_kaart: list[tuple[str, list[Contact]]]  # (category heading, contacts)
    dubbel: list[Duplicate]  # sociale-kaart entries left out because they repeat another
    stichting: Stichting
    veilig_thuis: VeiligThuis
    bestuur: Person
    privacy: Privacy
    logo: Path | None
    site_url: str
    vindbaar: bool  # may search engines list the site (stichting.zoekmachines)
    sources: list[Path]  # files this school's output depends on

    @property
    def vo(self) -> bool:
        """True for a school for voortgezet onderwijs."""
        return self.sector == "voortgezet-onderwijs"

    @property
    def wet(self) -> str:
        """The education law of this school's sector ("Wet op het primair onderwijs")."""
        return schema.SECTOR_LAWS[self.sector]

    @property
    def wet_meldcode(self) -> str:
        """The article of that law that requires the meldcode ("artikel 4b")."""
        return schema.LAW_ARTICLES[self.wet][0]

    @property
    def wet_medewerker(self) -> str:
        """The article with the duties for sexual offences by staff ("artikel 4a")."""
        return schema.LAW_ARTICLES[self.wet][1]

    @property
    def medewerker_alleen_minderjarig(self) -> bool:
        """Whether those duties cover minor pupils only (WEC, WVO 2020) or every pupil (WPO)."""
        return self.wet in schema.STAFF_DUTY_MINORS_ONLY

    @property
    def onder_16(self) -> bool:
        """Some pupils are younger than 16."""
        return self.leeftijd[0] < 16

    @property
    def zestien(self) -> bool:
        """Some pupils are 16 or 17: they give consent themselves (UAVG art. 5)."""
        return self.leeftijd[0] <= 17 and self.leeftijd[1] >= 16

    @property
    def volwassenen(self) -> bool:
        """Some pupils are 18 or older: adults, informed and asked themselves."""
        return self.leeftijd[1] >= 18

    @property
    def primair(self) -> bool:
        """Some pupils are of primary school age (younger than 12)."""
        return self.leeftijd[0] < 12

    @property
    def secundair(self) -> bool:
        """Some pupils are of secondary school age (15 or older)."""
        return self.leeftijd[1] >= 15

    @property
    def url(self) -> str:
        """Absolute URL of this school's online handbook."""
        return self.site_url.rstrip("/") + "/" + self.slug + "/"

    werkwijze: dict = field(default_factory=dict)  # 'section.key' -> value, Role or None (not chosen)

    def steps_of(self, role_key: str) -> dict[int, str]:
        """Return step number -> 'regie' | 'mede' | 'betrokken' | '' for one role (or the person who holds it).

        'mede': the role's people share the regie as someone else (Samira Benali, aandachtsfunctionaris,
        is one of the two zorgcoördinatoren who lead the step, or the chair of the team that leads it).
        """
        role = self.roles[role_key]
        result = {}
        for number, assignment in self.taakverdeling.items():
            if self.same(role, assignment.regie):
                result[number] = "regie"
            elif role.persons and {_plain(p.naam) for p in role.mensen} <= self.regie_holders(number):
                result[number] = "mede"
            elif any(self.same(role, r) for r in assignment.betrokken):
                result[number] = "betrokken"
            else:
                result[number] = ""
        return result

    def party(self, role: Role) -> tuple:
        """Return who acts when `role` acts, as a key: roles held by exactly the same people are one party.

        A role that two people share (zorgcoördinatoren A and B) is not the same party as a
        role that only one of them holds (aandachtsfunctionaris A): merging them would make B
        look like the aandachtsfunctionaris. A team is one party with the roles named like
        it, never with its chair; a group (de leerkracht) is only itself.
        """
        if role.team:
            return ("team", role.team)
        if role.persons:
            return ("mensen", frozenset(_plain(p.naam) for p in role.mensen))
        return ("rol", role.key)

    def same(self, a: Role | None, b: Role | None) -> bool:
        """Tell whether two roles are one party (one person holding both, or one team).

        A role is always the same as itself, also as the copy `parties` makes of it with
        fewer people (the zorgcoördinator who does not lead the step).
        """
        return a is not None and b is not None and (a.key == b.key or self.party(a) == self.party(b))

    def groups(self, roles: list[Role]) -> list[list[Role]]:
        """Group roles by party, in order of first appearance."""
        groups: dict[tuple, list[Role]] = {}
        for role in roles:
            groups.setdefault(self.party(role), []).append(role)
        return list(groups.values())

    def regie_holders(self, step: int) -> set[str]:
        """Return the people who lead a step (compared by name): its regie's people, or the chair of its team."""
        regie = self.taakverdeling[step].regie
        return {_plain(p.naam) for p in regie.mensen} if not regie.groep else set()

    def parties(self, step: int) -> list[list[Role]]:
        """Return who acts in a step, one entry per party: the regie's first.

        Someone who leads the step is not also one of its participants: a participant of
        only such people is left out, one of several people keeps only the others (Ruben
        de Wit, the zorgcoördinator who does not lead step 3, in the singular). Not when
        the regie is divided over the pupils (onderbouw, bovenbouw): for the other pupils
        the aandachtsfunctionaris who leads the onderbouw's cases is still involved.
        """
        regie, *participants = self.groups(self.taakverdeling[step].roles())
        holders = set() if self.taakverdeling[step].regie.split else self.regie_holders(step)
        result = [regie]
        for group in participants:
            if not group[0].persons or not holders:
                result.append(group)  # a team or a group is more than the one who leads
                continue

            def rest(role: Role) -> list[Person]:
                return [p for p in role.mensen if _plain(p.naam) not in holders]

            if len(rest(group[0])) == len(group[0].mensen):
                result.append(group)
            elif rest(group[0]):
                result.append([dataclasses.replace(r, mensen=rest(r)) for r in group])
        return result

    def select(self, items: list, subject: Role | None = None, step: int | None = None) -> list[str]:
        """Return the text items that apply to this school (see templates/data/stappen.yaml).

        `subject` is the role acting in the sentence, `step` the step whose leader a `regie`
        condition asks about.
        """
        return [
            item if isinstance(item, str) else item["tekst"] for item in items if self._applies(item, subject, step)
        ]

    def _applies(self, item: str | dict, subject: Role | None, step: int | None) -> bool:
        if isinstance(item, str):
            return True
        return all(self._holds(k, v, subject, step) for k, v in (item.get("als") or {}).items()) and not any(
            self._holds(k, v, subject, step) for k, v in (item.get("als_niet") or {}).items()
        )

    def _roles_named(self, name: str) -> list[Role]:
        """Return the role `name`, or the roles a werkwijze choice names (several who act together)."""
        chosen = self.werkwijze.get(name)
        if isinstance(chosen, list):
            return chosen
        role = self._role_named(name)
        return [role] if role else []

    def _role_named(self, name: str) -> Role | None:
        """Return the role `name` (a role key, or a werkwijze choice that names a role)."""
        if name in self.werkwijze:
            chosen = self.werkwijze[name]
            return chosen if isinstance(chosen, Role) else None
        return self.roles.get(name)

    def _holds(self, key: str, wanted: object, subject: Role | None, step: int | None = None) -> bool:
        if key == "leerlingen":  # the school has pupils of any of these age groups (AGE_GROUPS)
            return any(getattr(self, str(group)) for group in (wanted if isinstance(wanted, list) else [wanted]))
        if key in ("rol", "regie"):
            # rol: the role acting in this sentence; regie: the leader of this step (a step page's own text)
            if key == "regie":
                subject = self.taakverdeling[step].regie if step else None
            names = wanted if isinstance(wanted, list) else [wanted]
            return any(self.same(subject, role) for name in names for role in self._roles_named(str(name)))
        value = self.werkwijze[key]
        options = wanted if isinstance(wanted, list) else [wanted]
        if value is None:
            return None in options
        if isinstance(value, list):  # moments, or several roles that act together
            return ("gekozen" in options and bool(value)) or any(o in value for o in options)
        return "gekozen" in options or value in options


@dataclass
class Config:
    """The outcome of loading: valid schools, and problems of the invalid ones."""

    schools_dir: Path
    schools: list[School]
    problems: list[Problem]
    fatal: bool  # the stichting file itself is broken: nothing can be built
    stichting: Document | None = None  # the loaded stichting file, for line numbers of aandachtspunten
    documents: dict[str, Document] = field(default_factory=dict)  # slug -> loaded file of each valid school


def party_label(roles: list[Role], esc: Callable[[str], str] = str, *, capital: bool) -> str:
    """Name one party acting in a step, people first: 'Ellen Stam en Kees Brink (teamleiders)'.

    The roles are one party (School.groups): the same people, one team or one group.
    A team is named as the team, with its chair: 'de commissie van begeleiding
    (voorzitter: Youssef Amrani)'. `capital` gives a team or group a capital first letter,
    for the start of a sentence, list item or table cell only ("Ook betrokken: de mentor;
    het zorgteam"); names of people keep theirs. `esc` escapes the names and titles (not
    the brackets). A title that starts the party gets a capital too ("Dr. Thomas Brouwer").
    """

    def team_or_group(noem: str) -> str:
        return esc(first_upper(noem) if capital else noem)

    def names(text: str) -> str:
        return esc(title_first_upper(text) if capital else text)

    teams = [r for r in roles if r.team]
    if teams:
        team = next((r for r in teams if r.mensen), teams[0])
        label = team_or_group(team.noem)
        return f"{label} ({esc(team.voorzitter_label)}: {esc(team.namen)})" if team.mensen else label
    people = [r for r in roles if r.persons]
    if not people:
        return team_or_group(roles[0].noem)
    first = people[0]
    if first.split and len(people) == 1:  # who of them acts depends on the pupil
        label = first.verdeling(esc)
        return first_upper(label) if capital else label
    if not first.several:  # one person: the title they have in each role, each once
        own = list(dict.fromkeys(r.own_title(r.mensen[0]) for r in people))
        return f"{names(first.namen)} ({esc(', '.join(own))})"
    if all(r.meervoud for r in people):
        return f"{names(first.namen)} ({esc(', '.join(_in_text(str(r.meervoud)) for r in people))})"
    # an own role has no plural title: each person with the titles
    titles = esc(", ".join(_in_text(r.titel) for r in people))
    return dutch_list([f"{names(p.naam) if i == 0 else esc(p.naam)} ({titles})" for i, p in enumerate(first.mensen)])


def team_role(roles: list[Role]) -> Role:
    """Return the role whose name a team goes by: the school's ondersteuningsteam, if among them.

    The roles are one party, a team (School.groups). A team merged with the school's
    ondersteuningsteam (the commissie van begeleiding that is its ondersteuningsteam) is
    the same body: it goes by the name the school gives it (afspraken.ondersteuningsteam).
    """
    teams = [r for r in roles if r.team]
    return next((r for r in teams if r.key == "ondersteuningsteam"), teams[0])


def team_title(roles: list[Role]) -> str:
    """Head a team's tasks with the name the school gives it: 'Commissie van begeleiding (CvB)'."""
    return heading(team_role(roles).noem)


def heading(name: str) -> str:
    """Return a name as a heading: no article, a capital first letter ('het groot OT' -> 'Groot OT')."""
    return first_upper(re.sub(r"^(de|het)\s+", "", name.strip(), flags=re.IGNORECASE))


# A title before a name ("dr. Thomas Brouwer"), written in lower case in the middle of a sentence.
TITLE = re.compile(r"(?<![\w.])(dr|drs|mr|ir|ing|prof|ds|dhr|mevr|mw)\. (?=\w)", re.IGNORECASE)


def title_first_upper(name: str) -> str:
    """Capitalise a title that starts a name, for the start of a sentence or item: 'Dr. Thomas Brouwer'."""
    return first_upper(name) if TITLE.match(name) else name


def _in_text(title: str) -> str:
    """Return a title for running text, abbreviations kept: 'leerplichtambtenaar of RMC-consulent'."""
    return title[:1].lower() + title[1:]


def _titles_in(functie: str, titles: list[str]) -> list[str]:
    """Return the words of a functie that are one of `titles`, also as part of a word
    ('locatiedirecteur', 'orthopedagoog-generalist'), as written, each once."""
    found: dict[str, str] = {}
    for title in titles:
        for match in re.finditer(rf"(?<![\w-])[\w-]*{re.escape(title)}[\w-]*(?![\w-])", functie, re.IGNORECASE):
            found.setdefault(match.group(0).casefold(), match.group(0))
    return list(found.values())


def _role_titles(titel: str, titels: tuple[str, ...] | list[str]) -> list[str]:
    """Return a role's titles in lower case: each of 'jeugdarts of jeugdverpleegkundige', then its extra titels."""
    return [t.strip().lower() for t in titel.split(" of ")] + [t.lower() for t in titels]


def _split(info: dict, people: list[Person]) -> dict[str, tuple[str, str]]:
    """Return who has which part of the pupils, where a divided role's functies say it.

    Every person's functie is one title of the role and a part ('zorgcoördinator onderbouw',
    'intern begeleider groep 5 tot en met 8'); the same title, parts all different. Else {}.
    """
    if not info.get("verdeeld") or len(people) < 2:
        return {}
    titles = _role_titles(info["titel"], info.get("titels", ()))
    result = {}
    for person in people:
        patterns = [rf"\s*({re.escape(t)})\s+(\S.*?)\s*" for t in titles]
        match = next((m for p in patterns if (m := re.fullmatch(p, person.functie or "", re.I))), None)
        if match is None:
            return {}
        result[person.naam] = (match.group(1), match.group(2))
    if len({title.casefold() for title, _ in result.values()}) > 1:
        return {}
    if len({part.casefold() for _, part in result.values()}) < len(people):
        return {}
    return result


def short_name(name: str) -> str:
    """Return a name that ends in its abbreviation as that: 'de commissie van begeleiding (CvB)' -> 'de CvB'.

    A text that names a team again and again introduces the abbreviation once and uses it after.
    Any other name comes back as it is.
    """
    match = re.fullmatch(r"(?i:(de|het)\s+)?.+?\s+\(([^()\s]{2,8})\)", name.strip())
    if not match or not re.search(r"[A-Z]", match.group(2)):
        return name
    return f"{match.group(1)} {match.group(2)}" if match.group(1) else match.group(2)


def dutch_list(words: list[str]) -> str:
    """Join words the Dutch way: 'A', 'A en B', 'A, B en C'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def _plain(text: str) -> str:
    """Reduce a name to compare it: no article, no '(CvB)', lower case."""
    text = re.sub(r"\([^)]*\)", " ", text).casefold()
    return " ".join(re.sub(r"^\s*(de|het|een)\s+", "", text).split())


def school_files(schools_dir: Path) -> list[Path]:
    """Return the school files (not the stichting file), sorted by name."""
    files = [p for p in schools_dir.iterdir() if p.suffix in (".yaml", ".yml") and p.name != STICHTING_FILE]
    return sorted(files, key=lambda p: p.name)


def load_config(schools_dir: Path, templates_dir: Path) -> Config:
    """Load and validate the stichting file and every school file.

    Every file is read on every build, also when it did not change: the
    aandachtspunten (meldcode/checks.py) need each school, and some change with
    the date alone (about 5 ms per school).
    """
    content = load_content(templates_dir)
    problems: list[Problem] = []
    if not schools_dir.is_dir():
        return Config(schools_dir, [], [Problem(str(schools_dir), None, None, "deze map bestaat niet")], True)

    stichting_path = schools_dir / STICHTING_FILE
    stichting_doc = None
    if not stichting_path.is_file():
        problems.append(
            Problem(
                display_name(schools_dir, stichting_path),
                None,
                None,
                "het bestand met de gegevens van de stichting ontbreekt",
            )
        )
    else:
        try:
            stichting_doc = load(stichting_path, display_name(schools_dir, stichting_path))
        except LoadError as exc:
            problems.extend(exc.problems)
    if stichting_doc is not None:
        validator = Validator(schema.stichting_schema(content.steps), schools_dir=schools_dir)
        found = schema_problems(stichting_doc, validator)
        problems.extend(found)
        if not found:
            problems.extend(check_stichting(stichting_doc))
    fatal = bool(problems)

    files = school_files(schools_dir)
    misnamed = check_file_names(schools_dir, files)
    problems.extend(misnamed)
    # A file whose name is no usable slug ("...yaml") is never built, also not with --keep-going.
    files = [p for p in files if p.stem not in {m.school for m in misnamed}]

    validator = Validator(schema.school_schema(content.steps), schools_dir=schools_dir)
    docs: list[Document] = []
    seen_names: dict[str, str] = {}
    for path in files:
        try:
            doc = load(path, display_name(schools_dir, path), school=path.stem)
        except LoadError as exc:
            problems.extend(exc.problems)
            continue
        found = schema_problems(doc, validator)
        problems.extend(found)
        if not found:
            docs.append(doc)

    schools: list[School] = []
    documents: dict[str, Document] = {}
    for doc in docs:
        duplicate = check_unique_name(doc, seen_names)
        if duplicate:
            problems.append(duplicate)
            continue
        if fatal or stichting_doc is None:
            continue
        found = check_school(doc, stichting_doc, content)
        problems.extend(found)
        if not found:
            schools.append(school_from(doc, stichting_doc, content, schools_dir))
            documents[doc.path.stem] = doc
    return Config(schools_dir, schools, problems, fatal, stichting_doc if not fatal else None, documents)


def _logo_path(schools_dir: Path, stichting: Document) -> Path | None:
    logo = stichting.data["stichting"].get("logo")
    return (schools_dir / logo).resolve() if logo else None


def school_digest(shared: str, sources: list[Path]) -> str:
    """Return the hash that decides whether a school must be rebuilt."""
    return hashlib.sha256((shared + source_digest(sources)).encode()).hexdigest()


def _role(key: str, info: dict, people: list[Person], team_name: str, eigen: bool = False) -> Role:
    team = None
    if key == "ondersteuningsteam" or _plain(team_name) in (_plain(info["noem"]), _plain(info["titel"])):
        team = "ondersteuningsteam"  # the school's internal team, under whatever role it is named
    elif info.get("team"):
        team = key
    return Role(
        key,
        info["titel"],
        info["noem"],
        info["ik_ben"],
        list(info["taken"]),
        people,
        eigen,
        info["bron"] == "altijd",
        info.get("pagina", True),
        info.get("meervoud"),
        team,
        tuple(info.get("titels", ())),
        _split(info, people),
    )


def school_from(doc: Document, stichting_doc: Document, content: Content, schools_dir: Path) -> School:
    """Build what the templates see from a school file and the stichting file, both valid."""
    data, base = doc.data, stichting_doc.data
    directeur = Person.of(data["directeur"])
    af = Person.of(data["aandachtsfunctionaris"])
    own_roles = data.get("rollen") or {}
    team_name = data["afspraken"]["ondersteuningsteam"]

    roles_known = content.roles_for(data["sector"])
    roles: dict[str, Role] = {}
    for key, info in roles_known.items():
        if info["bron"] == "altijd":
            role = _role(key, info, [], team_name)
            if key == "ondersteuningsteam":
                role.noem = team_name
            roles[key] = role
        elif info["bron"] == "veld":
            roles[key] = _role(key, info, [directeur if key == "directeur" else af], team_name)
        elif key in own_roles:
            roles[key] = _role(key, info, _people(own_roles[key]), team_name)
    for key, spec in own_roles.items():
        if key not in roles_known:
            titel = spec["titel"]
            info = {
                "titel": titel,
                "noem": "de " + titel[:1].lower() + titel[1:],
                "ik_ben": f"Ik ben {titel[:1].lower() + titel[1:]}",
                "bron": "rollen",
                "taken": [spec["omschrijving"]] if spec.get("omschrijving") else [],
            }
            roles[key] = _role(key, info, _people(spec), team_name, eigen=True)

    tv = {**base["taakverdeling"], **(data.get("taakverdeling") or {})}
    taakverdeling = {}
    for step in content.steps:
        tasks = tv[step_key(step)]
        taakverdeling[step["nummer"]] = Assignment(
            roles[tasks["regie"]], [roles[r] for r in tasks.get("betrokken") or [] if r != tasks["regie"]]
        )
    v = {**base["vaststelling"], **(data.get("vaststelling") or {})}
    vaststelling = Vaststelling(
        _valid_date(v["datum"]), v["door"], v["versie"], _valid_date(v["evaluatie"]), v.get("medezeggenschap")
    )

    vt = base["veilig_thuis"]
    contacts, dropped = _sociale_kaart(
        _builtin_contacts(vt),
        [
            ("stichting", i, _contact(c))
            for i, c in enumerate(base.get("sociale_kaart") or [])
            if data["sector"] in (c.get("sectoren") or [data["sector"]])  # a contact for other sectors only
        ]
        + [("school", i, _contact(c)) for i, c in enumerate(data.get("sociale_kaart") or [])],
    )
    grouped = [(label, [c for c in contacts if c.categorie == key]) for key, label in schema.CATEGORIES.items()]

    fg = (base.get("privacy") or {}).get("functionaris_gegevensbescherming")
    logo = _logo_path(schools_dir, stichting_doc)
    chosen = {path: value for path, (_, value) in werkwijze_sources(doc, stichting_doc).items()}
    werkwijze: dict[str, object] = {}
    for section, rules in schema.WERKWIJZE.items():
        for key in rules["schema"] if rules["type"] == "dict" else [None]:
            path = (section, key) if key else (section,)
            value = chosen.get(path)
            if path in schema.WERKWIJZE_ROLES and isinstance(value, list):
                value = [roles[str(v)] for v in value]  # several roles act together ("samen")
            elif path in schema.WERKWIJZE_ROLES and value:
                value = roles[str(value)]
            werkwijze[".".join(path)] = value
    # Who informs the bestuur, and when, where the werkwijze leaves it out: meldcode/procedure.py (the one default).
    if any(path[0] == "bestaande_hulp" for path in chosen):
        # help already involved is informed in step 2 unless chosen otherwise; YAML gives text, steps are numbers
        werkwijze["bestaande_hulp.stap"] = int(str(werkwijze["bestaande_hulp.stap"] or 2))
    return School(
        slug=doc.path.stem,
        naam=data["naam"],
        naam_in_tekst=data.get("naam_in_tekst") or data["naam"],
        sector=data["sector"],
        sector_label=schema.SECTORS[data["sector"]],
        speciaal=data["sector"] in schema.SPECIAL_SECTORS,
        leeftijd=_ages(data),
        adres=Address(data["adres"]["straat"], data["adres"]["postcode"], data["adres"]["plaats"]),
        telefoon=Phone.of(data.get("telefoon")),
        email=data.get("email"),
        website=data.get("website"),
        brin=data.get("brin"),
        directeur=directeur,
        aandachtsfunctionaris=af,
        roles=roles,
        taakverdeling=taakverdeling,
        besluit_melden=roles[tv["besluit_melden"]],
        melding_doen=roles[tv["melding_doen"]],
        afspraken=Afspraken(
            ondersteuningsteam=team_name,
            overlegpartners=data["afspraken"]["overlegpartners"],
            dossier=data["afspraken"]["dossier"],
            verwijsindex=data["afspraken"]["verwijsindex"],
            overig=data["afspraken"].get("overig") or [],
        ),
        vaststelling=vaststelling,
        sociale_kaart=[(label, items) for label, items in grouped if items],
        dubbel=dropped,
        stichting=Stichting(
            base["stichting"]["naam"], base["stichting"].get("website"), base["stichting"].get("adres")
        ),
        veilig_thuis=VeiligThuis(vt["naam"], _valid_phone(vt["telefoon"]), vt.get("website")),
        bestuur=Person.of(base["bestuur"]),
        privacy=Privacy((base.get("privacy") or {}).get("bewaartermijn"), Person.of(fg) if fg else None),
        logo=logo if logo and image_kind(logo) else None,
        site_url=base["stichting"]["site_url"],
        vindbaar=base["stichting"].get("zoekmachines") == "ja",
        sources=[doc.path, stichting_doc.path] + ([logo] if logo else []),
        werkwijze=werkwijze,
    )


def _ages(data: dict) -> tuple[int, int]:
    """Return the youngest and oldest pupils' ages: from the file, else the sector's default."""
    if data.get("leeftijd"):
        return int(data["leeftijd"]["van"]), int(data["leeftijd"]["tot"])
    return schema.DEFAULT_AGES[data["sector"]]


def _valid_phone(value: str) -> Phone:
    """Return the phone number of a value the schema has checked."""
    phone = Phone.of(value)
    assert phone is not None, value  # the schema's check_with 'telefoon' refused it otherwise
    return phone


def _valid_date(value: str) -> dt.date:
    """Return the date of a value the schema has checked."""
    date = parse_date(value)
    assert date is not None, value  # the schema's check_with 'datum' refused it otherwise
    return date


def _builtin_contacts(vt: dict) -> list[tuple[Contact, tuple[str, ...]]]:
    """The entries on every sociale kaart, each with the organisation names that mean it."""
    return [
        (
            Contact(
                "Alarmnummer (politie, ambulance, brandweer)",
                "crisis",
                telefoon=Phone.of("112"),
                toelichting="Bij acuut gevaar voor een leerling of iemand anders.",
            ),
            ("alarmnummer", "112", "alarmnummer 112"),
        ),
        (
            Contact(
                vt["naam"],
                "advies",
                telefoon=Phone.of(vt["telefoon"]),
                website=vt.get("website"),
                toelichting="Advies en melden bij huiselijk geweld en kindermishandeling."
                " Dag en nacht bereikbaar, gratis; advies kan anoniem.",
            ),
            ("veilig thuis", "veilig thuis *"),
        ),
        (Contact("Politie (geen spoed)", "crisis", telefoon=Phone.of(POLITIE)), ("politie", "politie geen spoed")),
        (
            Contact(
                "Vertrouwensinspecteurs van de Inspectie van het Onderwijs",
                "advies",
                telefoon=Phone.of(VERTROUWENSINSPECTEUR),
                # the same as the staff route (signalen-over-medewerker.md.j2): not for the bestuur only
                toelichting="Bij signalen van seksueel misbruik, seksuele intimidatie of geweld door een"
                " medewerker. Het bestuur overlegt er verplicht mee; leerlingen, ouders en medewerkers kunnen"
                " ook zelf bellen. Op werkdagen van 8.00 tot 17.00 uur.",
            ),
            ("vertrouwensinspecteur", "vertrouwensinspecteurs", "vertrouwensinspectie", "inspectie van het onderwijs"),
        ),
    ]


def organisation_key(name: str) -> str:
    """Compare organisation names: no case, accents kept, no text in brackets or punctuation."""
    name = re.sub(r"\([^)]*\)", " ", name.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", name).split())


def _sociale_kaart(
    builtin: list[tuple[Contact, tuple[str, ...]]], entries: list[tuple[str, int, Contact]]
) -> tuple[list[Contact], list[Duplicate]]:
    """Add the config entries to the built-in ones, leaving out each entry that repeats an earlier one."""
    kept: list[tuple[Contact, tuple[str, ...], bool]] = [(c, names, True) for c, names in builtin]
    dropped = []
    for source, index, contact in entries:
        key = organisation_key(contact.organisatie)
        for other, names, is_builtin in kept:
            keys = {organisation_key(other.organisatie), *names}
            same_name = key in keys or any(k.endswith(" *") and key.startswith(k[:-1]) for k in keys)
            same_phone = (
                contact.telefoon is not None
                and other.telefoon is not None
                and contact.telefoon.tel == other.telefoon.tel
            )
            if (same_phone or same_name) and is_builtin and _adds(contact, other):
                # a regional number or a wijkagent on a built-in entry: one entry, with what the board wrote
                at = next(i for i, (c, _, _) in enumerate(kept) if c is other)
                kept[at] = (_merged(other, contact, same_name), names, True)
                break
            if same_phone or same_name:
                dropped.append(
                    Duplicate(
                        source,
                        index,
                        contact.organisatie,
                        other.organisatie,
                        is_builtin,
                        "telefoonnummer" if same_phone else "organisatie",
                    )
                )
                break
        else:
            kept.append((contact, (), False))
    return [c for c, _, _ in kept], dropped


def _adds(entry: Contact, builtin: Contact) -> bool:
    """Tell whether a config entry says more than the built-in entry it repeats (a regional number, a note)."""
    other_phone = entry.telefoon is not None and (
        builtin.telefoon is None or entry.telefoon.tel != builtin.telefoon.tel
    )
    return other_phone or bool(
        entry.regionaal or entry.toelichting or entry.contactpersoon or entry.email or entry.adres
    )


def _merged(builtin: Contact, entry: Contact, same_name: bool) -> Contact:
    """The built-in entry with what a config entry adds: its own number as the regional one, its note after ours."""
    regional = entry.regionaal or (
        entry.telefoon if entry.telefoon and builtin.telefoon and entry.telefoon.tel != builtin.telefoon.tel else None
    )
    return dataclasses.replace(
        builtin,
        # "Wijkagent" on the police number: who to ask for, as the contact person
        contactpersoon=builtin.contactpersoon or entry.contactpersoon or (None if same_name else entry.organisatie),
        email=builtin.email or entry.email,
        website=builtin.website or entry.website,
        adres=builtin.adres or entry.adres,
        toelichting=" ".join(filter(None, (builtin.toelichting, entry.toelichting))) or None,
        regionaal=builtin.regionaal or regional,
    )


def _people(spec: dict) -> list[Person]:
    if spec.get("personen"):
        return [Person.of(p) for p in spec["personen"]]
    keys = ("naam", "functie", "telefoon", "email", "bereikbaar", "telefoon_op_website")
    return [Person.of({k: spec.get(k) for k in keys})]


def _contact(data: dict) -> Contact:
    return Contact(
        data["organisatie"],
        data["categorie"],
        data.get("contactpersoon"),
        Phone.of(data.get("telefoon")),
        data.get("email"),
        data.get("website"),
        data.get("adres"),
        data.get("toelichting"),
        Phone.of(data.get("regionaal")),
    )


def source_digest(paths: list[Path]) -> str:
    """Return a sha256 over the bytes of `paths` (for incremental builds)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
