#!/usr/bin/env python3
"""Benchmark: how fast the preview (`build.py --serve`) shows a saved edit.

    python benchmarks/bench_preview.py [--rounds 3] [--engine mkdocs|zensical]

Starts the preview of an example school on a temporary copy of the example
schools, listens to its event stream like an open page does, and makes edits
to the school file, one at a time: a name, a phone number, a taakverdeling
change, an invalid value and its fix, `--rounds` times. For each edit it
reports the time from the save to

- the page: the event that makes open pages reload (the new site is swapped in
  and servable; the bench then fetches the page), or, for the
  invalid value, the event that shows the error banner; and, separately, the
  time from the swap (the preview's clock) to that event reaching the page;
- the PDFs: the event that says the new PDFs are served;

and the CPU seconds of the website (the preview process: validation and
MkDocs; with Zensical also its build process) and of the PDF child process for
that edit: on a shared machine CPU time is steadier than wall time. For comparison it first times a one-school build
(`build.py --school`) from a fresh process. `--engine` is passed to both (the
website's engine; MkDocs by default). Prints Markdown tables;
docs/benchmark.md holds the numbers of the last run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meldcode.site import ENGINES  # noqa: E402

SLUG = "de-regenboog"
TICK = os.sysconf("SC_CLK_TCK")

# (what, text before, text after): each a one-field change of the school file;
# the next round changes it back.
EDITS = [
    ("naam", "naam: Sanne de Graaf", "naam: Sanne de Groot"),
    ("telefoon", "telefoon: 030-630 54 00", "telefoon: 030-630 54 01"),
    ("taakverdeling", "    regie: intern_begeleider", "    regie: directeur"),
    ("ongeldige waarde", "telefoon: 06-41 23 56 78", "telefoon: 06-41"),
    ("herstel", "telefoon: 06-41\n", "telefoon: 06-41 23 56 78\n"),
]


@dataclass
class Events:
    """Every status message of the preview's event stream, with the time it arrived."""

    received: list[tuple[float, dict]] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def listen(self, url: str) -> None:
        with urllib.request.urlopen(url, timeout=600) as stream:
            for line in stream:
                if line.startswith(b"data: "):
                    with self.changed:
                        status = json.loads(line[6:])
                        status["gehoord"] = time.time()  # to compare with the preview's own clock
                        self.received.append((time.perf_counter(), status))
                        self.changed.notify_all()

    def wait(self, after: float, test, seconds: float = 120) -> tuple[float, dict]:
        """Return the first status received after `after` that passes `test`."""
        deadline = time.monotonic() + seconds
        with self.changed:
            while True:
                for at, status in self.received:
                    if at >= after and test(status):
                        return at, status
                if not self.changed.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise SystemExit("the preview did not answer in time")

    def latest(self) -> dict:
        with self.changed:
            return self.received[-1][1]


def _cpu(pid: int) -> tuple[float, float]:
    """CPU seconds of `pid` itself and of its children that ended (the PDF builds)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / TICK
    children = (int(fields[13]) + int(fields[14])) / TICK
    return own, children


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_school_build(schools: Path, out: Path, engine: str) -> tuple[float, float]:
    """Wall and CPU seconds of `build.py --school SLUG` in a fresh process."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--schools", str(schools), "--out", str(out)]
        + ["--school", SLUG, "-q", "--force", "--engine", engine],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    after = os.times()
    return time.perf_counter() - started, after.children_user + after.children_system - (
        before.children_user + before.children_system
    )


def run(rounds: int, engine: str) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="meldcode-bench-preview-") as tmp:
        schools = Path(tmp) / "schools"
        shutil.copytree(ROOT / "schools", schools)
        one_wall, one_cpu = one_school_build(schools, Path(tmp) / "site", engine)
        print(f"one-school build (fresh process): {one_wall:.1f} s wall, {one_cpu:.1f} CPU s\n", flush=True)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "--schools", str(schools), "--serve", SLUG, "--port", str(port)]
            + ["--engine", engine],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            events = Events()
            deadline = time.monotonic() + 120
            while True:
                try:
                    urllib.request.urlopen(base + "/index.html", timeout=5).close()
                    break
                except OSError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise SystemExit("the preview did not start") from None
                    time.sleep(0.05)
            threading.Thread(target=events.listen, args=(base + "/__gebeurtenissen",), daemon=True).start()
            events.wait(0, lambda s: s["pdf"] == s["versie"] >= 1)
            school = schools / f"{SLUG}.yaml"
            for round_number in range(rounds):
                for what, old, new in EDITS:
                    if round_number % 2:
                        old, new = (new, old) if what not in ("ongeldige waarde", "herstel") else (old, new)
                    rows.append(_edit(events, proc.pid, base, school, what, old, new))
                    r = rows[-1]
                    print(
                        f"  {what}: page {r['page']:.2f} s, PDFs {r['pdfs']:.2f} s"
                        if r["pdfs"] is not None
                        else f"  {what}: banner {r['page']:.2f} s",
                        flush=True,
                    )
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    return rows


def _edit(events: Events, pid: int, base: str, school: Path, what: str, old: str, new: str) -> dict:
    """Save one edit; return the seconds to the page and to the PDFs, and the CPU seconds spent."""
    text = school.read_text(encoding="utf-8")
    assert old in text, f"{what}: {old!r} not in {school.name}"
    before = events.latest()
    own, children = _cpu(pid)
    saved = time.perf_counter()
    school.write_text(text.replace(old, new, 1), encoding="utf-8")
    if what == "ongeldige waarde":
        at, _ = events.wait(saved, lambda s: bool(s["fouten"]))
        # The last good page stays served.
        urllib.request.urlopen(base + "/index.html", timeout=5).close()
        own2, children2 = _cpu(pid)
        return {"what": what, "page": at - saved, "push": None, "pdfs": None, "cpu_site": own2 - own, "cpu_pdfs": None}
    at, status = events.wait(saved, lambda s: s["versie"] > before["versie"])
    # Zensical's build process has ended by now; the PDF child (seconds to go) has not.
    _, children_site = _cpu(pid)
    with urllib.request.urlopen(base + "/index.html", timeout=5) as response:
        response.read()
    done, _ = events.wait(saved, lambda s: s["pdf"] >= status["versie"])
    time.sleep(0.2)  # let the preview reap the PDF child, so its CPU time is counted
    own2, children2 = _cpu(pid)
    return {
        "what": what,
        "page": at - saved,
        "push": status["gehoord"] - status["klaar"],
        "pdfs": done - saved,
        "cpu_site": own2 - own + children_site - children,
        "cpu_pdfs": children2 - children_site,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="how often to make the five edits")
    parser.add_argument("--engine", choices=ENGINES, default=ENGINES[0], help="website engine (build.py --engine)")
    args = parser.parse_args()
    print(f"engine: {args.engine}, cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}\n")
    rows = run(args.rounds, args.engine)
    print("\n| edit | save to page: median / max | save to PDFs: median / max | CPU s website / PDFs |")
    print("|---|---:|---:|---:|")
    for what, *_ in EDITS:
        mine = [r for r in rows if r["what"] == what]
        page = [r["page"] for r in mine]
        line = f"| {what} | {statistics.median(page):.2f} / {max(page):.2f} s | "
        if mine[0]["pdfs"] is None:
            line += f"– (banner) | {statistics.median(r['cpu_site'] for r in mine):.2f} / – |"
        else:
            pdfs = [r["pdfs"] for r in mine]
            line += (
                f"{statistics.median(pdfs):.2f} / {max(pdfs):.2f} s | "
                f"{statistics.median(r['cpu_site'] for r in mine):.2f} / "
                f"{statistics.median(r['cpu_pdfs'] for r in mine):.2f} |"
            )
        print(line)
    valid = [r for r in rows if r["pdfs"] is not None]
    print(
        f"| all valid edits | {statistics.median(r['page'] for r in valid):.2f} / {max(r['page'] for r in valid):.2f} s"
        f" | {statistics.median(r['pdfs'] for r in valid):.2f} / {max(r['pdfs'] for r in valid):.2f} s | |"
    )
    push = [r["push"] for r in valid]
    print(
        f"\nnew site swapped in -> reload event at the page: median {statistics.median(push) * 1000:.0f} ms,"
        f" max {max(push) * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
