"""The archive of adopted versions: where `meldcode --vaststellen` records them, and how a build reads them.

The archive is a folder the board keeps in its own repository, beside `schools/`:

    vastgesteld/<school>/<versie>/
        vaststelling.yaml        versie, datum, door, medezeggenschap, tool version (plain YAML)
        tekst.md                 the handbook's text as adopted: one chapter per "# ", one
                                 paragraph, list item or table row per line (diff-friendly)
        meldcode-<school>.pdf    the handbook PDF as adopted

Every file is plain text except the PDF, so `git diff` between two versions is readable
too. This module only reads and writes those files; rendering them is meldcode/adopt.py's job.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from .model import Adopted
from .values import parse_date

ARCHIVE = "vastgesteld"  # beside schools/, in the board's repository
TEXT = "tekst.md"
RECORD = "vaststelling.yaml"

# A version as a folder name: what versie may contain (schema: at most 20 characters), made safe.
_UNSAFE = re.compile(r"[^0-9A-Za-z._-]+")


def archive_dir(schools_dir: Path) -> Path:
    """Return the board's archive folder: `vastgesteld/` beside the schools folder."""
    return schools_dir.resolve().parent / ARCHIVE


def version_folder(schools_dir: Path, slug: str, versie: str) -> Path:
    """Return the folder of one adopted version: vastgesteld/<slug>/<versie>/ ("2.1", "2026 1" -> "2026-1")."""
    name = _UNSAFE.sub("-", versie).strip(".-") or "versie"
    return archive_dir(schools_dir) / slug / name


def adopted_versions(schools_dir: Path, slug: str) -> tuple[Adopted, ...]:
    """Return the school's recorded versions, oldest first; a folder without a readable record is skipped."""
    root = archive_dir(schools_dir) / slug
    if not root.is_dir():
        return ()
    found = []
    for folder in sorted(root.iterdir()):
        record = read_record(folder)
        if record is not None and (folder / TEXT).is_file():
            found.append(record)
    return tuple(sorted(found, key=lambda a: (a.datum, a.versie)))


def read_record(folder: Path) -> Adopted | None:
    """Return the version recorded in `folder`, or None when it is not a complete record."""
    try:
        data = yaml.safe_load((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError, yaml.YAMLError):
        return None
    if not isinstance(data, dict):
        return None
    day = parse_date(str(data.get("datum", "")))
    versie, door = data.get("versie"), data.get("door")
    if day is None or not isinstance(versie, str) or not isinstance(door, str):
        return None
    hidden = data.get("niet_op_website") or []
    numbers = tuple(str(n) for n in hidden) if isinstance(hidden, list) else ()
    return Adopted(versie=versie, datum=day, door=door, folder=folder, verborgen=numbers)


def archive_files(versies: tuple[Adopted, ...]) -> list[Path]:
    """The files of the recorded versions that a school's build depends on (its digest)."""
    return [a.folder / name for a in versies for name in (RECORD, TEXT)]


def read_text(adopted: Adopted) -> str:
    return (adopted.folder / TEXT).read_text(encoding="utf-8")


def record_yaml(
    versie: str, datum: dt.date, door: str, medezeggenschap: str | None, tool: str, hidden: list[str]
) -> str:
    """Return the text of vaststelling.yaml for one adopted version."""
    data = {
        "versie": versie,
        "datum": datum.isoformat(),
        "door": door,
        "medezeggenschap": medezeggenschap,
        "vastgelegd_met": f"meldcode-generator {tool}",
        # numbers that were on paper only: "Wat is er veranderd" keeps them off the website
        "niet_op_website": sorted(hidden) or None,
    }
    header = "# Vastgelegd met 'meldcode --vaststellen'. Niet met de hand wijzigen: dit is het archief.\n"
    return header + yaml.safe_dump(
        {k: v for k, v in data.items() if v is not None}, allow_unicode=True, sort_keys=False
    )
