"""`build.py --serve SLUG`: the preview rebuilds when the school file changes."""

from __future__ import annotations

import html
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from typing import IO

from conftest import ROOT, copy_schools


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


class _Output:
    """The preview's output, line by line, as it is written: wait for a line instead of sleeping."""

    def __init__(self, stream: IO[str]):
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.put(line)
        self.lines.put("")  # the process ended

    def wait_for(self, fragment: str, seconds: float = 120) -> None:
        """Return once a line containing `fragment` is written; fail if the process ends or time runs out."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"timed out waiting for {fragment!r}:\n{''.join(self.seen)}") from None
            if not line:
                raise AssertionError(f"the preview stopped before {fragment!r}:\n{''.join(self.seen)}")
            self.seen.append(line)
            if fragment in line:
                return


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
    assert proc.stdout is not None
    output = _Output(proc.stdout)
    base = f"http://127.0.0.1:{port}"
    try:
        output.wait_for("Voorbeeld van de-regenboog")  # built and serving
        page = _get(base + "/index.html")
        assert "Fatima el Amrani" in html.unescape(page) and "/__versie" in page
        version = _get(base + "/__versie")
        school = schools / "de-regenboog.yaml"
        school.write_text(school.read_text().replace("Fatima el Amrani", "Fatima Amrani-Bakker"))
        output.wait_for("Bijgewerkt")
        assert _get(base + "/__versie") != version
        assert "Fatima Amrani-Bakker" in html.unescape(_get(base + "/index.html"))
        # A broken edit: the error is printed and the last good preview stays up.
        version = _get(base + "/__versie")
        school.write_text(school.read_text().replace("telefoon: 06-41 23 56 78", "telefoon: 06-41"))
        output.wait_for("geen geldig telefoonnummer")
        output.wait_for("De vorige versie blijft zichtbaar")
        assert _get(base + "/__versie") == version
        assert "Fatima Amrani-Bakker" in html.unescape(_get(base + "/index.html"))
    finally:
        proc.terminate()
        proc.wait(timeout=10)
