"""`build.py --serve SLUG`: a live preview of one school for board staff editing its YAML.

The school is built into a temporary folder and served on 127.0.0.1. Every
half second the school file, the stichting file (and our templates and
assets) are checked; on a change the school is validated and rebuilt, and open
pages reload themselves. Errors are printed in Dutch and the last good preview
stays up. The reload script is added to pages as they are served; the built
files themselves are the same as a normal build's.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

from .errors import ConfigError
from .model import STICHTING_FILE, load_config
from .pipeline import Failed, Paths, build_school

_RELOAD = b"""<script>(function(){var v=null;setInterval(function(){fetch('/__versie')
.then(function(r){return r.text()})
.then(function(t){if(v===null){v=t}else if(t!==v){location.reload()}}).catch(function(){})},1000)})();</script>"""


class _State:
    def __init__(self):
        self.directory: Path | None = None
        self.version = 0
        self.lock = threading.Lock()


class _Handler(http.server.SimpleHTTPRequestHandler):
    state: _State

    def log_message(self, *args):  # keep the terminal for build messages
        pass

    def translate_path(self, path):
        with self.state.lock:
            self.directory = str(self.state.directory)
        return super().translate_path(path)

    def do_GET(self):
        if self.path == "/__versie":
            body = str(self.state.version).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" and path.is_file():
            body = path.read_bytes().replace(b"</body>", _RELOAD + b"</body>")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()


def _watched(paths: Paths, slug: str) -> list[Path]:
    files = [paths.schools / f"{slug}.yaml", paths.schools / f"{slug}.yml", paths.schools / STICHTING_FILE]
    files += [p for p in paths.schools.iterdir() if p.suffix.lower() in (".svg", ".png", ".jpg", ".jpeg")]
    files += [p for root in (paths.templates, paths.assets) for p in root.rglob("*") if p.is_file()]
    return files


def _stamp(files: list[Path]) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else (str(p), 0, 0) for p in files)


def _rebuild(paths: Paths, slug: str, work: Path, state: _State) -> None:
    started = time.perf_counter()
    config = load_config(paths.schools, paths.templates)
    mine = [p for p in config.problems if p.school in (None, slug)]
    if mine:
        sys.stderr.write("\n".join(map(str, ConfigError(mine).problems)) + "\nDe vorige versie blijft zichtbaar.\n")
        return
    school = next((s for s in config.schools if s.slug == slug), None)
    if school is None:
        sys.stderr.write(f"De school '{slug}' bestaat niet in {paths.schools.name}/.\n")
        return
    target = work / str(state.version + 1)
    target.mkdir(parents=True)
    outcome = build_school(school, paths, target)
    if isinstance(outcome, Failed):
        sys.stderr.write(f"Bouwen mislukt: {outcome.error}\nDe vorige versie blijft zichtbaar.\n")
        shutil.rmtree(target, ignore_errors=True)
        return
    with state.lock:
        old = state.directory
        state.directory = target / slug
        state.version += 1
    if old is not None:
        shutil.rmtree(old.parent, ignore_errors=True)
    print(f"Bijgewerkt in {time.perf_counter() - started:.1f} s.", flush=True)


def serve(paths: Paths, slug: str, port: int) -> int:
    """Serve a live preview of one school until Ctrl+C; return the exit status."""
    work = Path(tempfile.mkdtemp(prefix="meldcode-voorbeeld-"))
    state = _State()
    try:
        _rebuild(paths, slug, work, state)
        if state.directory is None:
            return 1
        handler = type("Handler", (_Handler,), {"state": state})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"Voorbeeld van {slug}: http://127.0.0.1:{port}/  (stoppen: Ctrl+C)", flush=True)
        stamp = _stamp(_watched(paths, slug))
        while True:
            time.sleep(0.5)
            new = _stamp(_watched(paths, slug))
            if new != stamp:
                stamp = new
                print("Wijziging gezien, opnieuw bouwen ...", flush=True)
                _rebuild(paths, slug, work, state)
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        sys.stderr.write(f"Kan de voorbeeldserver niet starten: {exc}\n")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
