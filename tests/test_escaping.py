"""Text from a config is text: HTML, Markdown and Jinja syntax show literally and run nothing."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, copy_schools, pdf_page_texts, run_build
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
        # the afwegingskader's JSON block carries names as data, "<" escaped (\u003c), read with textContent
        markup = page.replace("\\u003cimg src=x onerror=alert(3)\\u003e", "").replace("onerror=alert(3)&gt;", "")
        assert "<img src=x" not in page and "onerror=alert" not in markup, path
        assert 'href="javascript:' not in page, path
        assert "<strong>vet</strong>" not in page and "<em>schuin</em>" not in page, path
        assert "<h1>Kop" not in page, path
    text = visible((hostile_site / "dossier-en-privacy.html").read_text())
    assert "# Kop | tabel | ` code ` ${x} &amp; &lt;b&gt;" in text


def test_hostile_text_shows_literally_in_the_pdf(hostile_site):
    text = " ".join(pdf_page_texts(hostile_site / "meldcode-vijandig.pdf")[:3])
    text = " ".join(text.split())
    assert "<script>alert(1)</script>" in text
    assert "**vet** {{ 7*7 }}" in text
    assert "[klik](javascript:alert(2))" in text
    for page in PdfReader(hostile_site / "meldcode-vijandig.pdf").pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A") or {}
            assert not str(action.get("/URI", "")).startswith("javascript:")


def test_hostile_text_in_overview_is_escaped(hostile_site):
    page = (hostile_site.parent / "index.html").read_text()
    assert "<script>alert" not in page
    assert HOSTILE_NAME in visible(page)


SCRIPT_BREAKERS = "Petra <!--<script> </script> & Pieters"


def test_json_in_a_page_cannot_end_its_script_block_or_open_a_comment():
    # <!--<script> in a name inside the wizard's JSON block made the browser swallow the rest of the
    # afwegingskader page (HTML spec: script data escaped states). Without <, > and & in the block,
    # none of "</script", "<!--" or "<script" can occur, and JSON.parse still gives the same text.
    import json

    from meldcode.render import script_json

    data = {"regie": SCRIPT_BREAKERS, "lijst": ["a</SCRIPT >b", "<!-- -->", "x & y"]}
    block = script_json(data)
    assert not any(c in block for c in "<>&")
    assert json.loads(block) == data


def test_csv_cells_that_a_spreadsheet_would_run_as_a_formula_start_with_a_quote():
    from meldcode.checks import Aandachtspunt
    from meldcode.overview import aandachtspunten_csv

    point = Aandachtspunt(
        school="x",
        code="geen-vertrouwenspersoon",
        file='=HYPERLINK("http://x";"klik")',
        line=3,
        field="@SUM(A1)",
        message="+31 6 12345678",
        advies="-2+3",
        geaccepteerd="\tverborgen",
    )
    rows = [{"naam": "=1+1", "slug": "x", "punten": [point]}]
    lines = aandachtspunten_csv(rows).splitlines()
    cells = lines[1].split(";")
    assert cells[0] == "'=1+1"
    assert all(not c.strip('"').startswith(("=", "+", "-", "@", "\t")) for c in cells), cells
    assert "'+31 6 12345678" in lines[1] and "'-2+3" in lines[1] and "'@SUM(A1)" in lines[1]
