"""Whether a school's version is a concept or the adopted meldcode, and why: one rule for every output.

A version is a concept when the file says so (`vaststelling.status: concept`), when
its date of vaststelling lies in the future, or while it still has open
aandachtspunten that mean the text is not final: invulvoorbeelden, an outdated term,
an evaluation date that has passed. A concept is built like any version, with
"CONCEPT" on every web page, every PDF page and the poster, so that a draft on a
wall or a screen is never taken for the adopted meldcode. `meldcode --vaststellen`
refuses a concept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from .checks import Aandachtspunt
from .model import School
from .values import dutch_date

# Open aandachtspunten of these kinds make a version a concept (their texts are not final).
CONCEPT_CODES = {
    "invulvoorbeeld": "er staan nog invulvoorbeelden of nepgegevens in",
    "verouderde-term": "er staat nog een verouderde term in",
    "evaluatie-voorbij": "de evaluatiedatum is voorbij",
}


def concept_reasons(school: School, points: list[Aandachtspunt], today: dt.date) -> tuple[str, ...]:
    """Return why this version of `school` is a concept, in Dutch; empty when it is adopted."""
    v = school.vaststelling
    reasons = []
    if v.status == "concept":
        reasons.append("de vaststelling staat op 'status: concept'")
    elif v.datum is None:
        reasons.append("er is nog geen datum van vaststelling")
    if v.datum is not None and v.datum > today:
        reasons.append(f"de datum van vaststelling ({dutch_date(v.datum)}) ligt in de toekomst")
    codes = {p.code for p in points if p.school == school.slug and p.open}
    reasons += [reason for code, reason in CONCEPT_CODES.items() if code in codes]
    return tuple(reasons)


def with_status(schools: list[School], points: list[Aandachtspunt], today: dt.date) -> list[School]:
    """Return the schools with their concept reasons filled in."""
    return [dataclasses.replace(s, concept=concept_reasons(s, points, today)) for s in schools]
