"""`build.py --serve SLUG`: the preview, driven end to end in headless Chromium."""

from __future__ import annotations

import contextlib
import http.server
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, copy_schools, pdf_page_texts

from meldcode.names import pdf_file
from meldcode.pipeline import Paths
from meldcode.serve import _Handler, _Preview, _State

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BANNER = "#meldcode-voorbeeld-fout"
HANDBOOK = "/" + pdf_file("handbook", "de-regenboog")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


def _wait_for(check: Callable[[], Any], seconds: float = 120) -> Any:
    """Poll `check` until it returns something true; fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.1)
    raise AssertionError("timed out")


def _status(base: str) -> dict:
    """The preview's status: the first message of its event stream."""
    with urllib.request.urlopen(base + "/__gebeurtenissen", timeout=5) as stream:
        for line in stream:
            if line.startswith(b"data: "):
                return json.loads(line[6:])
    raise AssertionError("no status")


def _poster_text(base: str) -> str:
    return pdf_page_texts(_get(base + "/poster-de-regenboog.pdf"))[0]


@contextlib.contextmanager
def _running_preview(tmp_path: Path, *options: str) -> Iterator[tuple[str, Path, list[str]]]:
    """Run a preview of de-regenboog on a copy of the example schools; yield (url, school file, output)."""
    schools = copy_schools(tmp_path)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "--schools", str(schools), "--serve", "de-regenboog"]
        + ["--port", str(port), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output: list[str] = []
    reader = threading.Thread(target=lambda: output.extend(proc.stdout or []), daemon=True)
    reader.start()
    base = f"http://127.0.0.1:{port}"
    try:
        # Ready when the first PDFs are: from then on every save takes the fast path.
        _wait_for(lambda: proc.poll() is None and _status(base)["pdf"] == 1 or proc.poll() is not None)
        assert proc.poll() is None, "".join(output)
        yield base, schools / "de-regenboog.yaml", output
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        reader.join(timeout=5)


@pytest.fixture()
def preview(tmp_path) -> Iterator[tuple[str, Path, list[str]]]:
    """A running preview with the default engine (MkDocs); yields (url, school file, output)."""
    with _running_preview(tmp_path) as running:
        yield running


@pytest.fixture()
def preview_zensical(tmp_path) -> Iterator[tuple[str, Path, list[str]]]:
    """A running preview whose website Zensical builds; yields (url, school file, output)."""
    with _running_preview(tmp_path, "--engine", "zensical") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed; `make test` installs it")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield browser
        browser.close()


@pytest.fixture()
def page(browser) -> Iterator[Any]:
    """A page of its own (a fresh browser context) in the module's browser."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.mark.browser
def test_preview_reloads_on_save_shows_errors_in_a_banner_and_keeps_the_last_good_page(preview, page):
    base, school, output = preview
    page.goto(base + "/index.html")
    assert "Fatima el Amrani" in page.inner_text("body")
    assert page.locator(BANNER).count() == 0

    # A good edit: the open page reloads by itself; the PDFs follow.
    with page.expect_navigation(timeout=60_000):
        school.write_text(school.read_text().replace("Fatima el Amrani", "Fatima Amrani-Bakker"))
    assert "Fatima Amrani-Bakker" in page.inner_text("body")
    _wait_for(lambda: "Fatima Amrani-Bakker" in _poster_text(base))

    # A broken edit: a banner names file, line and problem; the last good page stays.
    school.write_text(school.read_text().replace("telefoon: 06-41 23 56 78", "telefoon: 06-41"))
    page.wait_for_selector(BANNER, timeout=60_000)
    banner = page.inner_text(BANNER)
    line = 1 + school.read_text().splitlines().index("  telefoon: 06-41")
    assert f"schools/de-regenboog.yaml, regel {line}" in banner
    assert '"06-41" is geen geldig telefoonnummer' in banner
    # At the bottom of the window, the header (menu, search) free, with room below the page for it.
    box = page.locator(BANNER).bounding_box()
    assert box and box["y"] > 100 and box["y"] + box["height"] == page.viewport_size["height"]
    assert page.evaluate(f"document.body.style.paddingBottom == document.querySelector('{BANNER}').offsetHeight + 'px'")
    page.reload()  # a fresh load shows the banner too, over the last good page
    page.wait_for_selector(BANNER)
    assert "Fatima Amrani-Bakker" in page.inner_text("body")
    assert "Fatima Amrani-Bakker" in _poster_text(base)

    # The fix: the page reloads with the fixed version and the banner is gone.
    with page.expect_navigation(timeout=60_000):
        school.write_text(
            school.read_text()
            .replace("telefoon: 06-41\n", "telefoon: 06-41 23 56 79\n")
            .replace("Amrani-Bakker", "Amrani")
        )
    body = page.inner_text("body")
    assert "Fatima Amrani" in body and "Amrani-Bakker" not in body
    assert "06 41235679" in body  # the fixed number, as the site writes it
    assert page.locator(BANNER).count() == 0
    text = "".join(output)
    assert '"06-41" is geen geldig telefoonnummer' in text  # in the terminal too


@pytest.mark.browser
def test_preview_with_zensical_builds_the_site_with_zensical_and_reloads_on_save(preview_zensical, page):
    base, school, output = preview_zensical
    page.goto(base + "/index.html")
    assert page.get_attribute('meta[name="generator"]', "content").startswith("zensical-")
    assert "Fatima el Amrani" in page.inner_text("body")

    with page.expect_navigation(timeout=60_000):
        school.write_text(school.read_text().replace("Fatima el Amrani", "Fatima Amrani-Bakker"))
    assert "Fatima Amrani-Bakker" in page.inner_text("body")
    assert page.get_attribute('meta[name="generator"]', "content").startswith("zensical-")
    assert page.locator(BANNER).count() == 0


@pytest.mark.browser
def test_a_failed_pdf_build_shows_on_the_page_and_the_last_good_pdfs_stay_until_it_is_fixed(preview, page):
    base, school, output = preview
    logo = school.parent / "logo-vechtdal.svg"
    good_logo, good_handbook = logo.read_bytes(), _get(base + HANDBOOK)
    page.goto(base + "/index.html")

    # A logo that passes validation but asks for a web font online: the site is
    # rebuilt with it, the PDF build refuses to fetch the font and fails.
    with page.expect_navigation(timeout=60_000):
        shutil.copy(FIXTURES / "bad-logo" / "web-font.svg", logo)
    page.wait_for_selector(BANNER, timeout=60_000)
    banner = page.inner_text(BANNER)
    assert "De website is bijgewerkt, maar de PDF's konden niet worden gemaakt." in banner
    assert "De PDF-links geven nog de vorige goede PDF's." in banner
    assert "schools/logo-vechtdal.svg: het logo verwijst naar https://fonts.voorbeeld.nl/vechtdal-sans.woff2" in banner
    assert "Fout in de invoer" not in banner
    assert _get(base + HANDBOOK) == good_handbook  # the last good PDFs stay served
    status = _status(base)
    assert (status["versie"], status["pdf"]) == (2, 1)

    # An invalid save on top: both show, and user text stays text.
    school.write_text(school.read_text().replace("telefoon: 06-41 23 56 78", 'telefoon: "<b>06</b>"'))
    page.wait_for_function(
        "document.getElementById('meldcode-voorbeeld-fout').innerText.includes('Fout in de invoer')", timeout=60_000
    )
    banner = page.inner_text(BANNER)
    assert '"<b>06</b>" is geen geldig telefoonnummer' in banner
    assert page.locator(f"{BANNER} b").count() == 0
    assert "De PDF's van de getoonde versie konden niet worden gemaakt." in banner

    # Fixing the phone number gives a new version; its PDFs fail too, for the same logo.
    with page.expect_navigation(timeout=60_000):
        school.write_text(school.read_text().replace('telefoon: "<b>06</b>"', "telefoon: 06-41 23 56 78"))
    page.wait_for_selector(BANNER, timeout=60_000)
    banner = page.inner_text(BANNER)
    assert "logo-vechtdal.svg" in banner and "Fout in de invoer" not in banner
    assert _status(base)["versie"] == 3

    # The good logo back: new PDFs, and the banner is gone.
    with page.expect_navigation(timeout=60_000):
        logo.write_bytes(good_logo)
    _wait_for(lambda: (s := _status(base))["pdf"] == s["versie"] == 4)
    assert _status(base)["pdf_fouten"] == []
    assert page.locator(BANNER).count() == 0
    assert _get(base + HANDBOOK) == good_handbook  # the same input again, the same bytes
    text = "".join(output)
    assert "De PDF's konden niet worden gemaakt" in text and "vechtdal-sans.woff2" in text  # in the terminal too


def test_a_pdf_failure_of_a_superseded_version_is_not_shown(tmp_path):
    preview = _Preview(Paths.project(ROOT / "schools", tmp_path / "site"), "de-regenboog", tmp_path)
    preview.state.publish(version=2)  # a newer save's site is in; its PDFs are on their way
    preview._pdfs_done(1, tmp_path / "pdf-1", 0.0, ("error", (None, "de oude bouw mislukte")))
    assert preview.state.status()["pdf_fouten"] == []
    preview._pdfs_done(2, tmp_path / "pdf-2", 0.0, ("error", (ROOT / "schools" / "logo-vechtdal.svg", "kapot")))
    assert preview.state.status()["pdf_fouten"] == [
        {"bestand": "schools/logo-vechtdal.svg", "regel": None, "veld": None, "melding": "kapot"}
    ]


def test_a_pdf_link_says_the_pdf_could_not_be_made_when_there_is_no_good_one(tmp_path):
    (tmp_path / "index.html").write_text("<html><body><p>Start</p></body></html>")
    state = _State()
    state.publish(
        site=tmp_path, version=1, pdf_problems=[{"bestand": "", "regel": None, "veld": None, "melding": "<kapot>"}]
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("Handler", (_Handler,), {"state": state}))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with pytest.raises(urllib.error.HTTPError) as failed:
            _get(f"http://127.0.0.1:{server.server_address[1]}{HANDBOOK}")
        page = failed.value.read().decode()
        assert failed.value.code == 503
        assert "De PDF kon niet worden gemaakt" in page and "nog gemaakt" not in page
        assert '"melding": "\\u003ckapot>"' in page  # the banner's status, with no "<" to end the script early
    finally:
        server.shutdown()
        server.server_close()


def test_the_preview_answers_odd_requests_with_an_error_status_never_a_traceback(tmp_path, capfd):
    import http.server
    import socket
    import threading

    from meldcode.serve import _Handler, _State

    (tmp_path / "index.html").write_text("<html><body>voorbeeld</body></html>")
    state = _State()
    state.site = tmp_path
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Handler,), {"state": state}))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    odd = {
        b"GET /%00 HTTP/1.0": b"400",
        b"GET /a\x00b HTTP/1.0": b"400",
        b"GET /stap-1.pdf%00 HTTP/1.0": b"400",
        b"HEAD /%00 HTTP/1.0": b"400",
        b"GET /../../etc/passwd HTTP/1.0": b"404",
        b"GET http://elders.example/ HTTP/1.0": b"404",
        b"BREW / HTTP/1.0": b"501",
        b"GET /" + b"a" * 70_000 + b" HTTP/1.0": b"414",
    }
    try:
        for request, status in odd.items():
            with socket.create_connection(server.server_address, timeout=10) as conn:
                conn.sendall(request + b"\r\n\r\n")
                answer = conn.recv(200)
            assert answer.split(b"\r\n")[0].split(b" ")[1] == status, request[:40]
    finally:
        server.shutdown()
        server.server_close()
    assert "Traceback" not in capfd.readouterr().err


@pytest.mark.parametrize("port", ["70000", "0", "acht", "-1"])
def test_a_bad_port_is_one_dutch_line(port, capsys):
    from meldcode.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["--serve", "de-regenboog", "--port", port])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "geen poortnummer; kies een getal van 1 tot en met 65535" in err and "Traceback" not in err


def test_before_the_first_site_the_preview_says_it_is_building_not_that_there_are_errors(tmp_path):
    import http.server
    import threading
    import urllib.request

    from meldcode.serve import _Handler, _State

    state = _State()  # as in the first seconds: no site yet, no problems
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), type("H", (_Handler,), {"state": state}))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            page = answer.read().decode()
        assert "wordt gebouwd" in page and "Herstel de fouten" not in page
        state.publish(problems=[{"bestand": "schools/x.yaml", "regel": 3, "veld": "naam", "melding": "leeg"}])
        with urllib.request.urlopen(url, timeout=10) as answer:
            assert "Herstel de fouten onderaan deze pagina" in answer.read().decode()
    finally:
        server.shutdown()
        server.server_close()
