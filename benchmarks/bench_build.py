#!/usr/bin/env python3
"""Benchmark: build N synthetic schools and report time, memory and size.

    python benchmarks/bench_build.py --schools 1 20 100 [--jobs 2]

For each N it generates N schools (variations of the example schools) in a
temporary folder and runs `build.py` as a separate process, measuring: full
build wall time, wall and CPU time per school (CPU: user + system time of the
build and its workers, steadier than wall time on a shared machine), a no-op
rebuild, a rebuild after one school changed, peak memory (sum of the resident
memory of the build and its worker processes, sampled every 50 ms) and bytes
per school.

In the same run it measures WeasyPrint alone: a separate process makes the
handbook HTML of the first schools (the same HTML the build renders), renders
one to warm up, then lays out and writes each with WeasyPrint as any program
calls it (`HTML(string=...).render().write_pdf()`, default settings, PDF/UA as
the build does) and reports the median CPU seconds of that call. The ratio of
CPU per school to it is the build's overhead over the PDF engine's own work.
"WeasyPrint floor" is that median times N, divided over the workers: the wall time
N handbooks take in WeasyPrint alone with perfect parallelism, which no build of
N schools can beat. "handbook pages" is the median page count of those handbooks.
Prints a Markdown table; docs/benchmark.md holds the numbers of the last run.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "schools").glob("*.yaml") if not p.name.startswith("_"))


def make_schools(target: Path, count: int) -> Path:
    """Write `count` distinct schools (plus the example stichting) into target/schools."""
    schools = target / "schools"
    schools.mkdir(parents=True)
    for path in (ROOT / "schools").iterdir():
        if path.name.startswith("_") or path.suffix not in (".yaml", ".yml"):
            shutil.copy(path, schools / path.name)
    for i in range(count):
        source = EXAMPLES[i % len(EXAMPLES)]
        text = source.read_text(encoding="utf-8")
        name = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("naam:"))
        text = text.replace(f"naam: {name}", f"naam: {name} {i + 1:03d}", 1)
        (schools / f"school-{i + 1:03d}.yaml").write_text(text, encoding="utf-8")
    return schools


def _tree_rss(pid: int) -> int:
    """Resident memory in bytes of `pid` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for path in Path("/proc").iterdir():
        entry = path.name
        if not entry.isdigit():
            continue
        try:
            fields = (path / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_build(schools: Path, out: Path, *extra: str) -> tuple[float, int, float]:
    """Run build.py; return (wall seconds, peak memory bytes of the process tree, CPU seconds)."""
    cpu = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--schools", str(schools), "--out", str(out), "-q", *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"build failed: {proc.communicate()[1]}")
    # The build's workers are reaped by the build, so their CPU time counts here too.
    return seconds, peak, _children_cpu() - cpu


# Runs in a fresh process: sys.argv = [schools folder, slugs ...]; prints the median CPU seconds
# per render and the median number of handbook pages.
_WEASYPRINT_ALONE = """
import statistics, sys, tempfile, time
from pathlib import Path
from weasyprint import HTML
from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.pdf import handbook_html
from meldcode.pipeline import Paths

paths = Paths.project(Path(sys.argv[1]), Path(tempfile.gettempdir()))
config = load_config(paths.schools, paths.templates)
schools = {s.slug: s for s in config.schools}
content = load_content(paths.templates)
base = paths.assets.resolve().as_uri() + "/"
pages = [handbook_html(schools[slug], content, paths.templates, paths.mkdocs) for slug in sys.argv[2:]]
times, pages_of = [], []
with tempfile.TemporaryDirectory() as tmp:
    for i, html in enumerate([pages[0]] + pages):  # the first render warms up, as a build's first school does
        started = time.process_time()
        document = HTML(string=html, base_url=base).render(pdf_variant="pdf/ua-1")
        document.write_pdf(Path(tmp) / "handbook.pdf", pdf_variant="pdf/ua-1")
        if i:
            times.append(time.process_time() - started)
            pages_of.append(len(document.pages))
print(statistics.median(times), statistics.median(pages_of))
"""


def weasyprint_alone(schools: Path, count: int) -> tuple[float, float]:
    """Median CPU seconds WeasyPrint alone needs for a school's handbook, and its pages (module docstring)."""
    slugs = sorted(p.stem for p in schools.glob("school-*.yaml"))[:count]
    out = subprocess.run(
        [sys.executable, "-c", _WEASYPRINT_ALONE, str(schools), *slugs],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    seconds, pages = out.stdout.strip().splitlines()[-1].split()
    return float(seconds), float(pages)


def measure(count: int, jobs: list[str]) -> dict:
    with tempfile.TemporaryDirectory(prefix="meldcode-bench-") as tmp:
        tmp_path = Path(tmp)
        schools = make_schools(tmp_path, count)
        out = tmp_path / "site"
        full, peak, cpu = run_build(schools, out, *jobs)
        noop, _, _ = run_build(schools, out, *jobs)
        changed = schools / "school-001.yaml"
        changed.write_text(
            changed.read_text(encoding="utf-8").replace("naam: ", "naam: Gewijzigd ", 1), encoding="utf-8"
        )
        one, _, _ = run_build(schools, out, *jobs)
        alone, pages = weasyprint_alone(schools, min(count, 5))
        sites, pdfs = [], []
        for school in sorted(p for p in out.iterdir() if p.is_dir() and p.name.startswith("school-")):
            files = [p for p in school.rglob("*") if p.is_file()]
            sites.append(sum(p.stat().st_size for p in files if p.suffix != ".pdf"))
            pdfs.append(sum(p.stat().st_size for p in files if p.suffix == ".pdf"))
        return {
            "n": count,
            "full": full,
            "per_school": full / count,
            "cpu_per_school": cpu / count,
            "weasyprint": alone,
            "pages": pages,
            "noop": noop,
            "one_changed": one,
            "peak_mb": peak / 2**20,
            "site_kb": sum(sites) / len(sites) / 1024,
            "site_kb_max": max(sites) / 1024,
            "pdf_kb": sum(pdfs) / len(pdfs) / 1024,
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, nargs="+", default=[1, 20, 100], help="numbers of schools to build")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    args = parser.parse_args()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    workers = args.jobs or os.cpu_count() or 1
    print(f"cores: {os.cpu_count()}, jobs: {workers}\n")
    print(
        "| schools | full build | WeasyPrint floor | per school | CPU per school | WeasyPrint alone | ratio"
        " | handbook pages | no-op rebuild | one changed | peak memory | site per school (avg / max)"
        " | PDFs per school |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for count in args.schools:
        r = measure(count, jobs)
        print(
            # The floor: WeasyPrint alone on N handbooks, spread perfectly over the workers.
            f"| {r['n']} | {r['full']:.1f} s | {r['weasyprint'] * r['n'] / min(workers, r['n']):.1f} s"
            f" | {r['per_school']:.2f} s | {r['cpu_per_school']:.2f} s"
            f" | {r['weasyprint']:.2f} s | {r['cpu_per_school'] / r['weasyprint']:.2f} | {r['pages']:.0f}"
            f" | {r['noop']:.2f} s | {r['one_changed']:.1f} s | "
            f"{r['peak_mb']:.0f} MB | {r['site_kb']:.0f} / {r['site_kb_max']:.0f} kB | {r['pdf_kb']:.0f} kB |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
