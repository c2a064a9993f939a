"""A failed or interrupted build loses nothing; rebuilds do only what changed."""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_schools, run_build, run_site_build

from meldcode.errors import ConfigError


def snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built_once(tmp_path_factory) -> Path:
    """Two schools and their site, built once for this module; tests get a copy."""
    root = tmp_path_factory.mktemp("two-schools")
    schools = copy_schools(root, with_examples=False)
    shutil.copy(ROOT / "schools" / "de-regenboog.yaml", schools)
    shutil.copy(ROOT / "schools" / "het-kompas.yaml", schools)
    run_site_build(schools, root / "site")
    return root


@pytest.fixture()
def built(built_once, tmp_path) -> tuple[Path, Path]:
    """A fresh copy of the built schools folder and site, for a test to change."""
    shutil.copytree(built_once / "schools", tmp_path / "schools")
    shutil.copytree(built_once / "site", tmp_path / "site")
    shutil.copytree(built_once / "intern", tmp_path / "intern")  # the board's own output beside the site
    return tmp_path / "schools", tmp_path / "site"


def test_invalid_config_writes_nothing(built):
    schools, out = built
    before = snapshot(out)
    shutil.copy(FIXTURES / "bad" / "bad-phone.yaml", schools)
    with pytest.raises(ConfigError):
        run_site_build(schools, out)
    assert snapshot(out) == before
    assert not list(out.parent.glob(".site.staging-*"))


def test_keep_going_builds_the_valid_schools_and_reports_the_invalid(built):
    schools, out = built
    shutil.copy(FIXTURES / "bad" / "bad-phone.yaml", schools)
    shutil.copy(FIXTURES / "good" / "minimal.yaml", schools)
    result = run_site_build(schools, out, keep_going=True)
    assert [b.slug for b in result.built] == ["minimal"]
    assert any(p.file == "schools/bad-phone.yaml" for p in result.problems)
    assert (out / "minimal" / "index.html").is_file() and not (out / "bad-phone").exists()
    assert (out / "de-regenboog" / "index.html").is_file()


def test_noop_rebuild_changes_nothing(built):
    schools, out = built
    before = snapshot(out)
    inode = (out / "de-regenboog" / "index.html").stat().st_ino
    result = run_site_build(schools, out)
    assert result.built == [] and not result.published
    assert result.unchanged == ["de-regenboog", "het-kompas"]
    assert snapshot(out) == before
    assert (out / "de-regenboog" / "index.html").stat().st_ino == inode


def test_changing_one_school_rebuilds_only_that_school(built):
    schools, out = built
    before = snapshot(out)
    path = schools / "het-kompas.yaml"
    path.write_text(path.read_text().replace("06-22 45 61 89", "06-22 45 61 88"))
    result = run_site_build(schools, out)
    assert [b.slug for b in result.built] == ["het-kompas"]
    assert result.unchanged == ["de-regenboog"]
    after = snapshot(out)
    assert {k: v for k, v in after.items() if k.startswith("de-regenboog/")} == {
        k: v for k, v in before.items() if k.startswith("de-regenboog/")
    }
    assert "06 22456188" in html.unescape((out / "het-kompas" / "index.html").read_text())


def test_changing_the_stichting_file_rebuilds_every_school(built):
    schools, out = built
    path = schools / "_stichting.yaml"
    path.write_text(path.read_text().replace('versie: "2.0"', 'versie: "2.1"'))
    result = run_site_build(schools, out)
    assert sorted(b.slug for b in result.built) == ["de-regenboog", "het-kompas"]


def test_force_rebuilds_everything(built):
    schools, out = built
    result = run_site_build(schools, out, force=True)
    assert len(result.built) == 2


def test_removed_school_disappears_from_site_and_overview(built):
    schools, out = built
    (schools / "het-kompas.yaml").unlink()
    run_site_build(schools, out)
    assert not (out / "het-kompas").exists()
    assert "het-kompas" not in (out / "index.html").read_text()


def test_shard_builds_every_nth_school(tmp_path):
    schools = copy_schools(tmp_path)
    result = run_site_build(schools, tmp_path / "site", shard=(1, 2), check=True)
    assert result.checked == len(range(1, len(list(schools.glob("[!_]*.yaml"))), 2))  # indices 1, 3, ...
    assert result.checked >= 1


def test_killed_build_leaves_previous_site_unchanged(built):
    schools, out = built
    before = snapshot(out)
    path = schools / "de-regenboog.yaml"
    path.write_text(path.read_text().replace("Henk Bosman", "Henk Bosman-de Vries"))
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--schools",
            str(schools),
            "--out",
            str(out),
            "--force",
            "-j",
            "1",
            "-q",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    # Wait until the build is half-way: one school rendered into staging, the next one in progress.
    while time.monotonic() < deadline:
        staging = list(out.parent.glob(".site.staging-*"))
        if staging and any((s / "de-regenboog" / "index.html").exists() for s in staging):
            break
        time.sleep(0.05)
    else:
        proc.kill()
        pytest.fail("the build never reached its half-way point")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert snapshot(out) == before
    # The next build clears the leftover staging directory and publishes.
    run_site_build(schools, out)
    assert not list(out.parent.glob(".site.staging-*"))
    assert "Henk Bosman-de Vries" in html.unescape((out / "de-regenboog" / "index.html").read_text())


def test_new_school_with_the_name_of_an_unchanged_school_is_refused(built):
    schools, out = built
    twin = schools / "tweeling.yaml"
    twin.write_text((schools / "de-regenboog.yaml").read_text())
    with pytest.raises(ConfigError) as caught:
        run_site_build(schools, out)
    assert [str(p) for p in caught.value.problems] == [
        'schools/tweeling.yaml:3: naam: de naam "OBS De Regenboog" wordt ook gebruikt in schools/de-regenboog.yaml'
    ]


def test_check_validates_every_file_even_when_unchanged(built):
    schools, out = built
    result = run_site_build(schools, out, check=True)
    assert result.checked == 2


def test_a_build_without_pdfs_writes_none_and_a_full_build_after_it_writes_them(built):
    # The option the tests use (run_site_build): het-kompas's adopted version 1.0 is a copy, not a render.
    schools, out = built
    rendered = [p for p in out.rglob("*.pdf") if "vastgesteld" not in p.parts]
    assert not rendered, rendered
    assert (out / "het-kompas" / "index.html").is_file()
    result = run_build(schools, out)  # with PDFs: another output, so every school is rendered again
    assert sorted(b.slug for b in result.built) == ["de-regenboog", "het-kompas"]
    for slug in ("de-regenboog", "het-kompas"):
        for kind in ("meldcode", "formulieren", "poster"):
            assert (out / slug / f"{kind}-{slug}.pdf").stat().st_size > 10_000, (slug, kind)
    assert run_build(schools, out).built == []  # and then it is up to date
