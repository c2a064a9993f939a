"""Dutch wording of plain text: verb agreement, lists, titles and headings of names.

Verb agreement, for the role sentences of templates/data/stappen.yaml:

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


def heading(name: str) -> str:
    """Return a name as a heading: no article, a capital first letter ('het groot OT' -> 'Groot OT')."""
    return first_upper(re.sub(r"^(de|het)\s+", "", name.strip(), flags=re.IGNORECASE))


# A title before a name ("dr. Thomas Brouwer"), written in lower case in the middle of a sentence.
TITLE = re.compile(r"(?<![\w.])(dr|drs|mr|ir|ing|prof|ds|dhr|mevr|mw)\. (?=\w)", re.IGNORECASE)


def title_first_upper(name: str) -> str:
    """Capitalise a title that starts a name, for the start of a sentence or item: 'Dr. Thomas Brouwer'."""
    return first_upper(name) if TITLE.match(name) else name


def in_text(title: str) -> str:
    """Return a title for running text, abbreviations kept: 'leerplichtambtenaar of RMC-consulent'."""
    return title[:1].lower() + title[1:]


def titles_in(functie: str, titles: list[str]) -> list[str]:
    """Return the words of a functie that are one of `titles`, also as part of a word
    ('locatiedirecteur', 'orthopedagoog-generalist'), as written, each once."""
    found: dict[str, str] = {}
    for title in titles:
        for match in re.finditer(rf"(?<![\w-])[\w-]*{re.escape(title)}[\w-]*(?![\w-])", functie, re.IGNORECASE):
            found.setdefault(match.group(0).casefold(), match.group(0))
    return list(found.values())


def role_titles(titel: str, titels: tuple[str, ...] | list[str]) -> list[str]:
    """Return a role's titles in lower case: each of 'jeugdarts of jeugdverpleegkundige', then its extra titels."""
    return [t.strip().lower() for t in titel.split(" of ")] + [t.lower() for t in titels]


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


def plain(text: str) -> str:
    """Reduce a name to compare it: no article, no '(CvB)', lower case."""
    text = re.sub(r"\([^)]*\)", " ", text).casefold()
    return " ".join(re.sub(r"^\s*(de|het|een)\s+", "", text).split())
