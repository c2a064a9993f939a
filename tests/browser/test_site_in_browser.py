"""The built site in real headless Chromium: search, the afwegingskader, privacy, layout, accessibility."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import shutil
import threading
from pathlib import Path

import pytest
from conftest import ROOT

from meldcode.content import kader_paths, load_content
from meldcode.load import load_config
from meldcode.overview import overdue
from meldcode.pages import kader_for
from meldcode.pipeline import MANIFEST
from meldcode.publish import SECURITY_HEADERS

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
# The afwegingskader as de Wissel's handbook words it (some texts follow the pupils' ages).
KADER = kader_for(
    next(s for s in load_config(ROOT / "schools", ROOT / "templates").schools if s.slug == "de-wissel"),
    load_content(ROOT / "templates").kader,
)
# One search result: Material's list item, or an option of Zensical's result list (in a shadow root).
SEARCH_RESULTS = ".md-search-result__item, [role=listbox] [role=option]"


@pytest.fixture(scope="module")
def server(engine_site):
    handler = functools.partial(_QuietHandler, directory=str(engine_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def intern_server(engine_site):
    """The board's own folder beside the site (overview and aandachtspunten), served on its own."""
    handler = functools.partial(_QuietHandler, directory=str(engine_site.parent / "intern"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as docs/publiceren.md tells a web server to: with its security headers."""

    def end_headers(self):
        for name, value in SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed; `make test` installs it")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    yield page
    context.close()


def site_pages(engine_site: Path, slug: str) -> list[str]:
    return sorted(p.name for p in (engine_site / slug).glob("*.html"))


# The sum of the page's layout shifts, as Lighthouse counts them (not those right after an input).
_LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
}).observe({type: "layout-shift", buffered: true});"""
# The theme's script has run: assets/meldcode.js marks the page when it has loaded the bundle.
THEME_LOADED = "html[data-thema=geladen]"
INDEX_FILES = ("search_index.json", "search.json")


def settled(page) -> None:
    """Wait until the theme's script has run and two more frames are drawn: whatever it moves has moved."""
    page.locator(THEME_LOADED).wait_for(state="attached")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def test_the_start_page_paints_before_the_theme_script_is_asked_for(page, server):
    page.goto(f"{server}/de-regenboog/index.html")
    settled(page)
    timing = page.evaluate(
        """() => ({
        paint: performance.getEntriesByName("first-contentful-paint")[0].startTime,
        bundle: performance.getEntriesByType("resource").filter(e => e.name.includes("/javascripts/bundle."))
          .map(e => e.startTime)})"""
    )
    assert len(timing["bundle"]) == 1
    assert timing["bundle"][0] > timing["paint"] > 0
    assert page.locator("html.js").count() == 1  # the theme's script did run
    assert "112" in page.locator("article").inner_text()


def test_the_search_index_is_fetched_only_when_the_search_is_opened(page, server):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url.rsplit("/", 1)[-1]))
    for name in ("index.html", "stap-1.html", "afwegingskader.html"):
        page.goto(f"{server}/de-wissel/{name}", wait_until="networkidle")
        settled(page)
    assert [r for r in requests if r.startswith("bundle.")]
    assert [r for r in requests if r in INDEX_FILES] == []
    page.keyboard.press("/")
    page.keyboard.type("melden", delay=30)
    page.locator(SEARCH_RESULTS).first.wait_for(timeout=15000)
    assert len([r for r in requests if r in INDEX_FILES]) == 1


@pytest.mark.parametrize("width", [360, 1280])
def test_nothing_moves_while_a_page_loads(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, service_workers="block")
    context.add_init_script(_LAYOUT_SHIFTS)
    page = context.new_page()
    shifts = {}
    for url in ["de-wissel/index.html", "de-wissel/stap-1.html", "de-wissel/afwegingskader.html"]:
        page.goto(f"{server}/{url}", wait_until="networkidle")
        settled(page)
        shifts[url] = page.evaluate("window.__shifts")
    assert page.locator("#afwegingskader .kader-vraag").is_visible()
    context.close()
    assert shifts == {url: [] for url in shifts}


def test_without_javascript_the_menu_opens_on_a_phone(browser, server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/de-wissel/index.html")
    link = page.locator(".md-nav--primary a[href$='sociale-kaart.html']").first
    box = link.bounding_box()
    assert box and box["x"] + box["width"] <= 0  # the menu waits beside the screen
    page.locator("label.md-header__button[for=__drawer]").click()
    pytest.importorskip("playwright.sync_api").expect(link).to_be_in_viewport(ratio=1)
    link.click()
    page.wait_for_url("**/sociale-kaart.html")
    context.close()


def test_search_for_veilig_thuis_finds_results(page, server):
    page.goto(f"{server}/de-regenboog/index.html")
    page.keyboard.press("/")
    page.keyboard.type("Veilig Thuis", delay=30)  # Material searches on key events, not on fill()
    results = page.locator(SEARCH_RESULTS)
    results.first.wait_for(timeout=15000)
    assert results.count() >= 3
    assert "Veilig Thuis" in " ".join(results.all_inner_texts())


@pytest.mark.parametrize("walk,outcome", kader_paths(KADER), ids=lambda v: v if isinstance(v, str) else None)
def test_afwegingskader_walk_reaches_the_right_outcome(page, server, walk, outcome):
    page.goto(f"{server}/de-wissel/afwegingskader.html")
    wizard = page.locator("#afwegingskader")
    wizard.wait_for(state="visible")
    for number, label in walk:
        assert f"Vraag {number} van 5" in wizard.locator(".kader-vraag").inner_text()
        wizard.get_by_role("button", name=label, exact=True).click()
    result = wizard.locator("[data-uitkomst]")
    expected = KADER["uitkomsten"][outcome]
    assert result.get_attribute("data-uitkomst") == expected["soort"]
    assert expected["titel"] in result.inner_text()


def test_afwegingskader_works_by_keyboard_alone(page, server):
    page.goto(f"{server}/de-wissel/afwegingskader.html")
    page.locator("#afwegingskader").wait_for(state="visible")
    page.locator("#afwegingskader button").first.focus()
    # Q1 "Ja" (second button), Q2 "Ja, of twijfel" (first button): direct melden.
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "kader-vraag"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.locator("[data-uitkomst]").get_attribute("data-uitkomst") == "melden"
    assert page.evaluate("document.activeElement.id") == "kader-uitkomst"
    page.keyboard.press("Tab")  # "Vorige vraag"
    page.keyboard.press("Enter")
    assert page.locator("[data-uitkomst]").count() == 0


def test_without_javascript_the_full_afwegingskader_is_readable(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/de-wissel/afwegingskader.html")
    text = page.locator("article").inner_text()
    for question in KADER["vragen"]:
        assert question["vraag"] in " ".join(text.split())
    assert not page.locator("#afwegingskader").is_visible()
    context.close()


def test_no_request_leaves_the_local_server(page, server, engine_site):
    requests: list[str] = []
    page.context.on("request", lambda r: requests.append(r.url))
    # Every page in a tab of its own, all loading at once; each is then left only when its network has
    # been idle for half a second, as before (one tab after the other took 25 s of waiting per engine).
    tabs = [page.context.new_page() for _ in site_pages(engine_site, "de-wissel")]
    for tab, name in zip(tabs, site_pages(engine_site, "de-wissel"), strict=True):
        tab.goto(f"{server}/de-wissel/{name}", wait_until="commit")
    for tab in tabs:
        tab.wait_for_load_state("networkidle")
        tab.close()
    page.goto(f"{server}/de-wissel/index.html", wait_until="networkidle")
    page.keyboard.press("/")
    page.keyboard.type("melden", delay=30)  # Material searches on key events, not on fill()
    page.locator(SEARCH_RESULTS).first.wait_for(timeout=15000)
    page.goto(f"{server}/index.html", wait_until="networkidle")
    outside = [u for u in requests if not u.startswith(server) and not u.startswith(("data:", "blob:"))]
    assert outside == []
    assert len(requests) > 30


def test_the_content_security_policy_blocks_nothing_the_site_needs(page, server, engine_site):
    page.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    violations = {}
    for url in ["de-wissel/index.html", "de-wissel/afwegingskader.html", "de-wissel/sociale-kaart.html", "index.html"]:
        response = page.goto(f"{server}/{url}", wait_until="networkidle")
        assert response and "frame-ancestors 'none'" in response.headers["content-security-policy"]
        if url.endswith("index.html") and url != "index.html":
            page.keyboard.press("/")
            page.keyboard.type("Veilig Thuis", delay=30)
            page.locator(SEARCH_RESULTS).first.wait_for(timeout=15000)
        if url.endswith("afwegingskader.html"):
            page.locator("#afwegingskader button").first.click()
        if found := page.evaluate("window.__csp"):
            violations[url] = found
    assert violations == {}


@pytest.mark.parametrize("slug", ["de-regenboog", "de-wissel", "het-kompas"])
def test_no_horizontal_scroll_on_a_360_pixel_phone(browser, server, engine_site, slug):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    too_wide = []
    for name in site_pages(engine_site, slug):
        page.goto(f"{server}/{slug}/{name}")
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            too_wide.append(name)
    page.goto(f"{server}/index.html")
    if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
        too_wide.append("overzicht")
    context.close()
    assert too_wide == []


def test_the_taakverdeling_is_readable_on_a_360_pixel_phone(browser, server):
    # Three table columns of 70 pixels broke names in the middle ("aandac|htsfunct|ionaris"):
    # on a phone each step is a card as wide as the page, its labels on lines of their own.
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{server}/de-brug/wie-doet-wat.html")
    cells = page.locator(".taakverdeling td")
    widths = cells.evaluate_all("cells => cells.map(c => c.getBoundingClientRect().width)")
    labels = cells.evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    context.close()
    assert len(widths) == 15 and min(widths) > 250, widths
    assert labels[1:3] == ['"Regie:"', '"Ook betrokken:"'], labels


# Each link's address and its text with "|" where a line ends (found from the height of each character).
_LINK_LINES = """links => links.map(link => {
  const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT), range = document.createRange();
  let text = "", top = null, node;
  while ((node = walker.nextNode())) {
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const y = range.getBoundingClientRect().top;
      if (top !== null && y > top + 2) text += "|";
      text += node.data[i];
      top = y;
    }
  }
  return [link.getAttribute("href").slice("mailto:".length), text];
})"""


@pytest.mark.parametrize("width", [360, 1280])
def test_an_email_address_breaks_only_before_its_at_sign(browser, server, width):
    # "vertrouwenspersoon@vechtdalcollege.n" | "l" on a phone, "...@vechtdalcolle" | "ge.nl" on a desktop.
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    shown = []
    for url in ["vechtdal-college/wie-doet-wat.html", "de-regenboog/sociale-kaart.html"]:
        page.goto(f"{server}/{url}")
        shown += page.locator("article a[href^='mailto:']").evaluate_all(_LINK_LINES)
    context.close()
    assert len(shown) > 10
    assert [text for address, text in shown if text.replace("|@", "@") != address] == []


def _axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => JSON.stringify(await axe.run(document, {resultTypes: ['violations']}))")
    return [v for v in json.loads(result)["violations"] if v["impact"] in ("serious", "critical")]


def test_accessibility_no_serious_or_critical_violations(page, server, engine_site):
    assert AXE.is_file(), "axe-core missing: run `make test` (npm ci in tests/browser)"
    found = {}
    urls = [f"de-wissel/{n}" for n in site_pages(engine_site, "de-wissel")]
    urls += ["de-regenboog/index.html", "het-kompas/index.html", "index.html"]
    for url in urls:
        page.goto(f"{server}/{url}")
        violations = _axe(page)
        if violations:
            found[url] = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert found == {}, json.dumps(found, indent=1)


def test_overview_marks_overdue_evaluations(browser, intern_server, engine_site):
    manifest = json.loads((engine_site / MANIFEST).read_text(encoding="utf-8"))
    due = [e for e in manifest["schools"].values() if e["row"]["evaluatie"] == "2027-06-30"]
    assert len(due) >= 3  # the examples share the stichting's evaluation date
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time("2027-07-01T09:00:00")  # the day after the examples' evaluation date
    page.goto(f"{intern_server}/index.html")
    late = page.locator("td.te-laat")
    assert late.count() == len(due)
    assert "te laat" in late.first.inner_text()
    page.clock.set_fixed_time("2027-06-29T09:00:00")
    page.reload()
    assert page.locator("td.te-laat").count() == 0
    context.close()


def test_overview_and_command_line_call_the_same_schools_overdue(browser, intern_server, engine_site):
    manifest = json.loads((engine_site / MANIFEST).read_text(encoding="utf-8"))
    context = browser.new_context()
    page = context.new_page()
    for day in ("2027-06-29", "2027-06-30", "2027-07-01"):  # around the examples' evaluation date
        page.clock.set_fixed_time(f"{day}T09:00:00")
        page.goto(f"{intern_server}/index.html")
        marked = sorted(page.locator("tr:has(td.te-laat) td:first-child strong").all_inner_texts())
        today = dt.date.fromisoformat(day)
        expected = sorted(e["row"]["naam"] for e in manifest["schools"].values() if overdue(e["row"], today))
        assert marked == expected, day
    context.close()


@pytest.fixture(scope="module")
def overview_with_points(tmp_path_factory):
    """An overview (only the overview: no school is built) where every school has aandachtspunten."""
    from meldcode.checks import find_aandachtspunten
    from meldcode.load import load_config
    from meldcode.overview import write_intern
    from meldcode.pipeline import Paths, _row

    out = tmp_path_factory.mktemp("overzicht")
    config = load_config(ROOT / "schools", ROOT / "templates")
    late = dt.date(2027, 7, 1)  # after the examples' evaluation date: one point per school
    found = find_aandachtspunten(config, ROOT / "templates", late)
    rows = {s.slug: {"row": _row(s, [a.as_dict() for a in found if a.school == s.slug])} for s in config.schools}
    write_intern({"schools": rows}, Paths.project(ROOT / "schools", out / "site", out), out)
    handler = functools.partial(_QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("width", [360, 1280])
def test_overview_with_aandachtspunten_opens_without_script_and_passes_axe(browser, overview_with_points, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{overview_with_points}/index.html")
    summaries = page.locator("td.aandachtspunten summary")
    assert summaries.count() == page.locator("td.aandachtspunten").count() > 1
    assert page.locator("td.aandachtspunten li").first.is_hidden()
    for i in range(summaries.count()):
        summaries.nth(i).click()
    assert page.locator("td.aandachtspunten li").first.is_visible()
    assert "Evaluatiedatum voorbij" in page.locator("td.aandachtspunten li").first.inner_text()
    assert not page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    context.close()
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{overview_with_points}/index.html")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert _axe(page) == []
    context.close()
