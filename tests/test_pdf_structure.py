"""PDF/UA where the PDFs claim it: a walk of each PDF's structure tree, as a checker reads it.

Every Figure needs alternative text (/Alt) and every Table header cells (TH): the
flowchart, the poster's QR code and the forms' signature row missed them.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import SLUGS, pdf_page_texts
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject


def _walk(node: object, counts: Counter, problems: list[str], path: str = "") -> None:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, ArrayObject):
        for child in node:
            _walk(child, counts, problems, path)
        return
    if not isinstance(node, DictionaryObject) or "/S" not in node:
        return
    tag = str(node["/S"])
    counts[tag] += 1
    here = f"{path}/{tag.lstrip('/')}"
    if tag == "/Figure" and not str(node.get("/Alt", "")).strip():
        problems.append(f"{here}: Figure without /Alt")
    if tag == "/Table" and not _has(node, "/TH"):
        problems.append(f"{here}: Table without TH")
    _walk(node.get("/K"), counts, problems, here)


def _has(node: object, tag: str) -> bool:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, ArrayObject):
        return any(_has(child, tag) for child in node)
    if not isinstance(node, DictionaryObject):
        return False
    return str(node.get("/S", "")) == tag or _has(node.get("/K"), tag)


def structure(path: Path) -> tuple[Counter, list[str]]:
    root = PdfReader(path).trailer["/Root"].get_object()
    assert isinstance(root, DictionaryObject) and "/StructTreeRoot" in root, f"{path.name} is not tagged"
    counts: Counter = Counter()
    problems: list[str] = []
    tree = root["/StructTreeRoot"].get_object()
    assert isinstance(tree, DictionaryObject)
    _walk(tree.get("/K"), counts, problems)
    return counts, problems


@pytest.mark.parametrize("slug", SLUGS)
def test_every_figure_has_alt_text_and_every_table_header_cells(example_site, slug):
    pdfs = sorted((example_site / slug).glob("*.pdf"))
    assert len(pdfs) >= 3  # handbook, forms, poster
    for pdf in pdfs:
        counts, problems = structure(pdf)
        assert problems == [], (pdf.name, problems)
        assert counts["/P"] > 0, pdf.name
    handbook, _ = structure(example_site / slug / f"meldcode-{slug}.pdf")
    poster, _ = structure(example_site / slug / f"poster-{slug}.pdf")
    assert handbook["/Figure"] >= 1 and poster["/Figure"] >= 1  # the flowchart; the QR code


def test_the_figures_say_what_they_show(example_site):
    texts = []
    for name in ("meldcode-de-regenboog.pdf", "poster-de-regenboog.pdf"):
        reader = PdfReader(example_site / "de-regenboog" / name)
        todo = [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
        while todo:
            node = todo.pop()
            node = node.get_object() if hasattr(node, "get_object") else node
            if isinstance(node, ArrayObject):
                todo.extend(node)
            elif isinstance(node, DictionaryObject):
                if str(node.get("/S", "")) == "/Figure":
                    texts.append(str(node.get("/Alt", "")))
                todo.append(node.get("/K"))
    assert any(t.startswith("Het afwegingskader: vijf vragen. Vraag 1:") for t in texts), texts
    assert any(t.startswith("QR-code naar https://") and t.endswith("/de-regenboog/") for t in texts), texts


def test_poster_and_handbook_say_when_they_were_made(tmp_path, monkeypatch):
    # Two posters on a wall can be told apart, even when only a phone number changed.
    import shutil

    from conftest import ROOT, run_build

    schools = tmp_path / "schools"
    schools.mkdir()
    for name in ("_stichting.yaml", "logo-vechtdal.svg", "de-regenboog.yaml"):
        shutil.copy(ROOT / "schools" / name, schools / name)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796256000")  # 3 december 2026, 00:00 UTC
    run_build(schools, tmp_path / "site", jobs=1)
    folder = tmp_path / "site" / "de-regenboog"
    poster = " ".join(pdf_page_texts(folder / "poster-de-regenboog.pdf"))
    assert "Versie 2.0" in poster and "gemaakt op 3 december 2026" in " ".join(poster.split())
    footers = [" ".join(text.split()) for text in pdf_page_texts(folder / "meldcode-de-regenboog.pdf")[1:]]
    assert all("gemaakt op 3 december 2026" in text for text in footers), "every page after the cover"
