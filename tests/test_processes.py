"""Processes end with the build, and a render that runs too long fails its school, not the machine."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from meldcode.errors import BuildError
from meldcode.process import time_limit


def test_a_render_that_runs_past_its_time_limit_stops_with_a_dutch_message():
    started = time.monotonic()
    with pytest.raises(BuildError, match="duurde langer dan 0.3 seconden en is gestopt"), time_limit(0.3):
        while time.monotonic() - started < 60:  # stands for WeasyPrint on a logo that never ends
            pass
    assert time.monotonic() - started < 30


def _children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(c) for c in path.read_text().split()} if path.exists() else set()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ", 1)[1][0] != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_end_when_the_build_is_killed(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--out", str(tmp_path / "site"), "-j", "2", "-q", "--force"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers |= {c for c in _children(proc.pid) if "python" in Path(f"/proc/{c}/cmdline").read_text(errors="ignore")}
        time.sleep(0.05)
    assert workers, "the build started no workers"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "workers went on rendering after the build was killed"
