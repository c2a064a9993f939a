"""`meldcode --vaststellen SLUG`: record the version the board adopted in its archive.

The board adopts a version (after the (G)MR's instemming), writes its date in the
school's or the stichting's `vaststelling`, and runs this command. It loads and checks
everything as a build does, refuses a concept or open aandachtspunten, and writes the
handbook's text and PDF to vastgesteld/<school>/<versie>/ (meldcode/archive.py) in
one step: a folder that exists is complete. The board commits that folder; every
later build offers its PDF and compares the text with it ("Wat is er veranderd").
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .archive import RECORD, TEXT, record_yaml, version_folder
from .changes import handbook_text
from .checks import Aandachtspunt
from .content import load_content
from .errors import MeldcodeError
from .manifest import Paths
from .names import pdf_file
from .pipeline import Options, _hidden_numbers, load
from .site import web_view


class NotAdoptable(MeldcodeError):
    """This version cannot be recorded as adopted; `aandachtspunten` are the open points to solve first."""

    def __init__(self, message: str, aandachtspunten: list[Aandachtspunt] | None = None):
        self.aandachtspunten = aandachtspunten or []
        super().__init__(message)


@dataclass(frozen=True)
class Recorded:
    folder: Path
    new: bool  # False: this version was recorded before, with the same text


def adopt(paths: Paths, slug: str, today: dt.date | None = None) -> Recorded:
    """Record the current version of school `slug` as adopted; raise NotAdoptable or ConfigError."""
    loaded = load(paths, Options(only=[slug], check=True, today=today, progress=False))
    school = loaded.schools[0]
    v = school.vaststelling
    open_points = [a for a in loaded.aandachtspunten if a.open]
    if school.is_concept or open_points:
        reasons = list(school.concept)
        if open_points:
            n = len(open_points)
            reasons.append(f"er {'staat' if n == 1 else 'staan'} nog {n} open aandachtspunt{'' if n == 1 else 'en'}")
        raise NotAdoptable(
            f"{slug}: versie {v.versie} kan niet worden vastgelegd: {'; '.join(reasons)}. Los dit eerst op"
            " (of accepteer een aandachtspunt met een reden), zet de datum van vaststelling en haal"
            " 'status: concept' weg; probeer het daarna opnieuw.",
            open_points,
        )
    assert v.datum is not None  # not a concept, so validation required it
    from .pdf import handbook_html, write_handbook

    content = load_content(paths.templates)
    html = handbook_html(school, content, paths.templates, paths.mkdocs)
    text = handbook_text(html)
    folder = version_folder(paths.schools, slug, v.versie)
    if folder.exists():
        if (folder / TEXT).is_file() and (folder / TEXT).read_text(encoding="utf-8") == text:
            return Recorded(folder, new=False)
        raise NotAdoptable(
            f"{slug}: versie {v.versie} staat al in {_shown(folder)}, met een andere tekst. Een vastgestelde"
            " versie verandert niet meer: geef deze versie een nieuw nummer bij 'vaststelling.versie'."
        )
    hidden = sorted(_hidden_numbers(school, web_view(school)))
    staging = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    try:
        (staging / TEXT).write_text(text, encoding="utf-8")
        (staging / RECORD).write_text(
            record_yaml(v.versie, v.datum, v.door, v.medezeggenschap, __version__, hidden), encoding="utf-8"
        )
        forms = staging / pdf_file("forms", slug)
        write_handbook(
            school,
            content,
            paths.templates,
            paths.assets,
            paths.mkdocs,
            staging / pdf_file("handbook", slug),
            forms,
            html,
        )
        forms.unlink()  # the handbook holds the forms; one PDF per version
        staging.rename(folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Recorded(folder, new=True)


def _shown(folder: Path) -> str:
    """The folder as board staff find it: from the archive's parent (the board's repository)."""
    return "/".join(folder.parts[-3:]) + "/"
