"""Zensical as a second website engine: same pages, same guarantees, byte-identical rebuilds.

The shared checks (links, anchors, third parties, the start page) run for both
engines through the `engine_site` fixture in test_build.py and the browser tests.
"""

from __future__ import annotations

import filecmp
from pathlib import Path

from conftest import ROOT, copy_schools, run_build

from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.site import build_site, write_docs

TEMPLATES = ROOT / "templates"


def website(work: Path, engine: str, slug: str = "de-wissel") -> Path:
    """Build only the website of one example school with `engine` in `work`."""
    school = next(s for s in load_config(ROOT / "schools", TEMPLATES).schools if s.slug == slug)
    config = write_docs(school, load_content(TEMPLATES), TEMPLATES, ROOT / "assets", ROOT / "mkdocs.yml", work)
    return build_site(config, 1_782_777_600, engine)


def differences(a: Path, b: Path) -> list[str]:
    found = []
    compared = filecmp.dircmp(a, b)
    found += compared.left_only + compared.right_only + compared.diff_files
    for sub in compared.common_dirs:
        found += differences(a / sub, b / sub)
    return found


def test_zensical_rebuilds_are_byte_identical(tmp_path):
    first = website(tmp_path / "a", "zensical")
    second = website(tmp_path / "b", "zensical")
    assert len(list(first.rglob("*"))) > 30
    assert differences(first, second) == []
    for one, other in zip(sorted(first.rglob("*")), sorted(second.rglob("*")), strict=True):
        if one.is_file():
            assert one.read_bytes() == other.read_bytes(), one.relative_to(first)


def test_both_engines_build_the_same_pages(engine_site, example_site):
    for slug in ("de-regenboog", "de-wissel", "het-kompas"):
        assert sorted(p.name for p in (engine_site / slug).glob("*.html")) == sorted(
            p.name for p in (example_site / slug).glob("*.html")
        )


def test_zensical_output_keeps_only_the_look_it_uses(example_site_zensical):
    sheets = sorted(
        p.relative_to(example_site_zensical / "de-wissel").as_posix()
        for p in (example_site_zensical / "de-wissel").rglob("*.css")
    )
    assert len([s for s in sheets if s.startswith("assets/stylesheets/")]) == 1, sheets
    assert not list(example_site_zensical.rglob("sitemap.xml*"))


def test_dutch_search_index_holds_the_pages(example_site_zensical):
    index = (example_site_zensical / "de-wissel" / "search.json").read_text(encoding="utf-8")
    assert '"lang":["nl"]' in index and "Veilig Thuis" in index


def test_zensical_does_not_escape_the_school_name_twice(tmp_path):
    schools = copy_schools(tmp_path / "in")
    path = schools / "de-wissel.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("naam: SBO De Wissel", 'naam: "SBO De Zon & <Maan>"', 1))
    school = next(s for s in load_config(schools, TEMPLATES).schools if s.slug == "de-wissel")
    assert school.naam == "SBO De Zon & <Maan>"
    config = write_docs(school, load_content(TEMPLATES), TEMPLATES, ROOT / "assets", ROOT / "mkdocs.yml", tmp_path)
    page = (build_site(config, 0, "zensical") / "index.html").read_text(encoding="utf-8")
    assert "Zon &amp; &lt;Maan&gt;" in page
    assert "&amp;amp;" not in page and "&amp;lt;" not in page and "<Maan>" not in page


def test_the_pdfs_do_not_depend_on_the_website_engine(tmp_path, example_site):
    # The Zensical example build borrows the MkDocs build's PDFs (conftest.example_site_zensical).
    schools = copy_schools(tmp_path, with_examples=False)
    (schools / "de-regenboog.yaml").write_bytes((ROOT / "schools" / "de-regenboog.yaml").read_bytes())
    run_build(schools, tmp_path / "site", engine="zensical")
    pdfs = sorted(p.name for p in (tmp_path / "site" / "de-regenboog").glob("*.pdf"))
    assert pdfs == sorted(p.name for p in (example_site / "de-regenboog").glob("*.pdf")) and len(pdfs) == 3
    for name in pdfs:
        assert filecmp.cmp(tmp_path / "site" / "de-regenboog" / name, example_site / "de-regenboog" / name, False)
