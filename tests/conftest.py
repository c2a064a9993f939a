"""Shared fixtures: the project paths and one example build reused by many tests."""

from __future__ import annotations

import fcntl
import hashlib
import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meldcode.pipeline import Options, Paths, build  # noqa: E402
from meldcode.site import ENGINES  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures"
# The example schools, for tests parametrized per school (one failure does not hide the others).
SLUGS = sorted(p.stem for p in (ROOT / "schools").glob("*.yaml") if not p.name.startswith("_"))


def visible_text(raw: str) -> str:
    """Visible text of an HTML page: no tags, scripts or styles, entities decoded, whitespace folded."""
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def pdf_page_texts(pdf: Path | bytes) -> tuple[str, ...]:
    """The text of each page of a PDF (a file or its bytes), as Poppler's pdftotext reads it.

    pdftotext is what many PDF readers and search tools build on, and it reads our handbooks
    about fifteen times faster than pypdf (a second for the example PDFs instead of ten, read
    once per worker). Many tests read the same PDFs, and the two engines' example builds hold
    byte-identical PDFs: the cache is keyed on the bytes.
    """
    raw = pdf if isinstance(pdf, bytes) else pdf.read_bytes()
    key = hashlib.sha256(raw).hexdigest()
    if key not in _PAGE_TEXTS:
        if not shutil.which("pdftotext"):
            pytest.fail("pdftotext is missing: `make test` installs it (Debian poppler-utils)")
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=raw, capture_output=True, check=True)
        _PAGE_TEXTS[key] = tuple(text.stdout.decode("utf-8").split("\f")[:-1])  # a form feed ends each page
    return _PAGE_TEXTS[key]


_PAGE_TEXTS: dict[str, tuple[str, ...]] = {}


def without_werkwijze(text: str) -> str:
    """Drop the top-level `werkwijze:` block (and its comments) from a stichting file."""
    return re.sub(r"(?ms)^(#[^\n]*\n)*werkwijze:.*?(?=^\S|\Z)", "", text)


def copy_schools(target: Path, *extra: Path, with_examples: bool = True) -> Path:
    """Make a schools/ folder in `target` with the example stichting (and schools), plus `extra` files."""
    schools = target / "schools"
    schools.mkdir(parents=True)
    for path in (ROOT / "schools").iterdir():
        if path.name.startswith("_") or path.suffix not in (".yaml", ".yml") or with_examples:
            shutil.copy(path, schools / path.name)
    for path in extra:
        shutil.copy(path, schools / path.name)
    return schools


def board_vaststelling_only(schools: Path) -> None:
    """Drop the example schools' own vaststelling (their MR line), so the board's applies to every school."""
    for path in schools.glob("[!_]*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^# The board's GMR.*\n(?:#.*\n)*vaststelling:\n(?:  .*\n)+", "", text), "utf-8")


def run_build(schools: Path, out: Path, **options) -> object:
    """Build `schools` into `out` in-process, without a progress bar, one school after the other.

    `jobs=1` unless a test asks otherwise: a fresh process pool per build cost each school
    about a CPU-second more (cold fonts and templates) and ran 2 processes per xdist worker on
    2 cores. The pool itself is still exercised by the CLI builds (test_cli, the kill -9 test).
    """
    options.setdefault("progress", False)
    options.setdefault("jobs", 1)
    return build(Paths.project(schools, out), Options(**options))


def run_site_build(schools: Path, out: Path, **options) -> object:
    """`run_build` without the PDFs, for tests that never look at a PDF (about 85% of a school's build).

    The websites are the same as in a full build; a full build into the same folder renders
    every school again (tests/test_robustness.py checks both).
    """
    return run_build(schools, out, pdf=False, **options)


def shared_once(tmp_path_factory, name: str, make) -> Path:
    """Make a folder once for the whole run, shared by every xdist worker, and return it.

    Session fixtures run once per worker (pytest-xdist#271). The first worker to get the lock
    calls `make(folder)`, the others wait for it and read the same folder. Tests read it; a test
    that changes files copies it.
    """
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")  # the same for all workers of one run; unset without xdist
    base = tmp_path_factory.getbasetemp()
    shared = base.parent / f"gedeeld-{run}-{name}" if run else base / f"gedeeld-{name}"
    shared.mkdir(exist_ok=True)
    with (shared / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not (shared / "klaar").exists():
            make(shared)
            (shared / "klaar").touch()
    return shared


def built_once(tmp_path_factory, name: str, **options) -> Path:
    """Build the example stichting once for the whole run, shared by every xdist worker."""
    return shared_once(tmp_path_factory, name, lambda f: run_build(ROOT / "schools", f / "site", **options)) / "site"


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example stichting, built once for the whole test session (and shared by the workers)."""
    return built_once(tmp_path_factory, "example")


@pytest.fixture(scope="session")
def example_site_zensical(tmp_path_factory, example_site) -> Path:
    """The example stichting with its websites built by Zensical, once for the session.

    Its handbooks, posters and forms are the MkDocs build's files: the PDFs do not depend on the
    website engine (test_engines.py builds one school in full with Zensical and compares them), and
    rendering them again was a sixth of this fixture's cost.
    """

    def make(folder: Path) -> None:
        site = folder / "site"
        run_build(ROOT / "schools", site, engine="zensical", pdf=False)
        for pdf in example_site.rglob("*.pdf"):
            if not (site / pdf.relative_to(example_site)).exists():  # the archive's adopted PDFs are there
                shutil.copy(pdf, site / pdf.relative_to(example_site))

    return shared_once(tmp_path_factory, "example-zensical", make) / "site"


@pytest.fixture(scope="session", params=ENGINES)
def engine_site(request) -> Path:
    """The example build of each website engine: tests that take it run for MkDocs and for Zensical."""
    return request.getfixturevalue("example_site" if request.param == "mkdocs" else f"example_site_{request.param}")


_EXAMPLE_BUILDS = {"example_site", "example_site_zensical", "engine_site"}


def pytest_collection_modifyitems(config, items) -> None:
    """Order the test files so that no xdist worker waits (make test runs --no-loadscope-reorder).

    Long files first, so that none is left running alone at the end: the browser tests (both
    engines, one after the other: two Chromiums at once slow each other down more than they
    gain), whose first test builds the example stichting; then the files that need no example
    build, the slow ones first, so the other workers have work while the examples are built;
    last the files that read the example builds. Within a file the order is unchanged.
    """
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::")[0], []).append(item)

    def order(tests: list) -> tuple[int, int]:
        if "/browser/" in tests[0].nodeid:
            return (0, 0)
        if any(_EXAMPLE_BUILDS & set(item.fixturenames) for item in tests):
            return (2, 0)
        return (1, 0 if any(item.get_closest_marker("slow") for item in tests) else 1)

    items[:] = [item for tests in sorted(files.values(), key=order) for item in tests]
