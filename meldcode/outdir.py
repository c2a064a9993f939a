"""The output folder: which folder a build may write, one build at a time, and the atomic swap.

A build replaces its output folder as a whole (staging folder beside it, then one
atomic rename), so the folder must be the tool's own. `guard` refuses, before
anything is written, a folder that is or holds the board's inputs, the repository
or the current folder, a file, and a folder with contents the tool did not make
(no build manifest). `lock` lets one build at a time write one output.

The board's own files in the website (a `.htaccess`, a `CNAME`, a search engine's
verification file) survive every build in two ways: files with the names in
`KEEP` that are already in the output are carried over, and everything in the
folder `site-extra/` beside the schools folder is copied into the website's root.
docs/publiceren.md tells board staff.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import fnmatch
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import UsageError

MANIFEST = ".meldcode-build.json"  # the tool's marker in every output it wrote
EXTRA = "site-extra"  # beside the schools folder: files copied into the website's root as they are
INTERN = "intern"  # beside the website: the board's overview and aandachtspunten, not published
INTERN_MARKER = ".meldcode-intern.json"  # the tool's marker (and the full overview rows) in that folder
# Files a board may place in the published output by hand; a build keeps them.
KEEP = (
    *(".htaccess", "CNAME", ".nojekyll", "_headers", "_redirects", ".well-known"),
    *("google*.html", "BingSiteAuth.xml", "yandex_*.html"),
)


def guard(out: Path, schools: Path, *, cwd: Path | None = None, what: str = "--out", marker: str = MANIFEST) -> None:
    """Raise UsageError unless a build may replace `out` as a whole.

    Allowed: a folder that does not exist yet, an empty folder, or a folder with the
    tool's manifest from an earlier build. Refused: the current folder or one of
    its parents, the schools folder or a folder holding it, a git repository or a
    folder holding one, a file, and any other folder with contents.
    """
    out = out.absolute()
    real = out.resolve()
    schools = schools.resolve()
    here = (cwd or Path.cwd()).resolve()
    shown = f"{what} {out}"
    advice = "kies een eigen, nieuwe map voor de uitvoer, zoals site/"
    if real == here or real in here.parents:
        raise UsageError(f"{shown}: dit is de huidige map (of een map daarboven); {advice}")
    if real == schools or real in schools.parents:
        raise UsageError(f"{shown}: hier staan de schoolbestanden ({schools.name}/) in; {advice}")
    repo = _repository(schools)
    if repo is not None and (real == repo or real in repo.parents):
        raise UsageError(f"{shown}: dit is de repository (met .git) of een map daarboven; {advice}")
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir():
        raise UsageError(f"{shown}: dit is een bestand, geen map; {advice}")
    if (real / ".git").exists():
        raise UsageError(f"{shown}: dit is een git-repository; {advice}")
    if (real / marker).is_file() or not any(real.iterdir()):
        return
    raise UsageError(
        f"{shown}: deze map bestaat al en is niet door meldcode gemaakt ({marker} ontbreekt); een bouw zou"
        " alles erin vervangen. Kies een andere map, of leeg of verwijder deze map eerst zelf"
    )


def _repository(path: Path) -> Path | None:
    """The folder holding `.git` at or above `path`, if any."""
    for folder in (path, *path.parents):
        if (folder / ".git").exists():
            return folder
    return None


@contextlib.contextmanager
def lock(out: Path) -> Iterator[None]:
    """Hold the output's lock while a build writes it; raise UsageError if another build holds it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.parent / f".{out.name}.lock"
    with path.open("a+") as handle:
        if not _try_lock(handle.fileno()):
            handle.seek(0)
            who = handle.read().strip()
            by = f" (proces {who})" if who.isdigit() else ""
            raise UsageError(
                f"Er loopt al een bouw naar {out.name}/{by}. Wacht tot die klaar is en start de bouw dan opnieuw."
            )
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()


def _try_lock(fd: int) -> bool:
    """Take an exclusive lock on the open file `fd` without waiting; False if another process has it."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
        except OSError:
            return False
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True  # released when the file is closed


def carry_over(out: Path, schools: Path, staging: Path) -> None:
    """Put the board's own files into `staging`: the kept names from `out`, then `site-extra/`."""
    if out.is_dir():
        for path in out.iterdir():
            if any(fnmatch.fnmatch(path.name, pattern) for pattern in KEEP) and not path.is_symlink():
                _copy(path, staging / path.name)
    extra = schools.parent / EXTRA
    if extra.is_dir():
        for path in extra.iterdir():
            if not path.is_symlink():
                _copy(path, staging / path.name)


def _copy(source: Path, target: Path) -> None:
    if source.is_dir():
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, symlinks=False, ignore=shutil.ignore_patterns(".git"))
    elif source.is_file():
        shutil.copy2(source, target)


def replace_outputs(out: Path, intern: Path | None, schools: Path, fill: Callable[[Path, Path | None], None]) -> None:
    """Let `fill` write the new site (and internal folder) into staging folders, then swap each in.

    The board's own files are carried into the site first. A failure in `fill` leaves both
    outputs as they were; the two swaps are each atomic, the site first.
    """
    staging = new_staging(out)
    staging_intern = new_staging(intern) if intern is not None else None
    try:
        fill(staging, staging_intern)
        carry_over(out, schools, staging)
        publish(staging, out)
        if intern is not None and staging_intern is not None:
            publish(staging_intern, intern)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if staging_intern is not None:
            shutil.rmtree(staging_intern, ignore_errors=True)


def new_staging(out: Path) -> Path:
    """Make a fresh staging directory beside `out`, clearing ones left by killed builds."""
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}.staging-*"):
        pid = stale.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)
    staging = out.parent / f".{out.name}.staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def link_tree(source: Path, target: Path) -> None:
    """Copy a published school into staging as hard links: fast, and never shared for writing."""
    shutil.copytree(source, target, copy_function=_link_or_copy)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


_RENAME_EXCHANGE = 2


def publish(staging: Path, out: Path) -> None:
    """Put `staging` in place of `out` atomically; afterwards `staging` holds the old output."""
    if not out.exists():
        staging.rename(out)
        staging.mkdir()  # the caller removes it
        return
    if _exchange(staging, out):
        return
    # No renameat2 (not Linux, or an old kernel): two renames, with a tiny window.
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    out.rename(old)
    staging.rename(out)
    old.rename(staging)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths with renameat2(RENAME_EXCHANGE); False when unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    rc = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0
