"""Every page paints from its HTML and CSS alone: no script before the content, the wizard drawn at build time.

Checked on the written pages of both engines (`engine_site`); the browser tests
(tests/browser/test_site_in_browser.py) check the same in Chromium: the paint comes before
the theme's script, the search index waits for the search, nothing moves.
"""

from __future__ import annotations

import html
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, SLUGS

from meldcode.images import image_size


class _Scripts(HTMLParser):
    """Each external script of a page, with whether the page's content (its <article>) came before it."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], bool]] = []
        self.preloads: list[str] = []
        self.content_done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.scripts.append((found, self.content_done))
        if tag == "link" and found.get("rel") == "preload":
            self.preloads.append(found.get("href") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.content_done = True


def scripts_of(page: Path) -> _Scripts:
    parser = _Scripts()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def blocking(script: dict[str, str | None]) -> bool:
    return "async" not in script and "defer" not in script and script.get("type") != "module"


@pytest.mark.parametrize("slug", SLUGS)
def test_no_page_loads_a_script_before_its_content(engine_site, slug):
    pages = sorted((engine_site / slug).glob("*.html"))
    assert len(pages) > 20
    early = {}
    for page in pages:
        found = scripts_of(page)
        if page.name != "404.html":  # the 404 page has no article
            assert found.scripts, page.name
        early[page.name] = [s["src"] for s, after in found.scripts if blocking(s) and not after]
    assert {name: srcs for name, srcs in early.items() if srcs and name != "404.html"} == {}


@pytest.mark.parametrize("slug", SLUGS)
def test_the_theme_script_is_loaded_by_ours_not_by_the_page(engine_site, slug):
    for page in sorted((engine_site / slug).glob("*.html")):
        found = scripts_of(page)
        sources = [s["src"] or "" for s, _ in found.scripts]
        assert not [s for s in sources if "/javascripts/bundle." in s], page.name
        ours = [s for s, _ in found.scripts if (s["src"] or "").endswith("assets/meldcode.js")]
        assert len(ours) == 1, page.name
        bundle = ours[0].get("data-thema") or ""
        assert "assets/javascripts/bundle." in bundle, page.name
        if page.name != "404.html":  # 404.html's addresses start at the site's root
            assert (page.parent / bundle).is_file(), (page.name, bundle)


def test_the_first_screen_fonts_are_preloaded_and_exist(engine_site):
    start = engine_site / "de-wissel" / "index.html"
    preloads = scripts_of(start).preloads
    assert len(preloads) == 2
    for href in preloads:
        assert (start.parent / href).is_file(), href
    css = (start.parent / "assets" / "meldcode.css").read_text(encoding="utf-8")
    assert all(Path(href).name in css for href in preloads)
    assert "font-display: swap" not in css  # a late font would move the text


def test_the_afwegingskader_holds_its_first_question_before_any_script(engine_site):
    page = (engine_site / "de-wissel" / "afwegingskader.html").read_text(encoding="utf-8")
    box = html.unescape(page.split('<div id="afwegingskader"', 1)[1].split("</div></div>", 1)[0])
    data = json.loads(page.split('id="afwegingskader-data">', 1)[1].split("</script>", 1)[0])
    first = data["vragen"][0]
    assert " hidden" not in box.split(">", 1)[0]
    assert f"Vraag 1 van {len(data['vragen'])} ({first['titel']}): {first['vraag']}" in box
    labels = [part.split("<", 1)[0] for part in box.split('<button type="button"')[1:]]
    assert [label.split(">", 1)[1] for label in labels] == [a["label"] for a in first["antwoorden"]]


def test_the_logo_has_its_size_before_it_arrives(engine_site):
    assert image_size(ROOT / "schools" / "logo-vechtdal.svg") == (120, 120)
    page = (engine_site / "de-wissel" / "index.html").read_text(encoding="utf-8")
    logos = [tag for tag in page.split("<img ")[1:] if "assets/logo.svg" in tag.split(">", 1)[0]]
    assert logos
    assert all('width="120" height="120"' in tag.split(">", 1)[0] for tag in logos)
