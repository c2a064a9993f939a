"""Write the board's overview page (site/index.html): every school at a glance."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from .model import dutch_date
from .publish import add_robots_meta, robots_txt
from .render import environment

if TYPE_CHECKING:
    from .pipeline import Manifest, Paths, Row


def overdue(row: Row, today: dt.date) -> bool:
    """Return whether a school's evaluation date has passed.

    The one rule for "te laat": assets/web/overzicht.js applies it on the overview page
    (in the browser, so the built page stays the same from day to day) and the command
    line names the same schools; tests/browser checks that the two agree.
    """
    return dt.date.fromisoformat(row["evaluatie"]) < today


def write_overview(manifest: Manifest, paths: Paths, staging: Path) -> None:
    """Render index.html and its assets into `staging` from the manifest rows."""
    rows = []
    for slug, entry in sorted(manifest["schools"].items(), key=lambda item: item[1]["row"]["naam"].casefold()):
        known = entry["row"]
        rows.append(
            {
                **known,
                "slug": slug,
                "evaluatie_tekst": dutch_date(dt.date.fromisoformat(known["evaluatie"])),
                "vastgesteld_tekst": dutch_date(dt.date.fromisoformat(known["vastgesteld"])),
            }
        )
    stichting = rows[0]["stichting"] if rows else ""
    vindbaar = bool(rows) and all(row.get("vindbaar") for row in rows)
    html = environment(paths.templates).get_template("overview.html.j2").render(rows=rows, stichting=stichting)
    (staging / "index.html").write_text(html if vindbaar else add_robots_meta(html), encoding="utf-8")
    (staging / "robots.txt").write_text(robots_txt(vindbaar), encoding="utf-8")
    assets = staging / "assets"
    (assets / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paths.assets / "web" / "overzicht.css", assets / "overzicht.css")
    shutil.copyfile(paths.assets / "web" / "overzicht.js", assets / "overzicht.js")
    for font in sorted((paths.assets / "fonts").glob("*latin-[47]00-normal.woff2")):
        shutil.copyfile(font, assets / "fonts" / font.name)
