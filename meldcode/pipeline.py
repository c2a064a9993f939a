"""The build, in named stages: load, plan, render, overview, publish.

1. load     read and validate every config file; user errors stop here, before
            anything is written (unless --keep-going, which skips bad schools)
2. plan     hash each school's inputs; a school whose hash matches the one kept
            in the output is unchanged and is not rendered again
3. render   build the site and PDFs of the changed schools, in parallel worker
            processes, into a staging directory next to the output
4. overview the board's overview page of all schools
5. publish  swap the staging directory for the output in one atomic rename;
            a failed or killed build leaves the previous output as it was
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .checks import Aandachtspunt, find_aandachtspunten
from .content import load_content
from .errors import BuildError, ConfigError, MeldcodeError, Problem, UsageError
from .load import load_config, school_digest, school_files
from .manifest import Entry, Manifest, Paths, Row, public_row
from .model import Config, School
from .names import adopted_pdf, parents_text, pdf_file
from .outdir import EXTRA, INTERN, INTERN_MARKER, MANIFEST, guard, link_tree, lock, replace_outputs
from .process import PDF_SECONDS, end_with_parent, one_school, time_limit
from .status import with_status
from .validate import SLUG, suggest


@dataclass
class Options:
    only: list[str] | None = None  # --school
    check: bool = False
    keep_going: bool = False
    force: bool = False
    jobs: int | None = None
    shard: tuple[int, int] | None = None  # (K, N): every N-th school starting at K
    poster: str = "A4"
    progress: bool = True
    engine: str = "mkdocs"  # the website's static site generator: "mkdocs" or "zensical" (site.ENGINES)
    strict: bool = False  # open aandachtspunten are errors: nothing is built
    today: dt.date | None = None  # the date aandachtspunten are checked against (default: today)
    pdf: bool = True  # False: the websites only, no PDFs (tests); part of every school's digest


@dataclass(frozen=True)
class Built:
    """A school rendered into staging."""

    slug: str
    seconds: float
    pages: int  # of the handbook PDF
    bytes: int  # the school's whole output
    site_bytes: int  # the website alone
    poster_scale: float  # the type size the poster fitted at


@dataclass(frozen=True)
class Failed:
    """A school that could not be rendered, and why (in Dutch)."""

    slug: str
    error: str


@dataclass
class Result:
    built: list[Built] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    aandachtspunten: list[Aandachtspunt] = field(default_factory=list)  # of the schools this build is about
    seconds: float = 0.0
    published: bool = False
    checked: int = 0
    concepts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # slug -> why it is a concept


@dataclass
class Loaded:
    """What the load stage found."""

    schools: list[School]  # valid schools this build is about (all, --school, --shard)
    problems: list[Problem]  # the problems that concern this build
    aandachtspunten: list[Aandachtspunt]  # of the schools this build is about
    shared: str  # digest of what every school depends on
    previous: Manifest  # the manifest of the output as it is (empty with --check)


@dataclass
class Plan:
    """What the render stage must do."""

    todo: list[School]  # schools to render
    keep: list[str]  # published schools whose output is kept as it is
    unchanged: list[str]  # schools of this build that need no rendering
    manifest: Manifest  # the manifest of the output to publish
    changed: bool  # False: the output already is what this build would publish


@dataclass
class Rendered:
    built: list[Built]
    failed: dict[str, str]  # slug -> why
    manifest: Manifest  # the plan's manifest; a failed school keeps its last good version or leaves


def build(paths: Paths, options: Options) -> Result:
    """Run the whole build; raise ConfigError, UsageError or BuildError for user-facing failures."""
    started = time.perf_counter()
    with _writing(paths, options):
        loaded = load(paths, options)
        result = Result(
            problems=loaded.problems,
            aandachtspunten=loaded.aandachtspunten,
            checked=len(loaded.schools),
            concepts={s.slug: s.concept for s in loaded.schools if s.is_concept},
        )
        if not options.check:
            result.published, result.built, result.unchanged, result.failed = _write(paths, options, loaded)
    result.seconds = time.perf_counter() - started
    return result


def _writing(paths: Paths, options: Options) -> contextlib.AbstractContextManager[None]:
    """Before anything is read or written: refuse an output that is not the tool's own, then lock it."""
    if options.check:
        return contextlib.nullcontext()
    guard(paths.out, paths.schools)
    if paths.intern is not None:
        guard(paths.intern, paths.schools, what="--intern", marker=INTERN_MARKER)
    return lock(paths.out)


def _write(paths: Paths, options: Options, loaded: Loaded) -> tuple[bool, list[Built], list[str], list[str]]:
    """Run the stages that write: plan, render, overview, publish."""
    planned = plan(paths, options, loaded)
    if not planned.changed:
        return False, [], planned.unchanged, []  # nothing changed: the output is left untouched
    done: list[Rendered] = []

    def fill(staging: Path, intern: Path | None) -> None:
        done.append(render(planned, loaded.previous, paths, staging, options))
        overview(done[0].manifest, paths, staging, intern)
        shutil.rmtree(staging / ".work", ignore_errors=True)  # the site builds' scratch folder, empty by now

    replace_outputs(paths.out, paths.intern, paths.schools, fill)
    return True, done[0].built, planned.unchanged, sorted(done[0].failed)


def load(paths: Paths, options: Options) -> Loaded:
    """Stage 1: read, validate and check the config files; raise ConfigError unless --keep-going may go on.

    Every file is read, also when unchanged since the last build: the aandachtspunten
    need every school. With --strict an open aandachtspunt is an error too.
    """
    previous: Manifest = {} if options.check else with_intern_rows(_read_manifest(paths.out), paths.intern)
    # a build without PDFs is another output: a later full build renders every school again
    shared = _shared_digest(paths, options.engine)
    if not options.pdf:
        shared = hashlib.sha256((shared + "|zonder-pdf").encode()).hexdigest()
    config = load_config(paths.schools, paths.templates)
    if options.only and paths.schools.is_dir():
        names = {p.stem for p in school_files(paths.schools)}
        unknown = [
            f"--school {slug}: deze school bestaat niet in {paths.schools.name}/{suggest(slug, names)}"
            for slug in options.only
            if slug not in names
        ]
        if unknown:
            raise UsageError("\n".join(unknown))
    wanted = _wanted(paths, options)
    relevant = _relevant_problems(config, options)
    today = options.today or dt.date.today()
    found = find_aandachtspunten(config, paths.templates, today)
    points = [a for a in found if a.school in wanted]
    if config.fatal or (relevant and not options.keep_going):
        raise ConfigError(relevant, points)
    if options.strict and any(a.open for a in points):
        raise ConfigError(relevant, points, strict=True)
    return Loaded(
        schools=with_status([s for s in config.schools if s.slug in wanted], points, today),
        problems=relevant,
        aandachtspunten=points,
        shared=shared,
        previous=previous,
    )


def plan(paths: Paths, options: Options, loaded: Loaded) -> Plan:
    """Stage 2: hash each school's inputs; decide what to render and what the manifest becomes."""
    old = loaded.previous.get("schools", {})
    # A concept's reasons are part of what it renders (a date that passes makes it adopted).
    digests = {s.slug: school_digest(loaded.shared + "\0".join(s.concept), s.sources) for s in loaded.schools}

    def up_to_date(school: School) -> bool:
        entry = old.get(school.slug)
        return (
            entry is not None
            and entry["digest"] == digests[school.slug]
            and (paths.out / school.slug / "index.html").is_file()
        )

    todo = [s for s in loaded.schools if options.force or not up_to_date(s)]
    unchanged = sorted(s.slug for s in loaded.schools if s not in todo)
    # Keep the published output of schools not built now (other shard, --school, or an
    # invalid file with --keep-going); drop schools whose file is gone.
    existing = {p.stem for p in school_files(paths.schools) if SLUG.match(p.stem)}
    rows: dict[str, Entry] = {
        slug: entry for slug, entry in old.items() if slug in existing and (paths.out / slug).is_dir()
    }
    for school in loaded.schools:
        points = [a.as_dict() for a in loaded.aandachtspunten if a.school == school.slug]
        rows[school.slug] = {"digest": digests[school.slug], "row": _row(school, points)}
    manifest: Manifest = {
        "tool": __version__,
        "shared": loaded.shared,
        "extra": _tree_digest(paths.schools.parent / EXTRA),  # the board's own files: a change republishes
        "schools": dict(sorted(rows.items())),
    }
    rendering = {s.slug for s in todo}
    keep = [slug for slug in sorted(rows) if slug not in rendering]
    return Plan(todo, keep, unchanged, manifest, changed=bool(todo) or loaded.previous != manifest)


def render(planned: Plan, previous: Manifest, paths: Paths, staging: Path, options: Options) -> Rendered:
    """Stage 3: render the schools to do into `staging`, beside the kept ones; raise BuildError on failures.

    With --keep-going a failed school keeps its last good output (under its old
    hash, so the next build retries it) or, new, is left out.
    """
    for slug in planned.keep:
        link_tree(paths.out / slug, staging / slug)
    built, failed = _render_all(planned.todo, paths, staging, options)
    manifest = planned.manifest
    old = previous.get("schools", {})
    for slug in failed:
        if slug in old and (paths.out / slug).is_dir():
            manifest["schools"][slug] = old[slug]
            link_tree(paths.out / slug, staging / slug)
        else:
            manifest["schools"].pop(slug, None)
    if failed and not options.keep_going:
        raise BuildError("\n".join(f"{slug}: {message}" for slug, message in sorted(failed.items())))
    return Rendered(built, failed, manifest)


def overview(manifest: Manifest, paths: Paths, staging: Path, intern: Path | None) -> None:
    """Stage 4: the public list of schools and the manifest; the board's own overview in `intern`.

    The manifest in the site keeps no contact details or aandachtspunten: those rows
    go to the internal folder, which the next build reads back (with_intern_rows).
    """
    from .overview import write_intern, write_public

    write_public(manifest, paths, staging)
    public = {**manifest, "schools": {s: {**e, "row": public_row(e["row"])} for s, e in manifest["schools"].items()}}
    (staging / MANIFEST).write_text(json.dumps(public, indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    if intern is not None and paths.intern is not None:
        write_intern(manifest, paths, intern)
        (intern / INTERN_MARKER).write_text(
            json.dumps(manifest["schools"], indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8"
        )


def merge(parts: list[Path], out: Path, paths: Paths) -> list[str]:
    """Combine the outputs of shard builds (--shard K/N on several machines) into `out`.

    Every part must come from the same code, templates and stichting file; the
    schools are taken as they are, the overview is written for all of them, and
    the result is published like a build's. Return the slugs in the merged output.
    """
    manifests: list[tuple[Path, Manifest]] = []
    for part in parts:
        manifest = with_intern_rows(_read_manifest(part), part.parent / INTERN)  # the part's own board rows
        if not manifest.get("schools"):
            raise UsageError(f"--samenvoegen {part}: hier staat geen uitvoer van een bouw ({MANIFEST} ontbreekt)")
        manifests.append((part, manifest))
    first = manifests[0][1]
    schools: dict[str, Entry] = {}
    source: dict[str, Path] = {}
    for part, manifest in manifests:
        if (manifest["tool"], manifest["shared"]) != (first["tool"], first["shared"]):
            raise MeldcodeError(
                f"{part} is met andere code, sjablonen of versies gebouwd dan {manifests[0][0]};"
                " bouw alle delen opnieuw"
            )
        for slug, entry in manifest["schools"].items():
            if not SLUG.match(slug) or not (part / slug).is_dir() or (part / slug).is_symlink():
                raise MeldcodeError(f"{part}/{MANIFEST} noemt een school '{slug}' die geen geldige schoolmap is")
            if slug in schools and schools[slug]["digest"] != entry["digest"]:
                raise MeldcodeError(f"{slug} staat in {source[slug]} en {part}, met verschillende invoer")
            schools[slug], source[slug] = entry, part
    combined: Manifest = {
        "tool": first["tool"],
        "shared": first["shared"],
        "extra": _tree_digest(paths.schools.parent / EXTRA),
        "schools": dict(sorted(schools.items())),
    }
    guard(out, paths.schools)
    if paths.intern is not None:
        guard(paths.intern, paths.schools, what="--intern", marker=INTERN_MARKER)

    def fill(staging: Path, intern: Path | None) -> None:
        for slug in combined["schools"]:
            link_tree(source[slug] / slug, staging / slug)
        overview(combined, paths, staging, intern)

    with lock(out):
        replace_outputs(out, paths.intern, paths.schools, fill)
    return list(combined["schools"])


def _wanted(paths: Paths, options: Options) -> set[str]:
    """The slugs this build is about: all, --school ones, or one shard of the school files."""
    slugs = [p.stem for p in school_files(paths.schools)] if paths.schools.is_dir() else []
    slugs = [s for s in slugs if SLUG.match(s)]  # a misnamed file is reported, never a folder name
    if options.only:
        slugs = [s for s in slugs if s in options.only]
    if options.shard:
        k, n = options.shard
        slugs = [s for i, s in enumerate(slugs) if i % n == k]
    return set(slugs)


def _relevant_problems(config: Config, options: Options) -> list[Problem]:
    """Problems that concern this build: with --school, other schools' problems do not."""
    if not options.only:
        return config.problems
    return [p for p in config.problems if p.school is None or p.school in options.only]


def _row(school: School, aandachtspunten: list[dict]) -> Row:
    af = school.aandachtsfunctionaris
    return {
        "naam": school.naam,
        "sector": school.sector_label,
        "af": af.naam,
        "af_telefoon": af.telefoon.display if af.telefoon else None,
        "af_tel": af.telefoon.tel if af.telefoon else None,
        "af_email": af.email,
        "versie": school.vaststelling.versie,
        "vastgesteld": school.vaststelling.datum.isoformat() if school.vaststelling.datum else None,
        "status": "concept" if school.is_concept else "vastgesteld",
        "concept_redenen": list(school.concept),
        "evaluatie": school.vaststelling.evaluatie.isoformat(),
        "geevalueerd": ev.datum.isoformat() if (ev := school.vaststelling.laatste_evaluatie) else None,
        "stichting": school.stichting.naam,
        "vindbaar": school.vindbaar,
        "aandachtspunten": aandachtspunten,
    }


def _tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _shared_digest(paths: Paths, engine: str) -> str:
    """Hash what every school depends on: tool version and code, templates, assets, mkdocs.yml, engine."""
    code = Path(__file__).resolve().parent
    return hashlib.sha256(
        "|".join(
            [
                __version__,
                _tree_digest(code),
                _tree_digest(paths.templates),
                _tree_digest(paths.assets),
                paths.mkdocs.read_text(encoding="utf-8"),
                _dependency_versions(engine),
            ]
        ).encode()
    ).hexdigest()


def _dependency_versions(engine: str) -> str:
    from importlib.metadata import version

    names = ["mkdocs", "mkdocs-material", "weasyprint", "jinja2", "markdown"]
    if engine == "zensical":
        names.append("zensical")
    return ",".join([engine] + [f"{name}={version(name)}" for name in names])


def with_intern_rows(manifest: Manifest, intern: Path | None) -> Manifest:
    """The manifest with each school's full row from the internal folder, where it belongs to the same build."""
    try:
        rows = json.loads((intern / INTERN_MARKER).read_text(encoding="utf-8")) if intern else {}
    except (OSError, ValueError):
        rows = {}
    schools = manifest.get("schools", {})
    for slug, entry in schools.items():
        full = rows.get(slug)
        if isinstance(full, dict) and full.get("digest") == entry.get("digest") and isinstance(full.get("row"), dict):
            entry["row"] = full["row"]
    return manifest


def _read_manifest(out: Path) -> Manifest:
    try:
        manifest: Manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest


def _render_all(
    todo: list[School], paths: Paths, staging: Path, options: Options
) -> tuple[list[Built], dict[str, str]]:
    built: list[Built] = []
    failed: dict[str, str] = {}
    if not todo:
        return built, failed
    jobs = max(1, min(options.jobs or os.cpu_count() or 1, len(todo)))
    bar = _progress(len(todo), options.progress)

    def collect(outcome: Built | Failed) -> None:
        if isinstance(outcome, Failed):
            failed[outcome.slug] = outcome.error
        else:
            built.append(outcome)
        if bar is not None:
            bar.update(1)

    try:
        if jobs == 1:
            for school in todo:
                collect(build_school(school, paths, staging, options.poster, options.engine, options.pdf))
        else:
            with ProcessPoolExecutor(max_workers=jobs, initializer=end_with_parent) as pool:
                futures = {
                    pool.submit(build_school, s, paths, staging, options.poster, options.engine, options.pdf): s.slug
                    for s in todo
                }
                for future in as_completed(futures):
                    try:
                        outcome = future.result()
                    except Exception as exc:  # noqa: BLE001 - a worker died (out of memory, killed)
                        outcome = Failed(futures[future], f"het bouwproces stopte onverwacht ({type(exc).__name__})")
                    collect(outcome)
    finally:
        if bar is not None:
            bar.close()
    return sorted(built, key=lambda b: b.slug), failed


def _progress(total: int, enabled: bool):
    if not enabled or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="school", desc="Bouwen", file=sys.stderr, leave=False)


def build_school(
    school: School, paths: Paths, staging: Path, poster: str = "A4", engine: str = "mkdocs", pdf: bool = True
) -> Built | Failed:
    """Build one school's site and (unless `pdf` is false) PDFs into staging/<slug>; runs in a worker process."""
    started = time.perf_counter()
    target = staging / school.slug
    try:
        with one_school():
            build_school_site(school, paths, target, engine)
            pages, scale = build_school_pdfs(school, paths, target, poster) if pdf else (0, 0.0)
    except MeldcodeError as exc:
        return Failed(school.slug, str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug of ours: report it per school, keep the others
        return Failed(school.slug, f"interne fout bij het bouwen ({type(exc).__name__}: {exc})")
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file())
    pdf_size = sum(p.stat().st_size for p in target.rglob("*.pdf"))  # the adopted versions' too
    return Built(
        slug=school.slug,
        seconds=round(time.perf_counter() - started, 3),
        pages=pages,
        bytes=size,
        site_bytes=size - pdf_size,
        poster_scale=scale,
    )


def build_school_site(school: School, paths: Paths, target: Path, engine: str = "mkdocs") -> None:
    """Build the school's website (without the PDFs it links to) into `target`, which must not exist.

    With adopted versions in the board's archive, their handbooks are copied in and
    "Wat is er veranderd" compares the text the website shows with the last of them.
    """
    from .parents import parents_plain_text
    from .site import build_site, web_view, write_docs

    work = target.parent / ".work" / school.slug
    try:
        content = load_content(paths.templates)
        changes = None
        if school.versies:
            # the handbook's text on both sides, with the numbers kept off the website masked on both
            hidden = _hidden_numbers(school, web_view(school)) | {n for v in school.versies for n in v.verborgen}
            changes = _changes(school, paths, content, hidden=frozenset(hidden))
        config_path = write_docs(school, content, paths.templates, paths.assets, paths.mkdocs, work, changes)
        day = school.vaststelling.datum or dt.date.today()  # a concept without a date: the day it is built
        epoch = int(dt.datetime.combine(day, dt.time(), dt.UTC).timestamp())
        build_site(config_path, epoch, engine).rename(target)
        (target / parents_text(school.slug)).write_text(
            parents_plain_text(web_view(school), content, paths.templates, paths.mkdocs), encoding="utf-8"
        )
        for adopted in school.versies:
            copy = target / adopted_pdf(adopted.folder.name, school.slug)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(adopted.folder / pdf_file("handbook", school.slug), copy)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _changes(school: School, paths: Paths, content, html: str = "", hidden: frozenset[str] = frozenset()):
    """What changed since the last adopted version (meldcode/changes.py), from the handbook's print text."""
    from .changes import changes_since, handbook_text, mask_numbers
    from .pdf import handbook_html

    text = handbook_text(html or handbook_html(school, content, paths.templates, paths.mkdocs))
    return changes_since(school, text, lambda t: mask_numbers(t, hidden) if hidden else t)


def _hidden_numbers(school: School, shown: School) -> frozenset[str]:
    """The phone numbers the website leaves out (telefoon_op_website: nee), as the handbook writes them."""
    if shown is school:
        return frozenset()

    def numbers(s: School) -> set[str]:
        people = [s.directeur, s.aandachtsfunctionaris, s.bestuur, s.privacy.fg]
        people += [p for role in s.roles.values() for p in role.mensen]
        return {p.telefoon.display for p in people if p is not None and p.telefoon}

    return frozenset(numbers(school) - numbers(shown))


def build_school_pdfs(school: School, paths: Paths, target: Path, poster: str = "A4") -> tuple[int, float]:
    """Write the handbook, forms and poster PDFs into `target`; return handbook pages and poster scale."""
    content = load_content(paths.templates)
    with time_limit(PDF_SECONDS):
        return _write_pdfs(school, paths, target, poster, content)


def _write_pdfs(school: School, paths: Paths, target: Path, poster: str, content) -> tuple[int, float]:
    from .pdf import changes_html, handbook_html, write_changes, write_handbook, write_poster

    html = handbook_html(school, content, paths.templates, paths.mkdocs)
    pages = write_handbook(
        school,
        content,
        paths.templates,
        paths.assets,
        paths.mkdocs,
        target / pdf_file("handbook", school.slug),
        target / pdf_file("forms", school.slug),
        html,
    )
    if school.versies and (changes := _changes(school, paths, content, html)) is not None:
        printed = changes_html(school, content, paths.templates, paths.mkdocs, changes)
        write_changes(school, printed, paths.assets, target / pdf_file("changes", school.slug))
    scale = write_poster(
        school, content, paths.templates, paths.assets, target / pdf_file("poster", school.slug), poster
    )
    return pages, scale
