"""Aandachtspunten through a real build: the overview, the CSV, --strict and the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SLUGS, board_vaststelling_only, copy_schools, run_site_build, visible_text

REASON = "De stichting heeft één externe vertrouwenspersoon voor alle scholen."


def _schools(target: Path, accepted_only: bool = False) -> Path:
    """The stichting and De Regenboog, without a vertrouwenspersoon (accepted) and, unless
    `accepted_only`, with an overlegpartner that is not on the sociale kaart (open)."""
    schools = target / "schools"
    schools.mkdir(parents=True)
    for name in ("_stichting.yaml", "logo-vechtdal.svg"):
        (schools / name).write_bytes((ROOT / "schools" / name).read_bytes())
    text = (ROOT / "schools" / "de-regenboog.yaml").read_text(encoding="utf-8")
    text = text.replace("  vertrouwenspersoon:\n", "  contactpersoon:\n    titel: Contactpersoon\n")
    text = text.replace("voert: vertrouwenspersoon", "voert: aandachtsfunctionaris")
    if not accepted_only:
        text = text.replace("    - Buurtteam Maarssen\n", "    - Buurtteam Maarssen\n    - Jeugdteam Stichtse Vecht\n")
    text += f"\ngeaccepteerd:\n  - code: geen-vertrouwenspersoon\n    reden: {REASON}\n"
    (schools / "de-regenboog.yaml").write_text(text, encoding="utf-8")
    return schools


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("punten")
    out = root / "site"
    run_site_build(_schools(root), out, jobs=1, today=dt.date(2026, 11, 23))
    return out


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, timeout=300)


def _csv_rows(out: Path) -> list[dict]:
    raw = (out.parent / "intern" / "aandachtspunten.csv").read_bytes()  # the board's, beside the site
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a BOM
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_overview_shows_the_number_of_open_points_and_the_list_without_javascript(built):
    page = (built.parent / "intern" / "index.html").read_text(encoding="utf-8")
    cell = re.search(r'<td class="aandachtspunten">(.*?)</td>', page, re.S).group(1)
    assert "<details" in cell and "<summary>" in cell
    summary = visible_text(re.search(r"<summary>(.*?)</summary>", cell, re.S).group(1))
    assert summary == "1 aandachtspunt (1 geaccepteerd)"
    text = visible_text(cell)
    assert "Jeugdteam Stichtse Vecht" in text and "schools/de-regenboog.yaml, regel" in text
    assert f"Bewust geaccepteerd: {REASON}" in text


def test_overview_and_csv_list_the_same_points(built):
    page = (built.parent / "intern" / "index.html").read_text(encoding="utf-8")
    items = [visible_text(li) for li in re.findall(r"<li>(.*?)</li>", page, re.S)]
    rows = _csv_rows(built)
    assert len(items) == len(rows) == 2
    for item, row in zip(items, rows, strict=True):
        assert row["school"] == "OBS De Regenboog" and row["bestand van de school"] == "de-regenboog"
        assert row["onderwerp"] in item and row["aandachtspunt"] in item and row["wat te doen"] in item
        assert (
            (row["bewust geaccepteerd, reden"] in item) if row["bewust geaccepteerd, reden"] else "Bewust" not in item
        )
    assert {r["code"] for r in rows} == {"overlegpartner-niet-op-kaart", "geen-vertrouwenspersoon"}


def test_overview_says_in_orde_for_a_school_without_points(example_site):
    page = (example_site.parent / "intern" / "index.html").read_text(encoding="utf-8")
    cells = re.findall(r'<td class="aandachtspunten">(.*?)</td>', page, re.S)
    assert len(cells) == len(SLUGS) and all(visible_text(c) == "In orde" for c in cells)
    assert _csv_rows(example_site) == []


def test_strict_makes_an_open_point_an_error_and_writes_nothing(tmp_path, built):
    before = {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()}
    schools = _schools(tmp_path)
    result = run("--strict", "--schools", str(schools), "--out", str(built), "-q")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert "[overlegpartner-niet-op-kaart]" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("--strict: 1 aandachtspunt telt als fout;")
    assert {p: p.stat().st_mtime_ns for p in built.rglob("*") if p.is_file()} == before
    fresh = tmp_path / "nieuw"
    assert run("--strict", "--schools", str(schools), "--out", str(fresh), "-q").returncode == 1
    assert not fresh.exists()


def test_strict_passes_when_the_only_point_is_accepted(tmp_path):
    result = run("--check", "--strict", "--schools", str(_schools(tmp_path, accepted_only=True)))
    assert result.returncode == 0, result.stderr
    assert "geaccepteerd: " + REASON in result.stderr


def test_check_prints_aandachtspunten_per_school_after_the_errors(tmp_path):
    schools = _schools(tmp_path)
    (schools / "issue-example.yaml").write_bytes((FIXTURES / "bad" / "issue-example.yaml").read_bytes())
    result = run("--check", "--schools", str(schools))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    header = lines.index("Aandachtspunten voor de-regenboog (1 open):")
    assert all(line.startswith("schools/issue-example.yaml") for line in lines[:header])
    assert lines[header + 1].startswith("  schools/de-regenboog.yaml:")
    assert lines[-1] == "3 fouten gevonden; er is niets gebouwd of gewijzigd."


def test_a_point_every_school_has_is_printed_once_for_all_schools(tmp_path):
    schools = copy_schools(tmp_path)
    board_vaststelling_only(schools)
    path = schools / "_stichting.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  medezeggenschap: ", "  # medezeggenschap: "))
    result = run("--check", "--schools", str(schools))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    n = len([p for p in schools.glob("*.yaml") if not p.name.startswith("_")])
    assert lines[0] == f"Aandachtspunten voor alle {n} scholen (1 open):"
    assert len(lines) == 2 and "[geen-medezeggenschap]" in lines[1]
    assert f"{n} aandachtspunten" in result.stdout
