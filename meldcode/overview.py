"""Write the list of schools: public in the site, and the board's own overview beside it.

The public site/index.html lists the schools and their documents: nothing more.
The board's overview (intern/index.html, with each aandachtsfunctionaris's contact
details and the aandachtspunten) and intern/aandachtspunten.csv go to the internal
folder, which is not published. Both are made from the same manifest rows, so the
page and the spreadsheet always list the same points.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
from pathlib import Path

from markupsafe import Markup

from .checks import Aandachtspunt, evaluation_overdue
from .manifest import Manifest, Paths, Row
from .names import AANDACHTSPUNTEN_CSV
from .publish import add_robots_meta, robots_txt
from .render import environment
from .values import dutch_date

_CSV_COLUMNS = [
    "school",
    "bestand van de school",
    "soort",
    "code",
    "onderwerp",
    "bestand",
    "regel",
    "veld",
    "aandachtspunt",
    "wat te doen",
    "bewust geaccepteerd, reden",
]


def overdue(row: Row, today: dt.date) -> bool:
    """Return whether a school's evaluation date has passed.

    The one rule for "te laat": assets/web/overzicht.js applies it on the overview page
    (in the browser, so the built page stays the same from day to day) and the command
    line names the same schools; tests/browser checks that the two agree.
    """
    return evaluation_overdue(dt.date.fromisoformat(row["evaluatie"]), today)


def write_public(manifest: Manifest, paths: Paths, staging: Path) -> None:
    """Render the public index.html (schools, versions, documents) and robots.txt into `staging`."""
    rows = _rows(manifest)
    html = _page(paths, rows, intern=False, site="")
    vindbaar = bool(rows) and all(row.get("vindbaar") for row in rows)
    (staging / "index.html").write_text(html if vindbaar else add_robots_meta(html), encoding="utf-8")
    (staging / "robots.txt").write_text(robots_txt(vindbaar), encoding="utf-8")
    _assets(paths, staging)


def write_intern(manifest: Manifest, paths: Paths, folder: Path) -> None:
    """Render the board's overview and aandachtspunten.csv into `folder` (beside the site, not in it)."""
    rows = _rows(manifest)
    site = os.path.relpath(paths.out, paths.intern or paths.out).replace(os.sep, "/") + "/"
    (folder / "index.html").write_text(add_robots_meta(_page(paths, rows, intern=True, site=site)), encoding="utf-8")
    (folder / AANDACHTSPUNTEN_CSV).write_text(aandachtspunten_csv(rows), encoding="utf-8-sig")
    _assets(paths, folder)


def _page(paths: Paths, rows: list[dict], intern: bool, site: str) -> str:
    stichting = rows[0]["stichting"] if rows else ""
    return (
        environment(paths.templates)
        .get_template("overview.html.j2")
        .render(rows=rows, stichting=stichting, csv_name=Markup(AANDACHTSPUNTEN_CSV), intern=intern, site=site)
    )


def _rows(manifest: Manifest) -> list[dict]:
    rows = []
    for slug, entry in sorted(manifest["schools"].items(), key=lambda item: item[1]["row"]["naam"].casefold()):
        known = entry["row"]
        points = [Aandachtspunt.from_dict(p) for p in known.get("aandachtspunten", [])]
        rows.append(
            {
                **known,
                "slug": slug,
                "evaluatie_tekst": dutch_date(dt.date.fromisoformat(known["evaluatie"])),
                "geevalueerd_tekst": dutch_date(dt.date.fromisoformat(held))
                if (held := known.get("geevalueerd"))
                else None,
                "vastgesteld_tekst": dutch_date(dt.date.fromisoformat(day))
                if (day := known.get("vastgesteld"))
                else None,
                "concept": known.get("status") == "concept",
                "punten": points,
                "open": sum(1 for p in points if p.open),
                "extra": ", ".join(
                    f"{n} {word}"
                    for n, word in (
                        (sum(1 for p in points if p.geaccepteerd), "geaccepteerd"),
                        (sum(1 for p in points if p.tip and not p.geaccepteerd), "tip"),
                    )
                    if n
                ),
            }
        )
    return rows


def _assets(paths: Paths, staging: Path) -> None:
    assets = staging / "assets"
    (assets / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.assets / "web" / "overzicht.css", assets / "overzicht.css")
    shutil.copyfile(paths.assets / "web" / "overzicht.js", assets / "overzicht.js")
    for font in sorted((paths.assets / "fonts").glob("*latin-[47]00-normal.woff2")):
        shutil.copyfile(font, assets / "fonts" / font.name)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV Injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text: a leading formula character gets a ' before it."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def aandachtspunten_csv(rows: list[dict]) -> str:
    """Return the aandachtspunten of every school as CSV for a Dutch spreadsheet (';'-separated)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_CSV_COLUMNS)
    for row in rows:
        for p in row["punten"]:
            cells = [
                row["naam"],
                row["slug"],
                "tip" if p.tip else "aandachtspunt",
                p.code,
                p.titel,
                p.file,
                p.line or "",
                p.field or "",
                p.message,
                p.advies,
                p.geaccepteerd or "",
            ]
            writer.writerow([_cell(c) for c in cells])
    return buffer.getvalue()
