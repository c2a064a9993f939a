"""The handbook's pages: every web page is on the website's menu, exactly once."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import ROOT, SLUGS

from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.names import PDF_FILES, pdf_file
from meldcode.pages import pages_for
from meldcode.site import _nav

TEMPLATES = ROOT / "templates"
SCHOOLS = load_config(ROOT / "schools", TEMPLATES).schools
CONTENT = load_content(TEMPLATES)


def nav_files(nav: list) -> list[str]:
    """Every page file the MkDocs nav links to, top to bottom."""
    files: list[str] = []
    for entry in nav:
        for value in entry.values():
            files += nav_files(value) if isinstance(value, list) else [value]
    return files


@pytest.mark.parametrize("school", SCHOOLS, ids=lambda s: s.slug)
def test_every_web_page_is_in_the_menu_once(school):
    pages = pages_for(school, CONTENT)
    files = nav_files(_nav(pages))
    assert sorted(files) == sorted(f"{p.slug}.md" for p in pages if p.web)
    assert files[0] == "index.md"


def test_a_web_page_without_a_place_in_the_menu_stops_the_build():
    pages = pages_for(SCHOOLS[0], CONTENT)
    pages[3] = dataclasses.replace(pages[3], menu=None)
    with pytest.raises(ValueError, match=pages[3].slug):
        _nav(pages)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_built_page_is_marked_in_its_own_menu(example_site, slug):
    # MkDocs marks the open page in the menu; a page missing from the nav has no mark
    # (MkDocs only logs that below the level a build shows).
    pages = sorted(p for p in (example_site / slug).glob("*.html") if p.name != "404.html")
    assert len(pages) > 20
    for page in pages:
        assert "md-nav__link--active" in page.read_text(encoding="utf-8"), f"{slug}/{page.name}"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_pdf_a_school_gets_is_written_and_linked(example_site, slug):
    # Adding a PDF to meldcode.names.PDF_FILES is not done until it is written and
    # offered on the downloads page, in the site's footer and on the board's overview.
    overview = (example_site / "index.html").read_text(encoding="utf-8")
    downloads = (example_site / slug / "downloads.html").read_text(encoding="utf-8")
    footer = (example_site / slug / "stap-1.html").read_text(encoding="utf-8").split("md-copyright__highlight")[1]
    for kind in PDF_FILES:
        name = pdf_file(kind.kind, slug)
        assert (example_site / slug / name).stat().st_size > 1000, name
        assert f'href="{name}"' in downloads, name
        assert f'href="{name}"' in footer, name
        assert f'href="{slug}/{name}"' in overview, name
