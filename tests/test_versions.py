"""The board's year (issue 21, items 1 and 2): a concept, adoption into the archive, and what changed.

A concept is marked on every PDF page, the poster, every web page and the overview.
`--vaststellen` refuses a concept and open aandachtspunten, and records text and PDF
in vastgesteld/<school>/<versie>/. A build then offers the adopted PDFs and a
"Wat is er veranderd" page and PDF that list exactly what changed since.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, pdf_page_texts, run_build, visible_text
from pypdf import PdfReader

from meldcode import cli
from meldcode.archive import TEXT, adopted_versions
from meldcode.changes import compare, handbook_text
from meldcode.content import load_content
from meldcode.pages import pages_for, render_page
from meldcode.pdf import handbook_html
from meldcode.pipeline import Options, Paths, load

TEMPLATES = ROOT / "templates"
SLUG = "het-kompas"
OLD_PHONE, NEW_PHONE = "06-22 45 61 89", "06-47 18 29 63"  # the aandachtsfunctionaris of CBS Het Kompas
OLD_CHOICE, NEW_CHOICE = "veilig_thuis_raadplegen: bij_twijfel", "veilig_thuis_raadplegen: verplicht_bij_vermoeden"


def _board(root: Path, *slugs: str) -> Path:
    schools = root / "schools"
    schools.mkdir(parents=True)
    for name in ("_stichting.yaml", "logo-vechtdal.svg", *(f"{s}.yaml" for s in slugs)):
        shutil.copy(ROOT / "schools" / name, schools / name)
    return schools


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _cli(schools: Path, *args: str) -> int:
    return cli.main(["--schools", str(schools), "--out", str(schools.parent / "site"), *args])


def _text(schools: Path, templates: Path = TEMPLATES) -> str:
    """The handbook text of SLUG as `--vaststellen` records it."""
    loaded = load(Paths.project(schools, schools.parent / "site"), Options(check=True, only=[SLUG]))
    school = loaded.schools[0]
    return handbook_text(handbook_html(school, load_content(templates), templates, ROOT / "mkdocs.yml"))


def _changes(old: str, new: str) -> set[tuple[str, str, str, str]]:
    return {(ch.title, c.kind, c.old, c.new) for ch in compare(old, new).chapters for c in ch.changes}


# -- concept -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def concept_build(tmp_path_factory) -> Path:
    """De Wissel as an explicit concept beside De Regenboog, adopted as it is."""
    root = tmp_path_factory.mktemp("concept")
    schools = _board(root, "de-wissel", "de-regenboog")
    _edit(schools / "de-wissel.yaml", "\nvaststelling:\n", "\nvaststelling:\n  status: concept\n")
    run_build(schools, root / "site")
    return root


def test_a_concept_says_concept_on_every_page_of_its_pdfs_and_its_poster(concept_build):
    folder = concept_build / "site" / "de-wissel"
    for name in ("meldcode-de-wissel.pdf", "formulieren-de-wissel.pdf"):
        pages = pdf_page_texts(folder / name)
        assert len(pages) > 1
        assert [i for i, text in enumerate(pages, 1) if "CONCEPT" not in text] == [], name
    poster = " ".join(pdf_page_texts(folder / "poster-de-wissel.pdf"))
    assert "Concept: nog niet vastgesteld" in poster
    assert "vastgesteld op" not in poster
    cover = pdf_page_texts(folder / "meldcode-de-wissel.pdf")[0]
    assert "Concept: nog niet vastgesteld" in cover.replace(
        "CONCEPT: NOG NIET VASTGESTELD", "Concept: nog niet vastgesteld"
    )
    assert "Vastgesteld op" not in cover


def test_a_concept_says_concept_on_every_web_page(concept_build):
    pages = sorted((concept_build / "site" / "de-wissel").glob("*.html"))
    assert len(pages) > 20
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        if page.name == "404.html":
            assert re.search(r"<title>Meldcode [^<]*\(concept\)", html.unescape(raw))
        else:
            assert "deze meldcode is nog niet vastgesteld" in visible_text(raw), page.name
    vaststelling = visible_text((concept_build / "site" / "de-wissel" / "vaststelling.html").read_text("utf-8"))
    assert "Dit is een concept." in vaststelling
    assert "Datum van vaststelling" not in vaststelling


def test_the_adopted_school_beside_a_concept_carries_no_concept_mark(concept_build):
    folder = concept_build / "site" / "de-regenboog"
    assert not any("CONCEPT" in text for text in pdf_page_texts(folder / "meldcode-de-regenboog.pdf"))
    assert "nog niet vastgesteld" not in " ".join(pdf_page_texts(folder / "poster-de-regenboog.pdf"))
    assert not [p.name for p in folder.glob("*.html") if "concept-banner" in p.read_text(encoding="utf-8")]


def test_the_overview_lists_a_concept_as_such(concept_build):
    public = visible_text((concept_build / "site" / "index.html").read_text(encoding="utf-8"))
    assert re.search(r"De Wissel .*? Concept nog niet vastgesteld", public)
    assert "status: concept" not in public  # the reasons are the board's, in intern/
    intern = visible_text((concept_build / "intern" / "index.html").read_text(encoding="utf-8"))
    assert "Concept : de vaststelling staat op 'status: concept' nog niet vastgesteld" in intern


def _reasons(schools: Path, today: dt.date) -> dict[str, tuple[str, ...]]:
    loaded = load(Paths.project(schools, schools.parent / "site"), Options(check=True, today=today))
    return {s.slug: s.concept for s in loaded.schools}


def test_a_future_date_or_an_invulvoorbeeld_makes_a_concept_and_a_past_date_does_not(tmp_path):
    schools = _board(tmp_path, "de-wissel", "de-regenboog")
    assert _reasons(schools, dt.date(2026, 12, 5)) == {"de-wissel": (), "de-regenboog": ()}
    # the stichting's date (30 June 2026) seen from before it: every school is a concept
    before = _reasons(schools, dt.date(2026, 6, 1))
    assert before["de-wissel"] == ("de datum van vaststelling (30 juni 2026) ligt in de toekomst",)
    _edit(schools / "de-regenboog.yaml", "email: ", "email: info@example-school.nl\n# was: ")
    assert _reasons(schools, dt.date(2026, 12, 5))["de-regenboog"] == (
        "er staan nog invulvoorbeelden of nepgegevens in",
    )


def test_a_concept_may_leave_out_the_date_and_an_adopted_version_may_not(tmp_path, capsys):
    schools = _board(tmp_path, "de-wissel")
    _edit(schools / "_stichting.yaml", "  datum: 2026-06-30\n", "")
    assert _cli(schools, "--check") == 1
    err = capsys.readouterr().err
    assert "vaststelling: de datum van vaststelling ontbreekt" in err
    assert "'status: concept'" in err
    _edit(schools / "_stichting.yaml", "vaststelling:\n", "vaststelling:\n  status: concept\n")
    assert _cli(schools, "--check") == 0
    assert (
        "Concept, nog niet vastgesteld: de-wissel (de vaststelling staat op 'status: concept')"
        in capsys.readouterr().out
    )
    assert _reasons(schools, dt.date(2026, 12, 5))["de-wissel"] == ("de vaststelling staat op 'status: concept'",)


# -- adoption ----------------------------------------------------------------------------------------


def test_adoption_refuses_open_aandachtspunten_and_writes_nothing(tmp_path, capsys):
    schools = _board(tmp_path, SLUG)
    _edit(schools / f"{SLUG}.yaml", "  overlegpartners:\n", "  overlegpartners:\n    - Jeugdteam Nergensveld\n")
    assert _cli(schools, "--vaststellen", SLUG) == 1
    err = capsys.readouterr().err
    assert "Overlegpartner staat niet op de sociale kaart" in err or "overlegpartner" in err.lower()
    assert "kan niet worden vastgelegd: er staat nog 1 open aandachtspunt" in err
    assert "Er is niets vastgelegd." in err
    assert not (tmp_path / "vastgesteld").exists()


def test_adoption_refuses_a_concept(tmp_path, capsys):
    schools = _board(tmp_path, SLUG)
    _edit(schools / f"{SLUG}.yaml", "\nvaststelling:\n", "\nvaststelling:\n  status: concept\n")
    assert _cli(schools, "--vaststellen", SLUG) == 1
    assert "de vaststelling staat op 'status: concept'" in capsys.readouterr().err
    assert not (tmp_path / "vastgesteld").exists()


@pytest.fixture(scope="module")
def adopted(tmp_path_factory) -> Path:
    """CBS Het Kompas adopted as version 2.0, then one phone number and one werkwijze choice changed."""
    root = tmp_path_factory.mktemp("cycle")
    schools = _board(root, SLUG)
    assert _cli(schools, "--vaststellen", SLUG, "-q") == 0
    (root / "origineel").write_text(_text(schools), encoding="utf-8")
    _edit(schools / f"{SLUG}.yaml", f"  telefoon: {OLD_PHONE}\n", f"  telefoon: {NEW_PHONE}\n")
    _edit(schools / f"{SLUG}.yaml", OLD_CHOICE, NEW_CHOICE)
    run_build(schools, root / "site")
    return root


def test_adoption_records_text_record_and_pdf_in_the_archive(adopted):
    folder = adopted / "vastgesteld" / SLUG / "2.0"
    assert sorted(p.name for p in folder.iterdir()) == ["meldcode-het-kompas.pdf", "tekst.md", "vaststelling.yaml"]
    record = (folder / "vaststelling.yaml").read_text(encoding="utf-8")
    assert "versie: '2.0'" in record and "datum: '2026-06-30'" in record
    text = (folder / TEXT).read_text(encoding="utf-8")
    assert text == (adopted / "origineel").read_text(encoding="utf-8")
    assert "# Snel handelen\n" in text and "06 22456189" in text
    assert "06 22456189" in " ".join(pdf_page_texts(folder / "meldcode-het-kompas.pdf"))
    [version] = adopted_versions(adopted / "schools", SLUG)
    assert (version.versie, version.datum) == ("2.0", dt.date(2026, 6, 30))


def test_adoption_of_the_same_version_with_another_text_is_refused(adopted, capsys):
    # the school file now differs from what was adopted as 2.0
    assert _cli(adopted / "schools", "--vaststellen", SLUG) == 1
    err = capsys.readouterr().err
    assert "versie 2.0 staat al in vastgesteld/het-kompas/2.0/, met een andere tekst" in err
    assert "'vaststelling.versie'" in err


def test_what_changed_lists_exactly_the_phone_number_and_the_choice(adopted, tmp_path):
    original = (adopted / "origineel").read_text(encoding="utf-8")
    both = (adopted / "vastgesteld" / SLUG / "2.0" / TEXT).read_text(encoding="utf-8")
    assert both == original
    # the same change in two steps: only the phone number, only the choice
    phone_only = _board(tmp_path / "telefoon", SLUG)
    _edit(phone_only / f"{SLUG}.yaml", f"  telefoon: {OLD_PHONE}\n", f"  telefoon: {NEW_PHONE}\n")
    choice_only = _board(tmp_path / "keuze", SLUG)
    _edit(choice_only / f"{SLUG}.yaml", OLD_CHOICE, NEW_CHOICE)
    by_phone = _changes(original, _text(phone_only))
    by_choice = _changes(original, _text(choice_only))
    together = _changes(original, _text(adopted / "schools"))
    assert together == by_phone | by_choice
    assert by_phone and all(kind == "gewijzigd" for _, kind, _, _ in by_phone)
    for _, _, old, new in by_phone:  # nothing but the number changed in these sentences
        assert old.replace("06 22456189", "NUMMER") == new.replace("06 47182963", "NUMMER")
    assert by_choice and not any("06 " in old + new for _, _, old, new in by_choice)
    assert any("raadpleegt de school altijd Veilig Thuis" in new for _, _, _, new in by_choice)
    # and the page says so, in the chapters where it happened and nowhere else
    page = visible_text((adopted / "site" / SLUG / "wijzigingen.html").read_text(encoding="utf-8"))
    chapters = {title for title, *_ in together}
    assert chapters == {
        "Snel handelen",
        "Wie doet wat",
        "Stap 2: Overleg met een deskundige collega en vraag zo nodig advies aan Veilig Thuis",
        "Stap 4: Weeg het geweld of de mishandeling met het afwegingskader",
        "Het afwegingskader",  # vraag 1 carries the choice too (review 5, A5)
    }
    for title in chapters:
        assert title in page
    assert (
        "Gewijzigd (onder “Je aandachtsfunctionaris”): Pieter van Leeuwen, zorgcoördinator · 06 22456189 47182963"
        in page
    )
    assert "Nieuw (onder “Afspraken over de werkwijze”): Blijft er na het overleg in stap 2" in page
    assert (
        "Vervallen (onder “Afspraken over de werkwijze”): Bij twijfel vraagt de school advies aan Veilig Thuis." in page
    )
    assert f"In {len(chapters)} hoofdstukken is iets veranderd" in page


def test_the_changes_pdf_goes_with_the_concept_and_shows_the_same(adopted):
    folder = adopted / "site" / SLUG
    text = " ".join(pdf_page_texts(folder / f"wijzigingen-{SLUG}.pdf"))
    assert "Wat is er veranderd" in text
    assert "Pieter van Leeuwen, zorgcoördinator · 06 22456189 47182963" in " ".join(text.split())
    page = (folder / "wijzigingen.html").read_text(encoding="utf-8")
    assert f'href="wijzigingen-{SLUG}.pdf"' in page


def test_adopted_versions_stay_downloadable_from_the_site(adopted):
    folder = adopted / "site" / SLUG
    page = (folder / "wijzigingen.html").read_text(encoding="utf-8")
    assert 'href="vastgesteld/2.0/meldcode-het-kompas.pdf"' in page
    copy = folder / "vastgesteld" / "2.0" / "meldcode-het-kompas.pdf"
    assert copy.read_bytes() == (adopted / "vastgesteld" / SLUG / "2.0" / "meldcode-het-kompas.pdf").read_bytes()
    assert "Wat is er veranderd" in (folder / "vaststelling.html").read_text(encoding="utf-8")  # in the menu
    assert len(PdfReader(copy).pages) > 30


def test_a_changed_tool_text_shows_up_as_a_change(adopted, tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    page = templates / "handbook" / "inleiding.md.j2"
    old = "School is vaak de plek waar een volwassene als eerste iets merkt."
    new = "School is vaak de plek waar een volwassene als eerste iets ziet of hoort."
    _edit(page, old, new)
    original = (adopted / "origineel").read_text(encoding="utf-8")
    schools = _board(tmp_path / "board", SLUG)
    assert _changes(original, _text(schools, templates)) == {("Inleiding", "gewijzigd", old, new)}


def test_an_unchanged_version_says_nothing_changed(tmp_path):
    schools = _board(tmp_path, SLUG)
    assert _cli(schools, "--vaststellen", SLUG, "-q") == 0
    assert _cli(schools, "--vaststellen", SLUG, "-q") == 0  # the same text again: nothing to do
    loaded = load(Paths.project(schools, tmp_path / "site"), Options(check=True))
    school = loaded.schools[0]
    content = load_content(TEMPLATES)
    from meldcode.changes import changes_since

    changes = changes_since(school, _text(schools))
    assert changes is not None and changes.comparison.empty
    [page] = [p for p in pages_for(school, content) if p.slug == "wijzigingen"]
    markdown = render_page(page, school, content, TEMPLATES, "web", changes=changes)
    assert "**Er is niets veranderd:** de tekst is gelijk aan die van versie 2.0." in html.unescape(markdown)


def test_a_number_kept_off_the_website_stays_off_what_changed(tmp_path):
    schools = _board(tmp_path, SLUG)
    hidden = f"  telefoon: {OLD_PHONE}\n  telefoon_op_website: nee\n"
    _edit(schools / f"{SLUG}.yaml", f"  telefoon: {OLD_PHONE}\n", hidden)
    assert _cli(schools, "--vaststellen", SLUG, "-q") == 0
    assert "niet_op_website:\n- 06 22456189" in (
        tmp_path / "vastgesteld" / SLUG / "2.0" / "vaststelling.yaml"
    ).read_text(encoding="utf-8")
    _edit(schools / f"{SLUG}.yaml", hidden, f"  telefoon: {NEW_PHONE}\n  telefoon_op_website: nee\n")
    run_build(schools, tmp_path / "site")
    folder = tmp_path / "site" / SLUG
    for digits in ("0622456189", "0647182963"):
        found = [
            p.name
            for p in folder.rglob("*")
            if p.is_file()
            and p.suffix not in (".pdf", ".woff2")
            and digits in re.sub(r"\D", "", p.read_text("utf-8", "ignore"))
        ]
        assert found == [], (digits, found)
    page = visible_text((folder / "wijzigingen.html").read_text(encoding="utf-8"))
    assert "Er is niets veranderd" in page  # the only change is a number the website does not show
    printed = " ".join(" ".join(pdf_page_texts(folder / f"wijzigingen-{SLUG}.pdf")).split())
    assert "06 22456189 47182963" in printed  # the PDF, like the handbook, has it
