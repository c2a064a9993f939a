"""A link check that proves it visited every page: a crawl from the start pages, like a reader's clicks.

External checkers (LinkChecker) stop at `nofollow` and then report success after one
page. This crawl follows every internal link and anchor of every example site (both
engines) from the board's list and each school's start page, and fails unless it
reached every HTML page on disk. The PDFs' own links (table of contents, cross
references) must land on a destination that exists.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import SLUGS
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

_LINK = re.compile(r'(?:href|src)="([^"]+)"')
_ID = re.compile(r'id="([^"]+)"')
# Pages a reader never reaches by a link: the server shows 404.html for a missing address.
_NOT_LINKED = {"404.html"}


def crawl(site: Path) -> tuple[set[Path], list[str], int]:
    """Follow every internal link from the site's start pages; return pages seen, broken links, anchors checked."""
    start = [site / "index.html"] + [site / slug / "index.html" for slug in SLUGS]
    seen: set[Path] = set()
    todo = [p.resolve() for p in start]
    broken: list[str] = []
    ids: dict[Path, set[str]] = {}
    anchors = 0
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        text = page.read_text(encoding="utf-8")
        for raw in _LINK.findall(text):
            link = html.unescape(raw)
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//") or link.startswith(("mailto:", "tel:", "data:")):
                continue
            path = unquote(parts.path)
            if path.startswith("/"):  # root-absolute (404.html): the site root is the folder above the schools
                target = (site / path.lstrip("/")).resolve()
            else:
                target = (page.parent / path).resolve() if path else page
            if path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {html.unescape(i) for i in _ID.findall(target.read_text(encoding="utf-8"))}
                anchors += 1
                if unquote(parts.fragment) not in ids[target]:
                    broken.append(f"{page.relative_to(site)} -> {link} (anker ontbreekt)")
            if target.suffix == ".html" and site.resolve() in target.parents:
                todo.append(target)
    return seen, broken, anchors


def test_a_crawl_from_the_start_pages_reaches_every_page_and_finds_no_broken_link(engine_site):
    seen, broken, anchors = crawl(engine_site)
    on_disk = {p.resolve() for p in engine_site.rglob("*.html") if p.name not in _NOT_LINKED}
    assert broken == []
    assert on_disk - seen == set(), "pages no link leads to"
    assert len(seen) >= len(on_disk) > 100 and anchors > 100


def test_the_crawl_counts_a_page_no_link_leads_to(tmp_path):
    (tmp_path / "index.html").write_text('<a href="a.html#x">a</a>', encoding="utf-8")
    (tmp_path / "a.html").write_text('<h1 id="x">A</h1><a href="weg.html">kapot</a>', encoding="utf-8")
    (tmp_path / "wees.html").write_text("<p>niemand linkt hierheen</p>", encoding="utf-8")
    for slug in SLUGS:
        (tmp_path / slug).mkdir()
        (tmp_path / slug / "index.html").write_text('<a href="../index.html#y">terug</a>', encoding="utf-8")
    seen, broken, _ = crawl(tmp_path)
    assert tmp_path.joinpath("wees.html").resolve() not in seen
    assert "a.html -> weg.html" in broken and any("anker ontbreekt" in b for b in broken)


def _destinations(reader: PdfReader) -> set[str]:
    return set(reader.named_destinations)


def test_every_link_inside_a_pdf_lands_on_a_destination_that_exists(example_site):
    checked = 0
    for slug in SLUGS:
        for pdf in sorted((example_site / slug).glob("*.pdf")):
            reader = PdfReader(pdf)
            names = _destinations(reader)
            for number, page in enumerate(reader.pages, 1):
                for annot in page.get("/Annots") or ArrayObject():
                    annot = annot.get_object()
                    if not isinstance(annot, DictionaryObject) or annot.get("/Subtype") != "/Link":
                        continue
                    action = annot.get("/A")
                    action = action.get_object() if action is not None else DictionaryObject()
                    dest = annot.get("/Dest") or action.get("/D")
                    if dest is None:
                        continue  # a web address (tel:, https:) is not ours to follow here
                    checked += 1
                    if isinstance(dest, str) or not hasattr(dest, "__len__"):
                        assert str(dest) in names, f"{pdf.name} p. {number}: {dest}"
    assert checked > 50
