"""`build.py --serve SLUG`: the preview rebuilds when the school file changes."""

from __future__ import annotations

import html
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, copy_schools


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(check, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


def test_preview_rebuilds_after_an_edit_and_keeps_serving_after_an_error(tmp_path):
    schools = copy_schools(tmp_path)
    port = _free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "--schools",
            str(schools),
            "--serve",
            "de-regenboog",
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        page = _wait_for(lambda: _get(base + "/index.html"))
        assert "Fatima el Amrani" in html.unescape(page) and "/__versie" in page
        version = _get(base + "/__versie")
        school = schools / "de-regenboog.yaml"
        school.write_text(school.read_text().replace("Fatima el Amrani", "Fatima Amrani-Bakker"))
        _wait_for(lambda: _get(base + "/__versie") != version)
        assert "Fatima Amrani-Bakker" in html.unescape(_get(base + "/index.html"))
        # A broken edit: the last good preview stays up.
        version = _get(base + "/__versie")
        school.write_text(school.read_text().replace("telefoon: 06-41 23 56 78", "telefoon: 06-41"))
        time.sleep(3)
        assert _get(base + "/__versie") == version
        assert "Fatima Amrani-Bakker" in html.unescape(_get(base + "/index.html"))
    finally:
        proc.terminate()
        output = proc.communicate(timeout=10)[0]
    assert "geen geldig telefoonnummer" in output, output
