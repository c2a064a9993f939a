"""`build.py --serve SLUG`: a live preview of one school for board staff editing its YAML.

The school is built into a temporary folder and served on 127.0.0.1 only. The
school file, the stichting file, logos, our templates and assets are watched
(watchdog: the kernel reports a save at once, where polling would add half its
interval). On a save the school is validated and its website rebuilt and swapped
in first; open pages hear of it at once over a server-sent event stream and
reload. The PDFs follow in a forked child process of this warm one: their links
keep serving the last good PDFs until the new ones are written, and a newer save
stops an older PDF build that is still running.

Errors are printed in Dutch in the terminal and shown as a banner at the bottom of
every open page (file, line, message) until they are fixed; the last good
version stays served. A failed PDF build shows the same way, for the version on
screen, while the PDF links keep serving the last good PDFs. The reload script
and banner are added to pages as they are served; the built files themselves are
the same as a normal build's (with the engine chosen by --engine).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import http.server
import json
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .content import load_content
from .errors import BuildError, ConfigError, MeldcodeError, Problem
from .load import load_config
from .names import STICHTING_FILE
from .pdf import font_configuration
from .pipeline import Paths, build_school_pdfs, build_school_site
from .process import one_school
from .render import environment, mkdocs_base

_IMAGES = (".svg", ".png", ".jpg", ".jpeg")
_QUIET = 0.05  # seconds without further file events before building: editors save in bursts
_KEEPALIVE = 15.0  # seconds between comments on an idle event stream, to notice closed pages

# Added before </body> of every served page: listens for new versions and shows errors.
# The banner sits at the bottom of the window, and the page gets room below for it: the
# theme's header (menu, search) stays usable and no part of the page is out of reach.
# The banner is built with textContent only: messages quote user input. No "%" but the
# two placeholders: the script is filled in with Python's % formatting.
_SCRIPT = """<script>(function(){var mine=%d;
function rows(list){var ul=document.createElement('ul');ul.style.cssText='margin:.3em 0 0;padding-left:1.2em';
list.forEach(function(e){var li=document.createElement('li');if(e.bestand){var w=document.createElement('strong');
w.textContent=e.bestand+(e.regel?', regel '+e.regel:'')+': ';li.appendChild(w)}
li.appendChild(document.createTextNode((e.veld?e.veld+': ':'')+e.melding));ul.appendChild(li)});return ul}
function part(box,colour,title,list){var p=document.createElement('div');
p.style.cssText='background:'+colour+';padding:.6em 1em;overflow-wrap:anywhere';
var h=document.createElement('strong');h.textContent=title;p.appendChild(h);p.appendChild(rows(list));
box.appendChild(p)}
function pad(){var b=document.getElementById('meldcode-voorbeeld-fout');
document.body.style.paddingBottom=b?b.offsetHeight+'px':''}
function banner(s){var old=document.getElementById('meldcode-voorbeeld-fout');if(old){old.remove()}
if(!s.fouten.length&&!s.pdf_fouten.length){pad();return}var box=document.createElement('div');
box.id='meldcode-voorbeeld-fout';box.setAttribute('role','alert');
box.style.cssText='position:fixed;bottom:0;left:0;right:0;z-index:10000;max-height:40vh;overflow:auto;'
+'color:#fff;font:15px/1.4 sans-serif;box-shadow:0 -2px 6px rgba(0,0,0,.4)';
if(s.fouten.length){part(box,'#8b0000',mine?'Fout in de invoer: dit voorbeeld toont nog de vorige goede versie.'
:'Fout in de invoer: er is nog geen goede versie om te tonen.',s.fouten)}
if(s.pdf_fouten.length){part(box,'#6b4000',(s.fouten.length
?"De PDF's van de getoonde versie konden niet worden gemaakt. "
:"De website is bijgewerkt, maar de PDF's konden niet worden gemaakt. ")
+(s.pdf?"De PDF-links geven nog de vorige goede PDF's.":"Er zijn nog geen PDF's."),s.pdf_fouten)}
document.body.appendChild(box);pad()}
addEventListener('resize',pad);
function show(s){if(s.versie!==mine){location.reload();return}banner(s)}
show(%s);var es=new EventSource('/__gebeurtenissen');
es.onmessage=function(m){show(JSON.parse(m.data))};})();</script>"""

_NO_SITE = (
    "<!DOCTYPE html><html lang=nl><meta charset=utf-8><title>Voorbeeld</title>"
    "<body style='margin:2em 1em;font:16px/1.4 sans-serif'><p>Er is nog geen goede versie van deze school."
    " Herstel de fouten onderaan deze pagina en sla het bestand op; deze pagina ververst dan zichzelf.</p>"
    "</body></html>"
)
_BUILDING = (
    "<!DOCTYPE html><html lang=nl><meta charset=utf-8><title>Voorbeeld</title>"
    "<body style='margin:2em 1em;font:16px/1.4 sans-serif'><p>De website van deze school wordt gebouwd."
    " Deze pagina ververst zichzelf zodra hij klaar is.</p>"
    "</body></html>"
)
_PDF_PENDING = (
    "<!DOCTYPE html><html lang=nl><meta charset=utf-8><title>PDF wordt gemaakt</title>"
    "<meta http-equiv=refresh content=2><p>De PDF wordt nog gemaakt. Deze pagina ververst zichzelf.</p></html>"
)
_PDF_FAILED = (
    "<!DOCTYPE html><html lang=nl><meta charset=utf-8><title>PDF niet gemaakt</title>"
    "<body style='margin:2em 1em;font:16px/1.4 sans-serif'><p>De PDF kon niet worden gemaakt; wat er misging"
    " staat onderaan deze pagina. Herstel het en sla het bestand op; deze pagina ververst dan zichzelf.</p>"
    "</body></html>"
)


class _State:
    """What the server shows: the current site, the last good PDFs, and open problems."""

    def __init__(self) -> None:
        self.site: Path | None = None  # the school's folder in the current version
        self.pdfs: Path | None = None  # folder with the last good PDFs
        self.version = 0  # +1 for every new site swapped in
        self.pdf_version = 0  # the site version the served PDFs belong to
        self.ready = 0.0  # when the current site was swapped in (Unix time; the benchmark reads it)
        self.problems: list[dict] = []  # why the last save gave no new site
        self.pdf_problems: list[dict] = []  # why the current site's PDFs could not be made
        self.changed = threading.Condition()
        self.stopping = False

    def status(self) -> dict:
        return {
            "versie": self.version,
            "pdf": self.pdf_version,
            "fouten": self.problems,
            "pdf_fouten": self.pdf_problems,
            "klaar": self.ready,
        }

    def publish(self, **changes: Any) -> None:
        """Change what is served and wake every open event stream."""
        with self.changed:
            for name, value in changes.items():
                setattr(self, name, value)
            self.changed.notify_all()


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: _State
    protocol_version = "HTTP/1.1"  # keep connections open between a page's requests

    def log_message(self, format: str, *args: Any) -> None:  # the terminal is for build messages
        pass

    def do_HEAD(self) -> None:
        if self._odd():
            return
        self._pick_directory()
        super().do_HEAD()

    def _odd(self) -> bool:
        """Answer a request no page of ours makes (a NUL in the path) with 400; True if answered."""
        if "\x00" in urllib.parse.unquote(self.path, errors="replace"):
            self.send_error(400, "Ongeldig adres")
            return True
        return False

    def do_GET(self) -> None:
        if self._odd():
            return
        try:
            self._get()
        except ValueError:  # a path the file system cannot take; never a traceback in the terminal
            self.send_error(400, "Ongeldig adres")

    def _get(self) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/__gebeurtenissen":
            self._events()
            return
        site, pdfs, status = self._pick_directory()
        if site is None:
            page = _NO_SITE if status["fouten"] else _BUILDING  # no errors yet: the first build is running
            self._send(200, "text/html; charset=utf-8", self._with_script(page.encode(), status))
            return
        if path.endswith(".pdf") and "/" not in path.strip("/"):
            if pdfs is None and status["pdf_fouten"]:
                self._send(503, "text/html; charset=utf-8", self._with_script(_PDF_FAILED.encode(), status))
                return
            if pdfs is None:
                self._send(503, "text/html; charset=utf-8", _PDF_PENDING.encode())
                return
            self.directory = str(pdfs)
        file = Path(self.translate_path(self.path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            self._send(200, "text/html; charset=utf-8", self._with_script(file.read_bytes(), status))
            return
        super().do_GET()

    @staticmethod
    def _with_script(page: bytes, status: dict) -> bytes:
        script = _SCRIPT % (status["versie"], json.dumps(status, ensure_ascii=False).replace("<", "\\u003c"))
        return page.replace(b"</body>", script.encode() + b"</body>", 1)

    def _pick_directory(self) -> tuple[Path | None, Path | None, dict]:
        with self.state.changed:
            site, pdfs, status = self.state.site, self.state.pdfs, self.state.status()
        self.directory = str(site)
        return site, pdfs, status

    def _send(self, code: int, kind: str, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _news(self, sent: dict | None) -> bool:
        return self.state.stopping or self.state.status() != sent

    def _events(self) -> None:
        """Stream the status to a page: once now, then on every change, until the page goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        sent = None
        try:
            while True:
                with self.state.changed:
                    self.state.changed.wait_for(functools.partial(self._news, sent), timeout=_KEEPALIVE)
                    if self.state.stopping:
                        return
                    status = self.state.status()
                if status == sent:
                    self.wfile.write(b": wacht\n\n")
                else:
                    self.wfile.write(f"data: {json.dumps(status, ensure_ascii=False)}\n\n".encode())
                    sent = status
                self.wfile.flush()
        except OSError:  # the page was closed or reloaded
            return


def _problem_row(problem: Problem) -> dict:
    return {"bestand": problem.file, "regel": problem.line, "veld": problem.field, "melding": problem.message}


def _failure(exc: Exception) -> tuple[Path | None, str]:
    """Return the user's file at fault (where known) and the Dutch message of a failed build."""
    if isinstance(exc, BuildError) and exc.file is not None:
        return exc.file, exc.detail
    if isinstance(exc, MeldcodeError):
        return None, str(exc)
    return None, f"interne fout bij het bouwen ({type(exc).__name__}: {exc})"


class _Forked:
    """A function run in a forked child of this warm process; its result comes back pickled.

    A child starts with everything this process has loaded (WeasyPrint, fonts, compiled
    templates), and can be stopped at once when a newer save makes its work stale.
    Fork only while no other thread renders: the HTTP and watcher threads never do.
    """

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run, report, and leave without cleaning up
            try:
                gc.disable()  # the child's memory goes back to the system when it exits
                os.close(read)
                try:
                    result: tuple = ("ok", function(*args))
                except Exception as exc:  # noqa: BLE001 - also a bug of ours: report it, keep previewing
                    result = ("error", _failure(exc))
                with os.fdopen(write, "wb") as pipe:
                    pipe.write(pickle.dumps(result))
            finally:
                os._exit(0)
        os.close(write)
        self.pid, self._read = pid, read

    def result(self) -> tuple[str, Any]:
        """Wait for the child; return ("ok", value), ("error", (file, message)) or ("stopped", None)."""
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self.pid, 0)
        return pickle.loads(data) if data else ("stopped", None)

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)


def _pdfs_in_child(school: Any, paths: Paths, target: Path, poster: str) -> tuple[int, float]:
    target.mkdir(parents=True)
    return build_school_pdfs(school, paths, target, poster)


class _Preview:
    """Rebuilds one school on every change: site first, then its PDFs in the background."""

    def __init__(self, paths: Paths, slug: str, work: Path, poster: str = "A4", engine: str = "mkdocs") -> None:
        self.paths, self.slug, self.work, self.poster, self.engine = paths, slug, work, poster, engine
        self.state = _State()
        self.builds = 0
        self.pdf_job: _Forked | None = None
        self.pdf_lock = threading.Lock()

    def rebuild(self, pdfs_in_child: bool = True, ours_changed: bool = False) -> bool:
        """Validate and rebuild the site, then start the PDFs; return whether the site is new.

        `ours_changed`: a template, asset or mkdocs.yml changed, not only the school's files.
        """
        started = time.perf_counter()
        if ours_changed:  # read our content and templates again (otherwise kept per process)
            load_content.cache_clear()
            mkdocs_base.cache_clear()
            environment.cache_clear()
            font_configuration.cache_clear()  # fonts are read once per process
        config = load_config(self.paths.schools, self.paths.templates)
        mine = [p for p in config.problems if p.school in (None, self.slug)]
        school = next((s for s in config.schools if s.slug == self.slug), None)
        if school is None and not mine:
            own = f"{self.paths.schools.name}/{self.slug}.yaml"
            mine = [Problem(own, None, None, "deze school bestaat niet", self.slug)]
        if mine or school is None:
            self._fail(mine)
            return False
        self.builds += 1
        folder = self.work / f"site-{self.builds}"
        try:
            with one_school():
                build_school_site(school, self.paths, folder / self.slug, self.engine)
        except MeldcodeError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            self._fail([Problem(f"{self.paths.schools.name}/{self.slug}.yaml", None, None, str(exc), self.slug)])
            return False
        old = self.state.site
        # A PDF failure belongs to the version it was made for: the new one gets its own try.
        self.state.publish(
            site=folder / self.slug, version=self.state.version + 1, problems=[], pdf_problems=[], ready=time.time()
        )
        if old is not None:
            # Keep the previous version for requests still reading it; drop the one before.
            for stale in self.work.glob("site-*"):
                if stale not in (folder, old.parent):
                    shutil.rmtree(stale, ignore_errors=True)
        print(f"Website bijgewerkt in {time.perf_counter() - started:.1f} s; de PDF's volgen.", flush=True)
        self._start_pdfs(school, self.state.version, started, pdfs_in_child)
        return True

    def _fail(self, problems: list[Problem]) -> None:
        problems = ConfigError(problems).problems  # sorted, without duplicates
        after = "De vorige goede versie blijft zichtbaar." if self.state.version else "Er is nog geen goede versie."
        sys.stderr.write("\n".join(map(str, problems)) + f"\n{after}\n")
        sys.stderr.flush()
        self.state.publish(problems=[_problem_row(p) for p in problems])

    def _start_pdfs(self, school: Any, version: int, started: float, in_child: bool) -> None:
        target = self.work / f"pdf-{version}"
        if not in_child:  # the first build: warms this process up for the children to come
            try:
                with one_school():
                    _pdfs_in_child(school, self.paths, target, self.poster)
            except Exception as exc:  # noqa: BLE001 - also a bug of ours: report it, keep previewing
                self._pdfs_done(version, target, started, ("error", _failure(exc)))
            else:
                self._pdfs_done(version, target, started, ("ok", None))
            return
        with self.pdf_lock:
            if self.pdf_job is not None:
                self.pdf_job.stop()  # superseded by this newer save
            job = self.pdf_job = _Forked(_pdfs_in_child, school, self.paths, target, self.poster)
        threading.Thread(target=lambda: self._pdfs_done(version, target, started, job.result()), daemon=True).start()

    def _pdfs_done(self, version: int, target: Path, started: float, outcome: tuple[str, Any]) -> None:
        """Serve the new PDFs of site `version`, or show why they failed; drop what a newer save made stale."""
        kind, value = outcome
        if kind == "stopped":
            shutil.rmtree(target, ignore_errors=True)
            return
        if kind == "error":
            shutil.rmtree(target, ignore_errors=True)
            file, message = value
            problem = Problem(self._shown(file) if file else "", None, None, message, self.slug)
            with self.state.changed:
                current = version == self.state.version
                if current:
                    self.state.pdf_problems = [_problem_row(problem)]
                    self.state.changed.notify_all()
                have_pdfs = self.state.pdfs is not None
            if current:  # else a newer save is building its own PDFs, and this failure is stale
                after = "De vorige PDF's blijven beschikbaar." if have_pdfs else "Er zijn nog geen PDF's."
                where = f"{problem.file}: " if problem.file else ""
                sys.stderr.write(f"De PDF's konden niet worden gemaakt:\n{where}{message}\n{after}\n")
                sys.stderr.flush()
            return
        with self.state.changed:
            old, newer = self.state.pdfs, self.state.pdf_version > version
            if not newer:
                self.state.pdfs, self.state.pdf_version = target, version
                self.state.changed.notify_all()
        if newer:
            shutil.rmtree(target, ignore_errors=True)
            return
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        print(f"PDF's bijgewerkt ({time.perf_counter() - started:.1f} s na het begin van de bouw).", flush=True)

    def _shown(self, file: Path) -> str:
        """Return `file` as problems name it: schools/logo.svg."""
        try:
            return f"{self.paths.schools.name}/{file.relative_to(self.paths.schools).as_posix()}"
        except ValueError:
            return file.name

    def stop(self) -> None:
        self.state.publish(stopping=True)
        with self.pdf_lock:
            if self.pdf_job is not None:
                self.pdf_job.stop()


def _watch(paths: Paths, slug: str, wake: threading.Event):
    """Start watching the files the preview depends on; set `wake` on every change to one."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    own = {f"{slug}.yaml", f"{slug}.yml", STICHTING_FILE}

    class Changes(FileSystemEventHandler):
        def __init__(self, relevant: Callable[[Path], bool]) -> None:
            self.relevant = relevant

        def on_any_event(self, event: FileSystemEvent) -> None:
            if event.event_type in ("opened", "closed_no_write"):
                return
            names = [event.src_path, getattr(event, "dest_path", "")]
            if any(name and self.relevant(Path(os.fsdecode(name))) for name in names):
                wake.set()

    observer = Observer()
    schools = Changes(lambda p: p.name in own or p.suffix.lower() in _IMAGES)
    observer.schedule(schools, str(paths.schools), recursive=False)
    for folder in (paths.templates, paths.assets):
        observer.schedule(Changes(lambda p: not p.name.endswith("~")), str(folder), recursive=True)
    observer.schedule(Changes(lambda p: p == paths.mkdocs), str(paths.mkdocs.parent), recursive=False)
    observer.daemon = True
    observer.start()
    return observer


def _stamp(paths: Paths, slug: str) -> tuple:
    """Size and modification time of every watched file: unchanged means nothing to rebuild."""
    files = [paths.schools / f"{slug}.yaml", paths.schools / f"{slug}.yml", paths.schools / STICHTING_FILE]
    files += [p for p in paths.schools.iterdir() if p.suffix.lower() in _IMAGES]
    files += [p for root in (paths.templates, paths.assets) for p in root.rglob("*") if p.is_file()]
    files.append(paths.mkdocs)
    stamp = []
    for path in files:
        try:
            info = path.stat()
        except OSError:
            stamp.append((str(path), 0, 0))
        else:
            stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamp)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def serve(paths: Paths, slug: str, port: int, poster: str = "A4", engine: str = "mkdocs") -> int:
    """Serve a live preview of one school, its website built by `engine`, until Ctrl+C; return the exit status."""
    work = Path(tempfile.mkdtemp(prefix="meldcode-voorbeeld-"))
    preview = _Preview(paths, slug, work, poster, engine)
    wake = threading.Event()
    server = None
    # `kill` stops the preview like Ctrl+C: the temporary folder goes too.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        observer = _watch(paths, slug, wake)
        stamp = _stamp(paths, slug)
        handler = type("Handler", (_Handler,), {"state": preview.state})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Voorbeeld van {slug}: http://127.0.0.1:{port}/  (stoppen: Ctrl+C)", flush=True)
        preview.rebuild(pdfs_in_child=False)
        while True:
            wake.wait()
            # Wait for the burst of events of one save to end, then build once.
            while wake.wait(_QUIET):
                wake.clear()
            new = _stamp(paths, slug)
            if new == stamp:
                continue
            changed = {path for path, *_ in set(new) ^ set(stamp)}
            stamp = new
            print("Wijziging gezien, opnieuw bouwen ...", flush=True)
            preview.rebuild(ours_changed=any(Path(path).parent != paths.schools for path in changed))
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        sys.stderr.write(f"Kan de voorbeeldserver niet starten: {exc}\n")
        return 1
    finally:
        preview.stop()
        if server is not None:
            server.shutdown()
            server.server_close()
        with contextlib.suppress(NameError):
            observer.stop()
        shutil.rmtree(work, ignore_errors=True)
