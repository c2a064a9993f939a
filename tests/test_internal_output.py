"""What goes public and what stays with the board (issue 21, item 4).

The published site holds the handbooks and a plain list of schools. The board's
overview, with each aandachtsfunctionaris's contact details and the aandachtspunten,
and the CSV go to the internal folder beside it. A phone number marked
`telefoon_op_website: nee` is on the poster and in the PDF, never on the website.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, pdf_page_texts, run_build

MOBILE = "06-41 23 56 78"  # the aandachtsfunctionaris of OBS De Regenboog
DIGITS = re.sub(r"\D", "", MOBILE)


def _digits_anywhere(folder: Path) -> list[str]:
    """Files under `folder` whose text holds the number in any notation (0641235678, +31641235678, 06 41 ...)."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file() or path.suffix in (".pdf", ".woff2", ".png", ".svg", ".ico"):
            continue
        text = re.sub(r"\D", "", path.read_text(encoding="utf-8", errors="ignore"))
        if DIGITS in text or DIGITS[1:] in text.replace("31" + DIGITS[1:], DIGITS[1:]):
            found.append(str(path.relative_to(folder)))
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("privacy")
    schools = root / "schools"
    schools.mkdir()
    for name in ("_stichting.yaml", "logo-vechtdal.svg", "de-regenboog.yaml"):
        shutil.copy(ROOT / "schools" / name, schools / name)
    school = schools / "de-regenboog.yaml"
    text = school.read_text(encoding="utf-8")
    assert f"  telefoon: {MOBILE}\n" in text
    text = text.replace(f"  telefoon: {MOBILE}\n", f"  telefoon: {MOBILE}\n  telefoon_op_website: nee\n", 1)
    # an open aandachtspunt: an overlegpartner that is not on the sociale kaart
    text = text.replace("    - Buurtteam Maarssen\n", "    - Buurtteam Maarssen\n    - Jeugdteam Stichtse Vecht\n", 1)
    school.write_text(text, encoding="utf-8")
    run_build(schools, root / "site", jobs=1)
    return root


def test_a_print_only_number_is_nowhere_on_the_website_but_on_the_poster_and_in_the_pdf(built):
    site = built / "site"
    assert _digits_anywhere(site) == []
    for kind in ("meldcode", "poster"):
        text = " ".join(pdf_page_texts(site / "de-regenboog" / f"{kind}-de-regenboog.pdf"))
        assert DIGITS in re.sub(r"\D", "", text), kind
    assert "Fatima el Amrani" in (site / "de-regenboog" / "index.html").read_text(encoding="utf-8")


def test_the_site_holds_no_aandachtspunten_and_no_contact_list(built):
    site, intern = built / "site", built / "intern"
    assert not (site / "aandachtspunten.csv").exists()
    everything = " ".join(p.read_text(encoding="utf-8", errors="ignore") for p in site.rglob("*") if p.is_file())
    rows = list(
        csv.DictReader(io.StringIO((intern / "aandachtspunten.csv").read_text(encoding="utf-8-sig")), delimiter=";")
    )
    assert [r["code"] for r in rows] == ["overlegpartner-niet-op-kaart"]
    assert "overlegpartner-niet-op-kaart" not in everything and rows[0]["aandachtspunt"] not in everything
    assert rows[0]["wat te doen"] not in everything
    public = (site / "index.html").read_text(encoding="utf-8")
    assert "OBS De Regenboog" in public and "Aandachtsfunctionaris" not in public
    board = (intern / "index.html").read_text(encoding="utf-8")
    assert "Alleen voor het bestuur" in board and "Jeugdteam Stichtse Vecht" in board
    assert DIGITS in re.sub(r"\D", "", board)  # the board's own page has the number
    assert 'href="../site/de-regenboog/index.html"' in board.replace("&#46;", ".").replace("&#47;", "/")


def test_a_second_build_keeps_the_boards_overview_complete(built):
    schools = built / "schools"
    run_build(schools, built / "site", jobs=1, only=["de-regenboog"], force=True)
    board = (built / "intern" / "index.html").read_text(encoding="utf-8")
    assert DIGITS in re.sub(r"\D", "", board) and "Jeugdteam Stichtse Vecht" in board


def test_an_internal_folder_the_tool_did_not_make_is_refused(tmp_path, capsys):
    from meldcode.cli import main

    schools = tmp_path / "schools"
    schools.mkdir()
    for name in ("_stichting.yaml", "logo-vechtdal.svg", "de-regenboog.yaml"):
        shutil.copy(ROOT / "schools" / name, schools / name)
    (tmp_path / "intern").mkdir()
    (tmp_path / "intern" / "notulen.docx").write_text("van het bestuur", encoding="utf-8")
    assert main(["--schools", str(schools), "--out", str(tmp_path / "site")]) == 1
    assert "--intern" in capsys.readouterr().err
    assert (tmp_path / "intern" / "notulen.docx").read_text(encoding="utf-8") == "van het bestuur"
