"""The load stage, in one pass: read every file, check it, and build the model the templates see.

1. read     loader.load: safe YAML with a line per value
2. schema   validate.schema_problems: each file against meldcode/schema.py
3. across   validate.check_*: file names, unique names, roles, dates, werkwijze across files
4. model    school_from: stichting and school merged into one School
The aandachtspunten (checks.find_aandachtspunten) follow in the pipeline's load stage,
on the Config this module returns. Nothing here calls back into a later stage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from pathlib import Path

from . import schema
from .archive import adopted_versions, archive_files
from .content import Content, load_content
from .errors import Problem
from .grammar import in_text, plain, role_titles, titles_in
from .kaart import organisation_key
from .loader import Document, LoadError, load
from .model import (
    POLITIE,
    VERTROUWENSINSPECTEUR,
    Address,
    Afspraken,
    Assignment,
    Config,
    Contact,
    Duplicate,
    Evaluatie,
    Person,
    Privacy,
    Role,
    School,
    Stichting,
    Vaststelling,
    VeiligThuis,
)
from .names import STICHTING_FILE
from .schema import step_key
from .validate import (
    Validator,
    check_file_names,
    check_school,
    check_stichting,
    check_unique_name,
    image_kind,
    schema_problems,
    werkwijze_sources,
)
from .values import Phone, display_name, parse_date


def _split(info: dict, people: list[Person]) -> dict[str, tuple[str, str]]:
    """Return who has which part of the pupils, where a divided role's functies say it.

    Every person's functie is one title of the role and a part ('zorgcoördinator onderbouw',
    'intern begeleider groep 5 tot en met 8'); the same title, parts all different. Else {}.
    """
    if not info.get("verdeeld") or len(people) < 2:
        return {}
    titles = role_titles(info["titel"], info.get("titels", ()))
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
    if key == "ondersteuningsteam" or plain(team_name) in (plain(info["noem"]), plain(info["titel"])):
        team = "ondersteuningsteam"  # the school's internal team, under whatever role it is named
    elif info.get("team"):
        team = key
    titel, noem, ik_ben = info["titel"], info["noem"], info["ik_ben"]
    if key == "directeur" and len(people) == 1:
        # a VO school's directeur is its rector: named so on every page (review 6, B3)
        found = titles_in(people[0].functie or "", role_titles(titel, tuple(info.get("titels", ()))))
        if len(found) == 1 and found[0] != in_text(titel):
            titel, noem, ik_ben = found[0][:1].upper() + found[0][1:], f"de {found[0]}", f"Ik ben {found[0]}"
    return Role(
        key,
        titel,
        noem,
        ik_ben,
        list(info["taken"]),
        people,
        eigen,
        info["bron"] == "altijd",
        info.get("pagina", True),
        info.get("meervoud"),
        team,
        tuple(info.get("titels", ())),
        _split(info, people),
        bool(info.get("buiten_school")),
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

    _share_contacts(roles)

    tv = {**base["taakverdeling"], **(data.get("taakverdeling") or {})}
    taakverdeling = {}
    for step in content.steps:
        tasks = tv[step_key(step)]
        taakverdeling[step["nummer"]] = Assignment(
            roles[tasks["regie"]], [roles[r] for r in tasks.get("betrokken") or [] if r != tasks["regie"]]
        )
    v = {**base["vaststelling"], **(data.get("vaststelling") or {})}
    vaststelling = Vaststelling(
        _valid_date(v["datum"]) if v.get("datum") else None,  # validate: only a concept may leave it out
        v["door"],
        v["versie"],
        _valid_date(v["evaluatie"]),
        v.get("medezeggenschap"),
        _evaluatie(v.get("laatste_evaluatie")),
        v.get("status") or "vastgesteld",
    )
    versies = adopted_versions(schools_dir, doc.path.stem)

    vt = base["veilig_thuis"]
    contacts, dropped = _sociale_kaart(
        _builtin_contacts(vt, schema.SECTOR_LAWS[data["sector"]] in schema.STAFF_DUTY_MINORS_ONLY),
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
        sources=[doc.path, stichting_doc.path] + ([logo] if logo else []) + archive_files(versies),
        werkwijze=werkwijze,
        versies=versies,
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


def _evaluatie(data: dict | None) -> Evaluatie | None:
    return Evaluatie(_valid_date(data["datum"]), data["door"], data["uitkomst"]) if data else None


def _valid_date(value: str) -> dt.date:
    """Return the date of a value the schema has checked."""
    date = parse_date(value)
    assert date is not None, value  # the schema's check_with 'datum' refused it otherwise
    return date


def _builtin_contacts(vt: dict, minors_only: bool) -> list[tuple[Contact, tuple[str, ...]]]:
    """The entries on every sociale kaart, each with the organisation names that mean it.

    `minors_only`: the school's law has the overlegplicht for minor pupils only (WEC, WVO 2020).
    """
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
                # WPO art. 4a, WEC art. 4a, WVO 2020 art. 3.39: the overlegplicht is for a seksueel misdrijf,
                # in the WEC and the WVO 2020 against a minor pupil only (review 5, J8)
                toelichting="Bij signalen van seksueel misbruik, seksuele intimidatie of geweld door een"
                " medewerker. Bij een vermoeden van een seksueel misdrijf tegen een "
                + ("minderjarige " if minors_only else "")
                + "leerling overlegt het bestuur er verplicht mee (zie Signalen over een medewerker); bij ander"
                " geweld kan het bestuur advies vragen. Leerlingen, ouders en medewerkers kunnen ook zelf bellen."
                " Op werkdagen van 8.00 tot 17.00 uur.",
            ),
            ("vertrouwensinspecteur", "vertrouwensinspecteurs", "vertrouwensinspectie", "inspectie van het onderwijs"),
        ),
    ]


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


def _share_contacts(roles: dict[str, Role]) -> None:
    """Give a person who holds several roles the phone and e-mail that another of their entries has.

    Pieter van Leeuwen's phone is on his aandachtsfunctionaris entry; his zorgcoördinator row and page
    show it too (review 3, December 2026). A borrowed number keeps its telefoon_op_website, so a number
    kept off the website stays off it.
    """
    phones: dict[str, Person] = {}
    emails: dict[str, str] = {}
    for role in roles.values():
        for p in role.mensen:
            if p.telefoon:
                phones.setdefault(organisation_key(p.naam), p)
            if p.email:
                emails.setdefault(organisation_key(p.naam), p.email)
    for role in roles.values():
        people = []
        for p in role.mensen:
            key = organisation_key(p.naam)
            donor = phones.get(key)
            if not p.telefoon and donor:
                p = dataclasses.replace(p, telefoon=donor.telefoon, telefoon_op_website=donor.telefoon_op_website)
            if not p.email and key in emails:
                p = dataclasses.replace(p, email=emails[key])
            people.append(p)
        role.mensen = people


def _people(spec: dict) -> list[Person]:
    if spec.get("personen"):
        return [Person.of(p) for p in spec["personen"]]
    keys = ("naam", "functie", "telefoon", "email", "bereikbaar", "telefoon_op_website", "organisatie")
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
