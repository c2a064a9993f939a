"""Which entry of a school's sociale kaart an overlegpartner names ("jeugdarts van de GGD" -> the GGD).

One matcher for the step 2 list of overlegpartners (meldcode/procedure.py); the aandachtspunt
overlegpartner-niet-op-kaart (meldcode/checks.py) has the same rule and can use it.
"""

from __future__ import annotations

import re

from .model import Contact

_STOPWORDS = {"de", "het", "een", "van", "voor", "en", "in", "op", "bij", "met", "regio", "team"}


def partner_contact(partner: str, contacts: list[Contact]) -> Contact | None:
    """Return the sociale-kaart entry an overlegpartner names ("Buurtteam Maarssen"), if any."""
    words = [w for w in organisation_key(partner).split() if w not in _STOPWORDS]
    for contact in contacts:
        text = " ".join(filter(None, (contact.organisatie, contact.contactpersoon, contact.toelichting)))
        found = organisation_key(text).split()
        name = [w for w in organisation_key(contact.organisatie).split() if w not in _STOPWORDS]
        if words and all(_word_in(w, found) for w in words):
            return contact
        if name and all(_word_in(w, words) for w in name):
            return contact
    return None


def _word_in(word: str, words: list[str]) -> bool:
    return any(word == w or (min(len(word), len(w)) >= 4 and (word in w or w in word)) for w in words)


def organisation_key(name: str) -> str:
    """Compare organisation names: no case, accents kept, no text in brackets or punctuation."""
    name = re.sub(r"\([^)]*\)", " ", name.casefold())
    return " ".join(re.sub(r"[^\w]+", " ", name).split())
