"""Dutch verb agreement for the role sentences of templates/data/stappen.yaml.

A step's "Wie doet wat" lists what each party does, in sentences that start with a
verb in the third person singular ("weegt mee en brengt ..."). When a role is held by
two or more people ("Ellen Stam en Kees Brink (teamleiders)") those verbs must be
plural ("wegen mee en brengen ..."). Dutch plurals do not follow one spelling rule
(weegt/wegen, zet/zetten, blijft/blijven), so the forms are listed; a sentence whose
first verb is missing here fails tests/test_role_wording.py.
"""

from __future__ import annotations

import re

# third person singular -> plural, for every verb that starts a clause of a role sentence
# (stappen.yaml regie/betrokken, rollen.yaml taken)
PLURAL = {
    "adviseert": "adviseren",
    "bepaalt": "bepalen",
    "bereidt": "bereiden",
    "besluit": "besluiten",
    "bespreekt": "bespreken",
    "betrekt": "betrekken",
    "bewaakt": "bewaken",
    "blijft": "blijven",
    "brengt": "brengen",
    "coördineert": "coördineren",
    "deelt": "delen",
    "denkt": "denken",
    "doet": "doen",
    "evalueert": "evalueren",
    "gaat": "gaan",
    "geeft": "geven",
    "heeft": "hebben",
    "helpt": "helpen",
    "hoort": "horen",
    "houdt": "houden",
    "informeert": "informeren",
    "is": "zijn",
    "kan": "kunnen",
    "kent": "kennen",
    "kijkt": "kijken",
    "koppelt": "koppelen",
    "krijgt": "krijgen",
    "laat": "laten",
    "legt": "leggen",
    "leidt": "leiden",
    "let": "letten",
    "levert": "leveren",
    "meldt": "melden",
    "neemt": "nemen",
    "observeert": "observeren",
    "onderhoudt": "onderhouden",
    "opent": "openen",
    "overlegt": "overleggen",
    "praat": "praten",
    "raadpleegt": "raadplegen",
    "schakelt": "schakelen",
    "schat": "schatten",
    "schrijft": "schrijven",
    "spreekt": "spreken",
    "stelt": "stellen",
    "steunt": "steunen",
    "verdeelt": "verdelen",
    "verwijst": "verwijzen",
    "verzamelt": "verzamelen",
    "voert": "voeren",
    "volgt": "volgen",
    "vraagt": "vragen",
    "vult": "vullen",
    "weegt": "wegen",
    "wordt": "worden",
    "zet": "zetten",
    "ziet": "zien",
    "zorgt": "zorgen",
}

# where a verb of the sentence's own subject can stand: at the start, and after a
# coordinating 'en', 'maar' or 'of', a comma or a semicolon ("vult aan ... en brengt ...")
_CLAUSE_VERB = re.compile(r"(^|(?:, |; |\b)(?:en|maar|of) |, |; )(\w+)")


def first_upper(text: str) -> str:
    """Give a text a capital first letter and leave the rest as it is: 'het ZAT' -> 'Het ZAT'."""
    return text[:1].upper() + text[1:]


def first_word(sentence: str) -> str:
    """Return the first word of a role sentence (its verb)."""
    match = re.match(r"\w+", sentence)
    return match.group(0) if match else ""


def plural_sentence(sentence: str, plural: bool = True) -> str:
    """Make the verbs of a role sentence agree with a subject of two or more people."""
    if not plural:
        return sentence
    return _CLAUSE_VERB.sub(lambda m: m.group(1) + PLURAL.get(m.group(2), m.group(2)), sentence)
