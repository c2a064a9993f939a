"""Text from a config is text: HTML, Markdown and Jinja syntax show literally and run nothing."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, copy_schools, run_build
from conftest import visible_text as visible
from pypdf import PdfReader

HOSTILE_NAME = "<script>alert(1)</script> **vet** {{ 7*7 }}"
HOSTILE_AF = "[klik](javascript:alert(2)) _schuin_ <img src=x onerror=alert(3)> {% raw %}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    school = tmp / "vijandig.yaml"
    text = (FIXTURES / "good" / "minimal.yaml").read_text()
    text = text.replace("naam: OBS Minimaal", f"naam: '{HOSTILE_NAME}'")
    text = text.replace("naam: Petra Pieters", f"naam: '{HOSTILE_AF}'")
    text = text.replace("dossier: in het leerlingdossier", "dossier: '# Kop | tabel | ` code ` ${x} &amp; &lt;b&gt;'")
    school.write_text(text)
    out = tmp / "site"
    run_build(copy_schools(tmp, school, with_examples=False), out)
    return out / "vijandig"


def test_hostile_text_shows_literally_on_the_website(hostile_site):
    page = (hostile_site / "index.html").read_text()
    text = visible(page)
    assert HOSTILE_NAME in text
    assert HOSTILE_AF in text
    assert "49" not in text


def test_hostile_text_creates_no_markup_anywhere_on_the_website(hostile_site):
    for path in hostile_site.rglob("*.html"):
        page = path.read_text()
        assert "<script>alert" not in page, path
        assert "<img src=x" not in page and "onerror=alert" not in page.replace("onerror=alert(3)&gt;", ""), path
        assert 'href="javascript:' not in page, path
        assert "<strong>vet</strong>" not in page and "<em>schuin</em>" not in page, path
        assert "<h1>Kop" not in page, path
    text = visible((hostile_site / "dossier-en-privacy.html").read_text())
    assert "# Kop | tabel | ` code ` ${x} &amp; &lt;b&gt;" in text


def test_hostile_text_shows_literally_in_the_pdf(hostile_site):
    reader = PdfReader(hostile_site / "meldcode-vijandig.pdf")
    text = " ".join((p.extract_text() or "") for p in reader.pages[:3])
    text = " ".join(text.split())
    assert "<script>alert(1)</script>" in text
    assert "**vet** {{ 7*7 }}" in text
    assert "[klik](javascript:alert(2))" in text
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            assert not str(action.get("/URI", "")).startswith("javascript:")


def test_hostile_text_in_overview_is_escaped(hostile_site):
    page = (hostile_site.parent / "index.html").read_text()
    assert "<script>alert" not in page
    assert HOSTILE_NAME in visible(page)
