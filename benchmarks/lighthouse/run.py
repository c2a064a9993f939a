#!/usr/bin/env python3
"""Benchmark: Lighthouse (mobile preset) on an example school's website, before and after a change.

    python benchmarks/lighthouse/run.py [--before REF] [--school de-regenboog] [--runs 3] [--no-gzip]

Builds the website of one example school twice: from this working tree ("after")
and from the commit REF ("before", checked out with `git worktree add` into a
temporary folder and built with this Python). Serves both sites on 127.0.0.1 the way
docs/publiceren.md tells a web server to (gzip, the security headers, cache headers;
`--no-gzip` leaves compression out), then runs Lighthouse `--runs` times on the start
page, a step page and the afwegingskader page of each, before and after taking turns,
so both share the same minutes of a busy machine. Lighthouse's default is the mobile
preset: a simulated mid-range phone on a slow 4G connection (150 ms, 1.6 Mbit/s, the
processor slowed down four times). Reports the median performance score, largest
contentful paint (LCP), total blocking time (TBT) and cumulative layout shift (CLS)
per page as a Markdown table; `--json FILE` keeps every run's numbers.

Lighthouse is pinned in package.json and package-lock.json next to this file; the
first run installs it (`npm ci`). Chromium is Debian's (CHROME_PATH, default
/usr/bin/chromium), started with --headless --no-sandbox --disable-gpu.
docs/benchmark.md holds the numbers of the last run.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from meldcode.publish import SECURITY_HEADERS  # noqa: E402

PAGES = {"start": "index.html", "stap": "stap-1.html", "afwegingskader": "afwegingskader.html"}
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu"
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
# What docs/publiceren.md compresses (nginx gzip_types, Apache DEFLATE), and its cache rules.
COMPRESSED = (".html", ".css", ".js", ".json", ".svg")
LONG_CACHED = ("/assets/javascripts/", "/assets/stylesheets/")


class _Handler(http.server.SimpleHTTPRequestHandler):
    """A static file server with the headers and compression of docs/publiceren.md."""

    gzip_on = True

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip_on and wants_gzip and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def end_headers(self) -> None:
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        hashed = any(part in self.path for part in LONG_CACHED) and ".min." in self.path
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if hashed else "no-cache")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


def serve(folder: Path, gzip_on: bool) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (_Handler,), {"gzip_on": gzip_on})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def build(source: Path, school: str, out: Path) -> None:
    """Build one school's website (and PDFs) from the code and example schools in `source`."""
    subprocess.run(
        [sys.executable, str(source / "build.py"), "--schools", str(source / "schools"), "--school", school]
        + ["--out", str(out), "-q", "-j", "1"],
        cwd=source,
        check=True,
    )


def lighthouse(url: str, report: Path) -> dict[str, float]:
    """One Lighthouse run (mobile preset, performance only); return its score and metrics."""
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [str(LIGHTHOUSE), url, f"--chrome-flags={CHROME_FLAGS}", "--only-categories=performance"]
        + ["--output=json", f"--output-path={report}", "--quiet"],
        env=env,
        check=True,
    )
    result = json.loads(report.read_text(encoding="utf-8"))
    audits = result["audits"]
    return {
        "score": result["categories"]["performance"]["score"],
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
    }


def table(results: dict[str, dict[str, list[dict[str, float]]]], labels: dict[str, str]) -> str:
    lines = [
        "| page | code | performance | FCP | LCP | TBT | CLS | bytes |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for page, name in PAGES.items():
        for version, label in labels.items():
            runs = results[version][page]

            def med(key: str, runs: list[dict[str, float]] = runs) -> float:
                return statistics.median(r[key] for r in runs)

            lines.append(
                f"| {name} | {label} | {med('score'):.2f} | {med('fcp') / 1000:.2f} s | {med('lcp') / 1000:.2f} s"
                f" | {med('tbt'):.0f} ms | {med('cls'):.3f} | {med('bytes') / 1024:.0f} KiB |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", default="e0121b7", help="git commit or branch to compare with (default e0121b7)")
    parser.add_argument("--school", default="de-regenboog")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-gzip", action="store_true", help="serve without compression")
    parser.add_argument("--json", type=Path, help="write every run's numbers to this file")
    args = parser.parse_args()

    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=HERE, check=True)
    with tempfile.TemporaryDirectory(prefix="meldcode-lighthouse-") as tmp:
        work = Path(tmp)
        before_src = work / "before-src"
        subprocess.run(["git", "worktree", "add", "--detach", str(before_src), args.before], cwd=ROOT, check=True)
        try:
            build(before_src, args.school, work / "before")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(before_src)], cwd=ROOT, check=False)
        build(ROOT, args.school, work / "after")
        servers = {v: serve(work / v, gzip_on=not args.no_gzip) for v in ("before", "after")}
        results: dict[str, dict[str, list[dict[str, float]]]] = {v: {p: [] for p in PAGES} for v in servers}
        started = time.time()
        for run in range(args.runs):
            for page, name in PAGES.items():
                for version, (_, base) in servers.items():
                    numbers = lighthouse(f"{base}/{args.school}/{name}", work / "report.json")
                    results[version][page].append(numbers)
                    print(f"run {run + 1} {version:6} {name:20} {json.dumps(numbers)}", file=sys.stderr)
        for httpd, _ in servers.values():
            httpd.shutdown()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    labels = {"before": args.before, "after": f"{commit.stdout.strip()} (this tree)"}
    print(
        f"Lighthouse {json.loads((HERE / 'package.json').read_text())['dependencies']['lighthouse']}, mobile preset,"
        f" median of {args.runs} runs, {args.school}, {'gzip' if not args.no_gzip else 'no compression'},"
        f" {platform.node()} ({os.cpu_count()} cores), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))},"
        f" {(time.time() - started) / 60:.0f} min"
    )
    print(table(results, labels))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
