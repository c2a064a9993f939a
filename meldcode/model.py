"""What the templates see: School and its parts (people, roles, contacts), as plain data.

The load stage (meldcode/load.py) builds them; value parsing is in meldcode/values.py,
the Dutch wording of names and lists in meldcode/grammar.py and meldcode/wording.py.
The small properties here answer questions about the data itself (who holds a role,
which parties share a step); they never read files or call validation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .errors import Problem
from .grammar import dutch_list, in_text, plain, role_titles, titles_in
from .loader import Document
from .values import Phone, dutch_date

# Always on every school's sociale kaart.
POLITIE = "0900-8844"
VERTROUWENSINSPECTEUR = "0900-111 3111"
CENTRUM_SEKSUEEL_GEWELD = "0800-0188"  # named in the text on bijzondere vormen


@dataclass
class Person:
    naam: str
    functie: str | None = None
    telefoon: Phone | None = None
    email: str | None = None
    bereikbaar: str | None = None
    telefoon_op_website: bool = True  # False: the number only on the poster and in the PDF
    organisatie: str | None = None  # who employs them, where that is not the school: "Kwadraad"

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
            data.get("organisatie"),
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
    buiten_school: bool = False  # works for another organisation (the GGD's jeugdarts), rollen.yaml

    @property
    def extern(self) -> bool:
        """Works outside the school: a named discussion with them needs consent (AVG art. 6; dossier-en-privacy)."""
        return not self.groep and (
            self.buiten_school or (bool(self.mensen) and all(p.organisatie for p in self.mensen))
        )

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
        found = titles_in(person.functie or "", self.title_words)
        return found[0] if len(found) == 1 else in_text(self.titel)

    @property
    def title_words(self) -> list[str]:
        """The titles of this role: 'jeugdarts', 'jeugdverpleegkundige' (its titel) and its titels."""
        return role_titles(self.titel, self.titels)

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
class Evaluatie:
    """An evaluation held: when, by whom, and its outcome in one line."""

    datum: dt.date
    door: str
    uitkomst: str

    @property
    def datum_tekst(self) -> str:
        return dutch_date(self.datum)


@dataclass(frozen=True)
class Adopted:
    """A version of the school's meldcode the board adopted and recorded (meldcode --vaststellen)."""

    versie: str
    datum: dt.date
    door: str
    folder: Path  # vastgesteld/<slug>/<versie>/ in the board's repository: its text and PDF
    verborgen: tuple[str, ...] = ()  # phone numbers its website did not show (telefoon_op_website: nee)

    @property
    def datum_tekst(self) -> str:
        return dutch_date(self.datum)


@dataclass
class Vaststelling:
    datum: dt.date | None  # None only for a concept without a planned date
    door: str
    versie: str
    evaluatie: dt.date  # the next evaluation, at the latest
    medezeggenschap: str | None
    laatste_evaluatie: Evaluatie | None = None
    status: str = "vastgesteld"  # as the file says; School.concept also counts a future date and open points

    @property
    def datum_tekst(self) -> str:
        return dutch_date(self.datum) if self.datum else ""

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
    # Why this version is a concept (meldcode/status.py), empty when it is the adopted one: set by the load stage
    concept: tuple[str, ...] = ()
    versies: tuple[Adopted, ...] = ()  # the versions adopted before, oldest first (meldcode/archive.py)

    @property
    def is_concept(self) -> bool:
        return bool(self.concept)

    @property
    def versie_tekst(self) -> str:
        """'versie 2.0, vastgesteld op 30 juni 2026', or 'versie 2.1, concept (nog niet vastgesteld)'."""
        v = self.vaststelling
        if self.is_concept:
            return f"versie {v.versie}, concept (nog niet vastgesteld)"
        return f"versie {v.versie}, vastgesteld op {v.datum_tekst}"

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
            elif role.persons and {plain(p.naam) for p in role.mensen} <= self.regie_holders(number):
                result[number] = "mede"
            elif any(self.same(role, r) for r in assignment.betrokken):
                result[number] = "betrokken"
            else:
                result[number] = ""
        return result

    def takes_part(self, role: Role, step: int) -> bool:
        """Tell whether `role` (or the person who holds it) is one of the participants of a step."""
        return any(self.same(role, r) for r in self.taakverdeling[step].betrokken)

    def regie_share(self, role: Role, step: int) -> tuple[list[str], list[Person]]:
        """Where the regie of a step is divided over the pupils: the parts `role`'s people lead, and who leads the rest.

        Samira Benali (aandachtsfunctionaris) leads step 2 for the onderbouw, Ruben de Wit for the bovenbouw:
        (["onderbouw"], [Ruben de Wit]).
        """
        regie = self.taakverdeling[step].regie
        mine = {plain(p.naam) for p in role.mensen}
        parts = [regie.delen[p.naam][1] for p in regie.mensen if plain(p.naam) in mine]
        return parts, [p for p in regie.mensen if plain(p.naam) not in mine]

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
            return ("mensen", frozenset(plain(p.naam) for p in role.mensen))
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
        return {plain(p.naam) for p in regie.mensen} if not regie.groep else set()

    def parties(self, step: int) -> list[list[Role]]:
        """Return who acts in a step, one entry per party: the regie's first.

        Someone who leads the step is not also one of its participants: a participant of
        only such people is left out, one of several people keeps only the others. Not when
        the regie is divided over the pupils (onderbouw, bovenbouw): for the other pupils
        the aandachtsfunctionaris who leads the onderbouw's cases is still involved. Nor when
        the participant is divided over the pupils: "the zorgcoördinator of the pupil" is
        the one who leads for an onderbouw pupil, and Ruben de Wit only for a bovenbouw pupil
        (review, December 2026: naming Ruben alone put him at every pupil's table).
        """
        regie, *participants = self.groups(self.taakverdeling[step].roles())
        holders = set() if self.taakverdeling[step].regie.split else self.regie_holders(step)
        result = [regie]
        for group in participants:
            if not group[0].persons or not holders or group[0].split:
                result.append(group)  # a team or a group is more than the one who leads
                continue

            def rest(role: Role) -> list[Person]:
                return [p for p in role.mensen if plain(p.naam) not in holders]

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
        if key == "extern":  # the role acting in this sentence works outside the school (Role.extern)
            return bool(subject and subject.extern) == bool(wanted)
        if key == "leidt":  # the role acting in this sentence leads these steps (a role's standing tasks)
            steps = wanted if isinstance(wanted, list) else [wanted]
            return any(self.same(subject, self.taakverdeling[int(str(n))].regie) for n in steps)
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
