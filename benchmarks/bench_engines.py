#!/usr/bin/env python3
"""Benchmark: the websites of the example schools built by MkDocs + Material and by Zensical.

    python benchmarks/bench_engines.py [--runs 3] [--screenshots]

For each example school it writes the generated pages once, then builds the
website with each engine `--runs` times (each into a fresh folder, the way the
build does) and reports the median wall time, the number of pages, the size of
the site (without PDFs) and of its search index. The PDFs are the same for both
engines and are left out. With --screenshots it also saves the start page and a
search for "Veilig Thuis" of both engines at 360 and 1280 px in docs/images/.
docs/zensical.md holds the numbers of the last run.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from meldcode.content import load_content  # noqa: E402
from meldcode.load import load_config  # noqa: E402
from meldcode.site import ENGINES, build_site, write_docs  # noqa: E402

TEMPLATES = ROOT / "templates"
IMAGES = ROOT / "docs" / "images"
SEARCH_RESULTS = ".md-search-result__item, [role=listbox] [role=option]"


def build_all(work: Path, runs: int) -> tuple[list[list[str]], dict[str, Path]]:
    """Build every example's website with every engine; return table rows and the last site per engine."""
    config = load_config(ROOT / "schools", TEMPLATES)
    content = load_content(TEMPLATES)
    rows: list[list[str]] = []
    sites: dict[str, Path] = {}
    totals = {engine: 0.0 for engine in ENGINES}
    for school in config.schools:
        for engine in ENGINES:
            times = []
            for run in range(runs):
                folder = work / engine / school.slug / str(run)
                mkdocs_yml = write_docs(school, content, TEMPLATES, ROOT / "assets", ROOT / "mkdocs.yml", folder)
                started = time.perf_counter()
                site = build_site(mkdocs_yml, 1_782_777_600, engine)
                times.append(time.perf_counter() - started)
            files = [p for p in site.rglob("*") if p.is_file()]
            index = next((p for p in files if p.name in ("search_index.json", "search.json")), None)
            median = statistics.median(times)
            totals[engine] += median
            rows.append(
                [
                    school.slug,
                    engine,
                    f"{median:.2f} s",
                    str(len(list(site.glob("*.html")))),
                    str(len(files)),
                    f"{sum(p.stat().st_size for p in files) // 1024} kB",
                    f"{index.stat().st_size // 1024} kB" if index else "-",
                ]
            )
            if school.slug == "de-regenboog":
                sites[engine] = site
    for engine in ENGINES:
        rows.append(["all three", engine, f"{totals[engine]:.2f} s", "", "", "", ""])
    return rows, sites


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def screenshots(sites: dict[str, Path]) -> None:
    """Start page and search results of each engine at 360 and 1280 px, into docs/images/."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for engine, site in sites.items():
            handler = functools.partial(_Quiet, directory=str(site))
            httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
            base = f"http://127.0.0.1:{httpd.server_address[1]}"
            for width, height in ((360, 800), (1280, 900)):
                page = browser.new_page(viewport={"width": width, "height": height}, is_mobile=width < 500)
                page.goto(f"{base}/index.html", wait_until="networkidle")
                page.screenshot(path=str(IMAGES / f"engine-{engine}-start-{width}.png"))
                if width == 360:
                    page.locator("label[for=__search], .md-search__button, button[aria-label*=earch]").first.click()
                else:
                    page.keyboard.press("/")
                page.keyboard.type("Veilig Thuis", delay=30)
                page.locator(SEARCH_RESULTS).first.wait_for(timeout=15_000)
                page.wait_for_timeout(300)  # let the result list paint; nothing to wait on
                page.screenshot(path=str(IMAGES / f"engine-{engine}-zoeken-{width}.png"))
                page.close()
            httpd.shutdown()
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshots", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows, sites = build_all(Path(tmp), args.runs)
        print("| school | engine | build (median) | pages | files | site | search index |")
        print("|---|---|---:|---:|---:|---:|---:|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        if args.screenshots:
            screenshots(sites)


if __name__ == "__main__":
    main()
