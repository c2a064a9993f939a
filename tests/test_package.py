"""Packaging: `pip install .` gives a `meldcode` command that works anywhere, with the lock's dependencies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
from pathlib import Path

import pytest
from conftest import ROOT, copy_schools

from meldcode.resources import SHIPPED

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pins(lock: Path) -> dict[str, str]:
    """Return name -> version of a lock file, names normalised as pip does."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return found


@pytest.mark.parametrize(
    ("deps", "locks"),
    [
        (PYPROJECT["project"]["dependencies"], ["requirements.lock"]),
        (PYPROJECT["project"]["optional-dependencies"]["test"], ["requirements.lock", "requirements-test.lock"]),
    ],
    ids=["runtime", "test"],
)
def test_dependencies_are_pinned_as_in_the_lock(deps, locks):
    locked = {k: v for lock in locks for k, v in pins(ROOT / lock).items()}
    for dep in deps:
        name, version = dep.split("==")
        assert locked.get(re.sub(r"[-_.]+", "-", name).lower()) == version, dep


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the package installed from a copy of the source; returns its bin/ folder.

    Offline and quick: the wheel is built with the test environment's setuptools
    (no build isolation) and installed without dependencies; the venv sees the
    dependencies, already installed from the lock, through a .pth file.
    """
    tmp = tmp_path_factory.mktemp("package")
    source = tmp / "source"
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "meldcode", *SHIPPED):
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, target, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copyfile(ROOT / name, target)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(tmp / "dist"), "."],
        cwd=source,
        check=True,
        capture_output=True,
    )
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)  # this pip installs into it (--python): no ensurepip
    purelib = Path(sysconfig.get_path("purelib"))
    target_lib = next((env_dir / "lib").glob("python3*/site-packages"))
    (target_lib / "dependencies.pth").write_text(f"{purelib}\n", encoding="utf-8")
    wheel = next((tmp / "dist").glob("meldcode-*.whl"))
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", env_dir / "bin" / "python", "install", "-q"]
        + ["--disable-pip-version-check", "--no-deps", "--no-index", wheel],
        check=True,
        capture_output=True,
    )
    return env_dir / "bin"


def test_the_installed_package_carries_its_own_files(installed, tmp_path):
    where = subprocess.run(
        [installed / "python", "-c", "import meldcode.resources as r; print(r.__file__); print(r.ROOT)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert not where[0].startswith(str(ROOT)), "imported the checkout, not the installed package"
    root = Path(where[1])
    assert root.name == "_data"
    for name in SHIPPED:
        assert (root / name).exists(), name
    assert (root / "templates" / "handbook").is_dir()


def test_meldcode_check_runs_against_a_schools_folder_anywhere(installed, tmp_path):
    copy_schools(tmp_path / "bestuur")
    done = subprocess.run([installed / "meldcode", "--check"], cwd=tmp_path / "bestuur", capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    count = len([p for p in (ROOT / "schools").glob("*.yaml") if not p.name.startswith("_")])
    assert f"In orde: {count} scholen gecontroleerd" in done.stdout
    bad = tmp_path / "bestuur" / "schools" / "de-regenboog.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("sector: basisonderwijs", "sector: basis"))
    done = subprocess.run(
        [installed / "meldcode", "--check", "--schools", str(bad.parent)], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "schools/de-regenboog.yaml:" in done.stderr and "sector" in done.stderr
    assert "Traceback" not in done.stderr


def test_meldcode_builds_a_school_from_the_installed_templates(installed, tmp_path):
    copy_schools(tmp_path / "bestuur")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [installed / "meldcode", "--school", "de-regenboog", "-q", "-j", "1"],
        cwd=tmp_path / "bestuur",
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    site = tmp_path / "bestuur" / "site" / "de-regenboog"
    assert "Veilig Thuis" in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "meldcode-de-regenboog.pdf").stat().st_size > 10_000
    usage = subprocess.run([installed / "meldcode", "--help"], capture_output=True, text=True, check=True).stdout
    assert usage.startswith("usage: meldcode")
