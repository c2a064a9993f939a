"""The configuration schema, as commented data (Cerberus rules).

Two files feed every school: `schools/_stichting.yaml` (board-wide, inherited)
and `schools/<slug>.yaml` (one per school). Field names are Dutch because board
staff write them. `check_with` names a rule of meldcode.validate.Validator:
telefoon, email, url, datum, postcode, logo. docs/configuratie.md explains every
field for board staff; keep it in step with this file.

The taakverdeling has a key per step of templates/data/stappen.yaml, so the
complete schemas come from `stichting_schema(steps)` and `school_schema(steps)`.
"""

from __future__ import annotations


def step_key(step: dict) -> str:
    """Return the taakverdeling key of a step in the config files: 'stap_1'."""
    return f"stap_{step['nummer']}"


SECTORS = {
    "basisonderwijs": "basisonderwijs",
    "speciaal-basisonderwijs": "speciaal basisonderwijs",
    "speciaal-onderwijs": "speciaal onderwijs",
    "voortgezet-onderwijs": "voortgezet onderwijs",
}

# The sectors with a commissie van begeleiding and the extra care of special education.
SPECIAL_SECTORS = ("speciaal-basisonderwijs", "speciaal-onderwijs")

# The education law that holds a sector's meld- en aangifteplicht for sexual offences by staff
# (WPO art. 4a for BO and SBO, the WEC for SO/VSO, the WVO 2020 for VO).
SECTOR_LAWS = {
    "basisonderwijs": "Wet op het primair onderwijs",
    "speciaal-basisonderwijs": "Wet op het primair onderwijs",
    "speciaal-onderwijs": "Wet op de expertisecentra",
    "voortgezet-onderwijs": "Wet voortgezet onderwijs 2020",
}

# The articles of that law: (the meldcode duty, the meld-, overleg- and aangifteplicht for sexual
# offences by staff). The meldcode duty was inserted by the Wet verplichte meldcode (2013).
# WPO art. 4a covers every pupil; WEC art. 4a and WVO 2020 art. 3.39 only minors.
LAW_ARTICLES = {
    "Wet op het primair onderwijs": ("artikel 4b", "artikel 4a"),
    "Wet op de expertisecentra": ("artikel 5", "artikel 4a"),
    "Wet voortgezet onderwijs 2020": ("artikel 3.41", "artikel 3.39"),
}
STAFF_DUTY_MINORS_ONLY = ("Wet op de expertisecentra", "Wet voortgezet onderwijs 2020")

# The ages of a sector's pupils when the school file gives no `leeftijd`: (youngest, oldest).
# Speciaal onderwijs counts in the VSO, whose pupils may stay until they turn 20.
DEFAULT_AGES = {
    "basisonderwijs": (4, 13),
    "speciaal-basisonderwijs": (4, 14),
    "speciaal-onderwijs": (4, 20),
    "voortgezet-onderwijs": (12, 20),
}

# Categories of the sociale kaart, in the order they are shown, with their heading.
CATEGORIES = {
    "crisis": "Acute nood en veiligheid",
    "advies": "Advies en melden",
    "onderwijs": "Onderwijs en ondersteuning",
    "jeugd-en-gezin": "Jeugd en gezin",
    "gezondheid": "Gezondheid",
    "gemeente": "Gemeente en leerplicht",
    "overig": "Overige contacten",
}

_text = {"type": "string", "empty": False, "maxlength": 300}
_long_text = {"type": "string", "empty": False, "maxlength": 3000}
_phone = {"type": "string", "empty": False, "check_with": "telefoon"}
_email = {"type": "string", "empty": False, "check_with": "email"}
_url = {"type": "string", "empty": False, "check_with": "url"}
_date = {"type": "string", "empty": False, "check_with": "datum"}

# A person behind a role. Phone and e-mail are optional here; the
# aandachtsfunctionaris must have at least one (checked in validate.py).
PERSON = {
    "naam": {**_text, "required": True},  # full name, e.g. "Fatima el Amrani"
    "functie": _text,  # job title, e.g. "intern begeleider groep 1-4"
    "telefoon": _phone,  # Dutch number, any common notation: 030-123 45 67
    "email": _email,  # work address
    "bereikbaar": _text,  # when to reach this person, e.g. "ma, di en do"
    # nee: the phone number only on the poster and in the PDF, not on the public website
    "telefoon_op_website": {"type": "string", "allowed": ["ja", "nee"]},
    # the organisation that employs this person, if not the school or the stichting, e.g. "Kwadraad":
    # the handbook then says a pupil is discussed with them by name only with consent
    "organisatie": _text,
}

# A role the school has (intern_begeleider, vertrouwenspersoon, ...): one person,
# or `personen` for several. `titel` names a role the catalogue does not know.
ROLE = {
    "titel": _text,  # only for the school's own roles, e.g. "Gedragsspecialist"
    "omschrijving": _long_text,  # only for own roles: what this role does
    **{k: v for k, v in PERSON.items() if k != "naam"},
    "naam": _text,  # one person ...
    "personen": {  # ... or several people sharing the role
        "type": "list",
        "empty": False,
        "maxlength": 10,
        "schema": {"type": "dict", "schema": PERSON},
    },
}

# Who acts in one step: one role leads (regie), others take part (betrokken).
STEP_TASKS = {
    "type": "dict",
    "schema": {
        "regie": {"type": "string", "required": True, "empty": False},  # role key
        "betrokken": {"type": "list", "schema": {"type": "string", "empty": False}},  # role keys
    },
}

# The taakverdeling: one STEP_TASKS per step of templates/data/stappen.yaml, keyed
# stap_<nummer> (see content.step_key), plus the two decisions below. In
# _stichting.yaml all keys are required (the default); a school file may
# override any of them. `taakverdeling(steps)` puts the step keys in.
DECISIONS = {
    # eindverantwoordelijk for the decision to report (Besluit verplichte meldcode): a role key
    "besluit_melden": {"type": "string", "empty": False},
    "melding_doen": {"type": "string", "empty": False},  # who makes the call to Veilig Thuis: a role key
}


def taakverdeling(steps: list[dict]) -> dict:
    """Return the taakverdeling's fields for these steps: stap_1 ... stap_N, then the decisions."""
    return {**{step_key(step): STEP_TASKS for step in steps}, **DECISIONS}


# One entry on the sociale kaart. At least one of telefoon, email, website.
_CONTACT_FIELDS: dict[str, dict] = {
    "organisatie": {**_text, "required": True},
    "categorie": {"type": "string", "required": True, "allowed": list(CATEGORIES)},
    "contactpersoon": _text,
    "telefoon": _phone,
    "email": _email,
    "website": _url,
    "adres": _text,
    "toelichting": _long_text,  # when to call them, what they do
    # a second, regional number: "088 800 6200" for Veilig Thuis in the region, beside 0800-2000
    "regionaal": _phone,
}
CONTACT = {"type": "dict", "schema": _CONTACT_FIELDS}

# A board-wide contact may be limited to schools of some sectors: a samenwerkingsverband for
# primary schools does not belong on a secondary school's sociale kaart (they are separate by law).
STICHTING_CONTACT = {
    "type": "dict",
    "schema": {
        **_CONTACT_FIELDS,
        # only on the sociale kaart of schools of these sectors; left out: every school
        "sectoren": {"type": "list", "empty": False, "schema": {"type": "string", "allowed": list(SECTORS)}},
    },
}

# The school's own way of working inside the basismodel: policy choices that
# change the step texts. Set in _stichting.yaml, overridable per school per key
# (gesprek_ouders.leerkracht alone, for example). Leave a key out for the
# standard text. Role keys are checked against the school's roles (validate._check_werkwijze).
_role_key = {"type": "string", "empty": False}
# One role, or several who act together ("samen"): [intern_begeleider, schoolmaatschappelijk_werker].
_role_keys = {"type": ["string", "list"], "empty": False, "schema": _role_key}
WERKWIJZE: dict[str, dict] = {
    "gesprek_ouders": {  # the conversation with the parents in step 3
        "type": "dict",
        "schema": {
            "voert": _role_keys,  # role(s) that conduct it; left out: "spreek af wie het gesprek voert"
            "leerkracht": {"type": "string", "allowed": ["in_overleg", "standaard", "nooit"]},  # is the teacher there?
        },
    },
    "gesprek_leerling": {  # the conversation with the pupil in step 3
        "type": "dict",
        "schema": {
            "voert": _role_keys,  # role(s) that conduct it
            # school_begint: the school raises its concern; leerling_begint: only listen when the pupil does
            "aanpak": {"type": "string", "allowed": ["school_begint", "leerling_begint"]},
        },
    },
    # Veilig Thuis in step 2 and 4: advice when in doubt, or required whenever a suspicion remains
    "veilig_thuis_raadplegen": {"type": "string", "allowed": ["bij_twijfel", "verplicht_bij_vermoeden"]},
    "bestuur_informeren": {  # when the bevoegd gezag hears of a case, and from whom
        "type": "dict",
        "schema": {
            # vermoeden (afwegingsvraag 1), melding, geen_oudergesprek (step 3 skipped); nooit, or an
            # empty list: the bestuur hears of no single case
            "wanneer": {
                "type": ["string", "list"],
                "allowed": ["vermoeden", "melding", "geen_oudergesprek", "nooit"],
            },
            "door": _role_key,  # role that informs the bestuur; left out: the directeur
        },
    },
    "ondersteuningsteam": {  # one internal team (afspraken.ondersteuningsteam), or two tiers
        "type": "dict",
        "schema": {
            "taak": _long_text,  # what the (first) team does, after its name: "bespreekt ..."
            "groot": _text,  # name of a second, larger team with external partners
            "groot_taak": _long_text,  # what the larger team does, after its name
            # consent of the parents: extern (default), extern_schriftelijk, groot_team_schriftelijk
            "toestemming": {"type": "string", "allowed": ["extern", "extern_schriftelijk", "groot_team_schriftelijk"]},
        },
    },
    "bestaande_hulp": {  # help already involved (wijkteam, buurtteam, jeugdhulp) is informed and stepped up first
        "type": "dict",
        "schema": {
            "organisatie": _text,  # e.g. "het buurtteam"; left out: "een wijkteam, buurtteam of jeugdhulpverlener"
            "informeert": _role_key,  # role that informs them; left out: who leads that step
            "stap": {"type": "string", "allowed": ["1", "2", "3"]},  # in which step; left out: 2 (read as text)
        },
    },
    "melding_ouders_informeren": _role_key,  # role that tells the parents about a melding
    "casemanager": _role_key,  # role that keeps regie on help the school organises
    # the role the school designated to place a signal in the verwijsindex, the meldingsbevoegde
    # (Jeugdwet art. 7.1.1.2 lid 1)
    "verwijsindex_signaal": _role_key,
}
# The choices that name a role, as (section, key) paths into WERKWIJZE.
WERKWIJZE_ROLES = (
    ("gesprek_ouders", "voert"),
    ("gesprek_leerling", "voert"),
    ("bestuur_informeren", "door"),
    ("bestaande_hulp", "informeert"),
    ("melding_ouders_informeren",),
    ("casemanager",),
    ("verwijsindex_signaal",),
)

VASTSTELLING: dict[str, dict] = {
    # "concept" while the board has not adopted this version yet (the default: "vastgesteld"); a concept
    # is built with CONCEPT on every page, and may leave out the datum
    "status": {"type": "string", "allowed": ["concept", "vastgesteld"]},
    "datum": _date,  # date the bevoegd gezag adopted this meldcode (for a concept: the date planned, if known)
    "door": _text,  # who adopted it, e.g. "het college van bestuur van Stichting X"
    "versie": {"type": "string", "empty": False, "maxlength": 20},  # e.g. "2.1"
    "evaluatie": _date,  # date of the next evaluation
    "medezeggenschap": _text,  # optional: e.g. "na instemming van de GMR op 12 juni 2026"
    # optional: the last evaluation held (date, by whom, its outcome in one line)
    "laatste_evaluatie": {
        "type": "dict",
        "schema": {
            "datum": {**_date, "required": True},
            "door": {**_text, "required": True},  # e.g. "de directeur met het ondersteuningsteam"
            "uitkomst": {**_text, "required": True},  # e.g. "werkwijze besproken; stap 2 verduidelijkt"
        },
    },
}

_PER_STEP: dict = {}  # a marker: stichting_schema and school_schema put the steps' fields here

_STICHTING = {
    "stichting": {
        "type": "dict",
        "required": True,
        "schema": {
            "naam": {**_text, "required": True},  # "Stichting Vechtstroom Onderwijs"
            "website": _url,
            "logo": {"type": "string", "empty": False, "check_with": "logo"},  # file, relative to schools/
            "site_url": {**_url, "required": True},  # where site/ is published; the poster's QR code points here
            "adres": _text,
            # may search engines list the sites? "nee" (the default) adds noindex to every page
            "zoekmachines": {"type": "string", "allowed": ["ja", "nee"]},
        },
    },
    "vaststelling": {
        "type": "dict",
        "required": True,
        "schema": {
            k: {**v, "required": k not in ("status", "datum", "medezeggenschap", "laatste_evaluatie")}
            for k, v in VASTSTELLING.items()
        },
    },
    "veilig_thuis": {  # the regional Veilig Thuis organisation
        "type": "dict",
        "required": True,
        "schema": {
            "naam": {**_text, "required": True},  # "Veilig Thuis Utrecht"
            "telefoon": {**_phone, "required": True},  # nearly always 0800-2000
            "website": _url,
        },
    },
    # Contact at the bevoegd gezag for signals about a staff member: must be (or act for) the
    # bevoegd gezag itself, who holds the duty to consult the vertrouwensinspecteur (WPO art. 4a).
    "bestuur": {
        "type": "dict",
        "required": True,
        "schema": PERSON,
    },
    "privacy": {
        "type": "dict",
        "schema": {
            "bewaartermijn": _long_text,  # how long meldcode records are kept
            "functionaris_gegevensbescherming": {"type": "dict", "schema": PERSON},
        },
    },
    "taakverdeling": _PER_STEP,  # all of taakverdeling(steps), each required
    "sociale_kaart": {"type": "list", "schema": STICHTING_CONTACT},  # contacts every school (of a sector) shares
    "werkwijze": {"type": "dict", "schema": WERKWIJZE},  # the board's choices; a school may override per key
}

_age = {"type": "string", "regex": r"[0-9]{1,2}"}  # whole years (YAML values arrive as text)

_SCHOOL = {
    "naam": {**_text, "required": True},  # "OBS De Regenboog"
    # How running text names the school, with its article: "de Luc Stevensschool",
    # "het Vechtdal College". Default: the naam as it is ("OBS De Regenboog").
    "naam_in_tekst": {**_text, "maxlength": 120},
    "sector": {"type": "string", "required": True, "allowed": list(SECTORS)},
    "brin": {"type": "string", "regex": r"[0-9]{2}[A-Z]{2}([0-9]{2})?"},  # optional
    # Ages of the youngest and oldest pupils; decides which age rules (16, 18) the text gives.
    # Default per sector: DEFAULT_AGES.
    "leeftijd": {"type": "dict", "schema": {"van": {**_age, "required": True}, "tot": {**_age, "required": True}}},
    "adres": {
        "type": "dict",
        "required": True,
        "schema": {
            "straat": {**_text, "required": True},
            "postcode": {"type": "string", "required": True, "check_with": "postcode"},
            "plaats": {**_text, "required": True},
        },
    },
    "telefoon": _phone,
    "email": _email,
    "website": _url,
    "directeur": {"type": "dict", "required": True, "schema": PERSON},
    "aandachtsfunctionaris": {"type": "dict", "required": True, "schema": PERSON},
    # The people behind the school's other roles, keyed by role (see templates/data/rollen.yaml).
    "rollen": {
        "type": "dict",
        "keysrules": {"type": "string", "regex": r"[a-z][a-z0-9_]{1,40}"},
        "valuesrules": {"type": "dict", "schema": ROLE},
    },
    "taakverdeling": _PER_STEP,  # taakverdeling(steps), each optional: overrides the stichting's
    "afspraken": {  # the school's local arrangements
        "type": "dict",
        "required": True,
        "schema": {
            # Name of the internal support team, as it stands in a sentence ("het zorgteam").
            # No comma or semicolon: the name stands inside sentences.
            # a comma or semicolon is an aandachtspunt (teamnaam-met-komma), an error from version 2.0 on
            "ondersteuningsteam": {**_text, "required": True},
            "overlegpartners": {  # external partners for consultation (SWV, CJG, buurtteam ...)
                "type": "list",
                "required": True,
                "empty": False,
                "schema": {**_text},
            },
            "dossier": {**_long_text, "required": True},  # where the meldcode dossier is kept
            "verwijsindex": {**_text, "required": True},  # the regional verwijsindex
            "overig": {"type": "list", "schema": _long_text},  # other local agreements, one per item
        },
    },
    "vaststelling": {"type": "dict", "schema": VASTSTELLING},  # overrides the stichting's, per field
    "werkwijze": {"type": "dict", "schema": WERKWIJZE},  # overrides the stichting's, per key
    "sociale_kaart": {"type": "list", "schema": CONTACT},  # the school's own contacts
    # Aandachtspunten (meldcode/checks.py) the school accepts on purpose, each with a reason;
    # shown in the board's overview. `veld` narrows it to one field, e.g. "rollen".
    "geaccepteerd": {
        "type": "list",
        "schema": {
            "type": "dict",
            "schema": {
                "code": {**_text, "required": True},  # e.g. "geen-vertrouwenspersoon"
                "veld": _text,  # optional: only this field (and the fields below it)
                "reden": {**_long_text, "required": True},  # why, in a whole sentence
            },
        },
    },
}


def stichting_schema(steps: list[dict]) -> dict:
    """Return the schema of _stichting.yaml for these steps (templates/data/stappen.yaml)."""
    fields = {k: {**v, "required": True} for k, v in taakverdeling(steps).items()}
    return _with_taakverdeling(_STICHTING, {"type": "dict", "required": True, "schema": fields})


def school_schema(steps: list[dict]) -> dict:
    """Return the schema of a school file for these steps (templates/data/stappen.yaml)."""
    return _with_taakverdeling(_SCHOOL, {"type": "dict", "schema": taakverdeling(steps)})


def _with_taakverdeling(schema: dict, rules: dict) -> dict:
    return {k: rules if v is _PER_STEP else v for k, v in schema.items()}
