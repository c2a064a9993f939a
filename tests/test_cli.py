"""The command line: exit codes, messages without tracebacks, --check writes nothing.

The options are wired in-process (`cli.main`); one test runs build.py itself.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest
from conftest import FIXTURES, ROOT, SLUGS, copy_schools

from meldcode.cli import main


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture()
def run(capsys):
    """Run the command line in this process with `args`; return its exit status and output."""

    def run(*args: str) -> Run:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's wrong usage
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return Run(code, out, err)

    return run


def test_check_on_valid_config_exits_0_and_writes_nothing(run, tmp_path):
    out = tmp_path / "site"
    result = run("--check", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"In orde: {len(SLUGS)} scholen" in result.stdout
    assert not out.exists()


def test_user_error_exits_1_with_dutch_lines_and_no_traceback(tmp_path):
    # The one test through build.py itself: the entry point, exit status and stderr as a user sees them.
    schools = copy_schools(tmp_path, FIXTURES / "bad" / "issue-example.yaml", with_examples=False)
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--schools", str(schools), "--out", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("schools/issue-example.yaml:2: aandachtsfunctionaris:")
    assert lines[-1] == "3 fouten gevonden; er is niets gebouwd of gewijzigd."
    assert not (tmp_path / "site").exists()


def test_wrong_usage_exits_2(run):
    assert run("--onbekend").returncode == 2
    assert run("--shard", "3/2").returncode == 2
    assert run("--jobs", "0").returncode == 2


def test_unknown_school_is_a_user_error(run, tmp_path):
    result = run("--school", "regenbooog", "--out", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "bedoelde u 'de-regenboog'?" in result.stderr


def test_build_one_school_into_out(run, tmp_path):
    out = tmp_path / "site"
    result = run("--school", "de-regenboog", "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    assert (out / "de-regenboog" / "index.html").is_file()
    assert not (out / "het-kompas").exists()
    assert "1 gebouwd" in result.stdout


def test_unwritable_output_is_a_user_error(run, tmp_path):
    locked = tmp_path / "alleen-lezen"
    locked.mkdir()
    (locked / "bestand").write_text("x")
    out = locked / "bestand" / "site"  # a path below a file cannot be created
    result = run("--school", "de-regenboog", "--out", str(out), "-q")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Kan niet lezen of schrijven" in result.stderr
