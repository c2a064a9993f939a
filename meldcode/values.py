"""Values from the config files, parsed and shown the Dutch way: phone numbers, dates, file names.

A leaf module: the validator uses it to check a value, the model to keep it, the
templates to print it. It imports nothing of this package.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import phonenumbers
from babel.dates import format_date

_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


_DATE_NL = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")


def parse_phone(value: str) -> phonenumbers.PhoneNumber | None:
    """Return the parsed Dutch (or international) number, or None when invalid.

    Short numbers count too: 112, 0800 and 0900 numbers, 14 + netnummer (gemeenten).
    """
    if not re.fullmatch(r"[0-9+()\- .]{3,25}", value):
        return None
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        return None
    if phonenumbers.is_valid_number(number) or is_short_number(number):
        return number
    return None


# Three-digit numbers a handbook may list: the alarmnummer and 113 Zelfmoordpreventie.
# (phonenumbers' own list of short numbers is far wider, 1234 included.)
SHORT_NUMBERS = frozenset({"112", "113"})


def is_short_number(number: phonenumbers.PhoneNumber) -> bool:
    """True for 112 and 113: dialled as they are, never with +31."""
    return (
        number.country_code == 31 and not number.italian_leading_zero and str(number.national_number) in SHORT_NUMBERS
    )


def dial_local(number: phonenumbers.PhoneNumber) -> bool:
    """True for numbers a tel: link must dial as written: 112, and 14 + netnummer (not via +31)."""
    national = str(number.national_number)
    return is_short_number(number) or (
        number.country_code == 31 and national.startswith("14") and phonenumbers.is_valid_number(number)
    )


def parse_date(value: str) -> dt.date | None:
    """Return the date for 'JJJJ-MM-DD' or 'DD-MM-JJJJ', or None when it does not exist."""
    match = _DATE_ISO.match(value.strip())
    if match:
        year, month, day = map(int, match.groups())
    elif match := _DATE_NL.match(value.strip()):
        day, month, year = map(int, match.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def dutch_date(value: dt.date) -> str:
    """Format a date the Dutch way: 1 september 2026."""
    return format_date(value, format="long", locale="nl")


def display_name(schools_dir: Path, path: Path) -> str:
    """Name a file as board staff see it: 'schools/regenboog.yaml'."""
    return f"{schools_dir.name}/{path.name}"


@dataclass(frozen=True)
class Phone:
    """A validated phone number: shown in Dutch notation, dialled as E.164."""

    display: str
    tel: str

    def __str__(self) -> str:
        return self.display

    @classmethod
    def of(cls, value: str | None) -> Phone | None:
        """The number in `value`, or None when it is empty or not a valid number."""
        return _phone(value) if value else None


@functools.lru_cache(maxsize=4096)  # a handbook shows the same few numbers on every page
def _phone(value: str) -> Phone | None:
    number = parse_phone(value)
    if number is None:
        return None
    fmt = phonenumbers.PhoneNumberFormat
    if is_short_number(number):
        return Phone(str(number.national_number), str(number.national_number))
    style = fmt.NATIONAL if number.country_code == 31 else fmt.INTERNATIONAL
    display = phonenumbers.format_number(number, style)
    if dial_local(number):  # 14 020 works only as dialled, not as +31 14020
        return Phone(display, str(number.national_number))
    return Phone(display, phonenumbers.format_number(number, fmt.E164))
