"""Build one school's handbook website: write Markdown and mkdocs.yml, then let MkDocs build.

No MkDocs plugin of our own: we generate plain Markdown plus a plain
mkdocs.yml (the project's base mkdocs.yml with the school's own values added),
run MkDocs' own build, and trim theme files a Dutch site never loads.
"""

from __future__ import annotations

import copy
import html
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
import yaml
from markupsafe import Markup

from .content import Content
from .errors import BuildError
from .images import image_size
from .model import School
from .names import PDF_FILES, pdf_file
from .pages import Page, menu, pages_for, render_page
from .publish import add_robots_meta
from .render import escape_text, mkdocs_base

# Material ships search support for 30 languages and source maps; we need Dutch only.
_KEEP_LUNR = {"lunr.nl.min.js", "lunr.stemmer.support.min.js"}
# Third parties the themes' bundles can load from: polyfills, Mermaid, a lightbox, Pyodide,
# repository facts. None is used here; see _trim.
_CDN = re.compile(r"https://(?:unpkg\.com|cdn\.jsdelivr\.net|api\.github\.com)/")
# The static site generators that can build the website; MkDocs with Material is the default.
ENGINES = ("mkdocs", "zensical")
_ESCAPED_TWICE = re.compile(r"&amp;(amp|lt|gt|quot|#x27|#39|#34);")
_INDENT = re.compile(r"\n\s+")
_BETWEEN_TAGS = re.compile(r">\s{2,}<")
# Material restores a reader's colour palette choice; the site offers none, so the script is dead weight.
_PALETTE = re.compile(r'<script>var palette=__md_get\("__palette"\).*?</script>', re.S)
# The theme's script bundle and, right after it, our own script: assets/meldcode.js loads the bundle
# after the page has painted (see there), from the address in data-thema.
_BUNDLE = re.compile(
    r'<script src="(?P<bundle>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>\s*'
    r'<script src="(?P<ours>[^"]*assets/meldcode\.js)"></script>'
)
# Our stylesheet's link: where the page finds assets/ (relative, or from the root on 404.html).
_OUR_CSS = re.compile(r'<link rel="stylesheet" href="(?P<prefix>[^"]*)assets/meldcode\.css">')
_FIRST_CSS = re.compile(r'<link rel="stylesheet"')
# The two fonts of the first screen (assets/meldcode.css): asked for with the stylesheets, so the
# text is drawn once, in its own font (the other two cover rare letters and load only for them).
# The logo in the header and the menu, not yet with its size (added by _paint_first).
_LOGO_IMG = re.compile(r'<img src="(?P<src>[^"]*assets/logo\.(?:svg|png|jpe?g))"(?P<rest>(?![^>]*\swidth=)[^>]*)>')
_PRELOAD_FONTS = ("atkinson-hyperlegible-latin-400-normal.woff2", "atkinson-hyperlegible-latin-700-normal.woff2")


class _CompiledTemplates(jinja2.BytecodeCache):
    """Keep the theme's compiled templates in memory for the life of a worker process.

    MkDocs makes a fresh Jinja environment per build, so every school would compile
    Material's 40 templates again: a third of a site build. Jinja keys each entry on
    the template's file name and checks its source, so an edited theme is recompiled.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()
# The theme's file list per theme folder: MkDocs walks Material's 14,500 files (its icons)
# on every build to find the 46 it copies; the installed theme does not change while
# a worker lives.
_THEME_FILES: dict[tuple, list[str]] = {}


def web_view(school: School) -> School:
    """The school as the public website shows it: without the phone numbers marked for print only.

    `telefoon_op_website: nee` keeps a person's number on the poster and in the PDF (the
    staff room) and off the website anyone can read. Every page, and the procedure each
    page resolves, is rendered from this copy, so no page can show the number by another way.
    """
    people = [school.directeur, school.aandachtsfunctionaris, school.bestuur, school.privacy.fg]
    people += [p for role in school.roles.values() for p in role.mensen]
    if all(p is None or p.telefoon_op_website for p in people):
        return school
    hidden = copy.deepcopy(school)
    people = [hidden.directeur, hidden.aandachtsfunctionaris, hidden.bestuur, hidden.privacy.fg]
    people += [p for role in hidden.roles.values() for p in role.mensen]
    for person in people:
        if person is not None and not person.telefoon_op_website:
            person.telefoon = None
    return hidden


def write_docs(
    school: School,
    content: Content,
    templates_dir: Path,
    assets_dir: Path,
    mkdocs_yml: Path,
    work_dir: Path,
    changes: object = None,
) -> Path:
    """Write the school's Markdown pages, assets and mkdocs.yml into `work_dir`; return mkdocs.yml.

    `changes` (meldcode.changes.VersionChanges) is what the "Wat is er veranderd" page shows,
    for a school with an adopted version in the board's archive.
    """
    school = web_view(school)
    docs = work_dir / "docs"
    (docs / "assets" / "fonts").mkdir(parents=True, exist_ok=True)
    pages = [p for p in pages_for(school, content) if p.web]
    for page in pages:
        markdown = render_page(page, school, content, templates_dir, "web", changes=changes)
        (docs / f"{page.slug}.md").write_text(
            _with_concept_banner(markdown) if school.is_concept else markdown, encoding="utf-8"
        )
    for name in ("meldcode.css", "meldcode.js", "afwegingskader.js"):
        shutil.copyfile(assets_dir / "web" / name, docs / "assets" / name)
    for font in sorted((assets_dir / "fonts").glob("*-normal.woff2")):  # no italics on the site
        shutil.copyfile(font, docs / "assets" / "fonts" / font.name)
    logo = None
    if school.logo:
        logo = f"assets/logo{school.logo.suffix.lower()}"
        shutil.copyfile(school.logo, docs / logo)

    config_path = work_dir / "mkdocs.yml"
    config = _mkdocs_config(mkdocs_base(mkdocs_yml), school, pages, docs, work_dir / "site", logo)
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


# Below each page's title while the version is a concept (meldcode/status.py); the site's name and
# footer say it too, so the theme's own pages (404) carry it as well.
CONCEPT_BANNER = (
    '<p class="concept-banner"><strong>Concept</strong>: deze meldcode is nog niet vastgesteld'
    " en kan nog veranderen.</p>"
)
_TITLE = re.compile(r"^# .*$", re.M)
_FRONT_MATTER = re.compile(r"\s*---\n.*?\n---\n", re.S)


def _with_concept_banner(markdown: str) -> str:
    front = _FRONT_MATTER.match(markdown)
    title = _TITLE.search(markdown, front.end() if front else 0)
    at = title.end() if title else 0
    return markdown[:at] + "\n\n" + CONCEPT_BANNER + "\n\n" + markdown[at:].lstrip("\n")


def _nav(pages: list[Page]) -> list:
    """Return MkDocs' nav: the menu of meldcode.pages, with each title escaped."""

    def item(page: Page, label: str | None = None) -> dict:
        # Titles are rendered unescaped by the theme; ours are plain, role titles are checked.
        return {html.escape(label or page.title, quote=False): f"{page.slug}.md"}

    return [
        {entry.heading: [item(p) for p in members]} if entry.heading else item(members[0], entry.label)
        for entry, members in menu(pages)
    ]


def _mkdocs_config(base: dict, school: School, pages: list[Page], docs: Path, site: Path, logo: str | None) -> dict:
    """Return the base configuration plus this school's own values."""
    config = copy.deepcopy(base)
    if logo:
        config["theme"]["logo"] = logo
        config["theme"]["favicon"] = logo
    config.update(
        {
            "site_name": str(escape_text(f"Meldcode {school.naam}" + (" (concept)" if school.is_concept else ""))),
            "site_url": school.url,
            "site_description": "Meldcode huiselijk geweld en kindermishandeling",
            "docs_dir": str(docs),
            "site_dir": str(site),
            "copyright": str(_footer(school)),
            "nav": _nav(pages),
        }
    )
    config.setdefault("extra", {})["vindbaar"] = school.vindbaar  # read back by build_site
    return config


def _footer(school: School) -> Markup:
    v = school.vaststelling
    if school.is_concept:
        line = Markup("{} · {}").format(escape_text(f"Meldcode {school.naam}"), escape_text(school.versie_tekst))
    else:
        line = Markup("{} · versie {} · vastgesteld op {} door {}").format(
            escape_text(f"Meldcode {school.naam}"),
            escape_text(v.versie),
            escape_text(v.datum_tekst),
            escape_text(v.door),
        )
    links = [Markup('<a href="{}">{} (PDF)</a>').format(pdf_file(f.kind, school.slug), f.label) for f in PDF_FILES]
    return line + Markup("<br>") + Markup(" · ").join(links)


def build_site(config_path: Path, source_date_epoch: int, engine: str = "mkdocs") -> Path:
    """Build the website of `config_path` with `engine`; return the site directory."""
    base = urlsplit(yaml.safe_load(config_path.read_text(encoding="utf-8"))["site_url"]).path
    if engine == "zensical":
        site = _build_with_zensical(config_path, source_date_epoch)
    else:
        site = _build_with_mkdocs(config_path, source_date_epoch)
    _root_links_in_404(site, base)
    return site


def _root_links_in_404(site: Path, base: str) -> None:
    """Make the footer's PDF links on 404.html start at the site's root, as its other links do.

    A web server shows 404.html for any missing address, also a deeper one
    (/de-regenboog/oud/stap-1.html): a relative link would point into that folder.
    """
    page = site / "404.html"
    if not page.is_file():
        return
    root = base if base.endswith("/") else base + "/"
    text = page.read_text(encoding="utf-8")
    page.write_text(_PDF_HREF.sub(lambda m: f'href="{root}{m.group(1)}"', text), encoding="utf-8")


# A relative link to one of the school's PDFs: href="meldcode-de-regenboog.pdf".
_PDF_HREF = re.compile(r'href="((?:' + "|".join(re.escape(f.prefix) for f in PDF_FILES) + r')-[a-z0-9-]+\.pdf)"')


def _build_with_zensical(config_path: Path, source_date_epoch: int) -> Path:
    """Run Zensical on the same mkdocs.yml and pages, in a child process; return the site directory.

    Zensical reads mkdocs.yml, but fails on absolute docs_dir and site_dir: they are
    made relative to the file. It prints its progress, and runs in Rust: a child
    process keeps both out of the build's own output.
    """
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    site = Path(config["site_dir"])
    for key in ("docs_dir", "site_dir"):
        config[key] = os.path.relpath(config[key], config_path.parent)
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--config-file", config_path.name],
        cwd=config_path.parent,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(source_date_epoch)},
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0 or not (site / "index.html").is_file():
        raise BuildError(f"Zensical kon de website niet bouwen: {(done.stderr or done.stdout).strip()[-500:]}")
    _trim(site, noindex=not config["extra"].get("vindbaar"))
    for page in sorted(site.rglob("*.html")):
        # Zensical's templates escape site_name again in title attributes; ours is escaped
        # already (MkDocs gets it as Markup). Undoing the second escape keeps it escaped once.
        text = page.read_text(encoding="utf-8")
        page.write_text(_ESCAPED_TWICE.sub(r"&\1;", text), encoding="utf-8")
    return site


def _build_with_mkdocs(config_path: Path, source_date_epoch: int) -> Path:
    """Run MkDocs on `config_path`; return the site directory."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # MkDocs takes dates in sitemap.xml(.gz) from here: same input, same bytes. Restored after,
    # so the rest of the build (the PDFs' "gemaakt op") still sees the user's own value.
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(source_date_epoch)
    try:
        logging.getLogger("mkdocs").setLevel(logging.ERROR)
        config = load_config(config_file=str(config_path))
        # The theme prints these unescaped; they hold escaped text already.
        config["site_name"] = Markup(config["site_name"])
        config["copyright"] = Markup(config["copyright"])
        _reuse_theme_work(config.theme)
        build(config)
    finally:
        if before is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before
    site = Path(config["site_dir"])
    _trim(site, noindex=not config["extra"].get("vindbaar"))
    return site


def _reuse_theme_work(theme) -> None:
    """Let the Jinja environment MkDocs makes for `theme` reuse compiled templates and the file list."""
    make_env = theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.bytecode_cache = _COMPILED
        loader = env.loader
        key = tuple(loader.searchpath)
        if key not in _THEME_FILES:
            _THEME_FILES[key] = loader.list_templates()
        loader.list_templates = lambda: list(_THEME_FILES[key])
        # MkDocs then filters the 14,500 names by the theme's static templates, the same for
        # every school: keep the filtered list too.
        list_templates = env.list_templates
        static = (key, tuple(sorted(theme.static_templates)))

        def filtered(extensions=None, filter_func=None) -> list[str]:
            if extensions is not None or filter_func is None:
                return list_templates(extensions, filter_func)
            if static not in _THEME_FILES:
                _THEME_FILES[static] = list_templates(None, filter_func)
            return list(_THEME_FILES[static])

        env.list_templates = filtered
        return env

    theme.get_env = get_env


def _paint_first(page: str, logo: tuple[int, int] | None) -> str:
    """Let `page` paint from its HTML and CSS alone: the theme's bundle after the first paint, fonts early.

    The bundle's <script> becomes a data-thema attribute on ours (assets/meldcode.js loads it
    once the page has painted, and holds back the search index until the search is opened);
    the fonts of the first screen are preloaded; the logo's <img> gets its size (`logo`), so
    nothing beside it moves when it arrives.
    """
    if logo:
        page = _LOGO_IMG.sub(lambda m: f'<img src="{m["src"]}" width="{logo[0]}" height="{logo[1]}"{m["rest"]}>', page)
    page = _BUNDLE.sub(lambda m: f'<script src="{m["ours"]}" data-thema="{m["bundle"]}"></script>', page, count=1)
    css = _OUR_CSS.search(page)
    first = _FIRST_CSS.search(page)
    if css and first and 'rel="preload"' not in page:
        fonts = "".join(
            f'<link rel="preload" href="{css["prefix"]}assets/fonts/{font}" as="font" type="font/woff2" crossorigin>\n'
            for font in _PRELOAD_FONTS
        )
        page = page[: first.start()] + fonts + page[first.start() :]
    return page


def _trim(site: Path, noindex: bool) -> None:
    """Remove theme files the site never loads (source maps, other languages' search); mark noindex."""
    logos = sorted((site / "assets").glob("logo.*"))
    logo = image_size(logos[0]) if logos else None
    for path in sorted(site.rglob("*.html")):
        text = _paint_first(path.read_text(encoding="utf-8"), logo)
        if "<pre" not in text and "<textarea" not in text:
            # Indentation between tags is a third of each page; browsers ignore it.
            text = _BETWEEN_TAGS.sub("> <", _INDENT.sub("\n", _PALETTE.sub("", text)))
        path.write_text(add_robots_meta(text) if noindex else text, encoding="utf-8")
    for path in sorted(site.rglob("*.map")):
        path.unlink()
    # Zensical ships two looks, "classic" and "modern", and the pages use one of them.
    pages = "".join(p.read_text(encoding="utf-8") for p in sorted(site.glob("*.html")))
    for path in sorted((site / "assets" / "stylesheets").rglob("*.css")):
        if path.relative_to(site).as_posix() not in pages:
            path.unlink()
    lunr = site / "assets" / "javascripts" / "lunr"
    for path in sorted(lunr.rglob("*.js")):
        if path.name not in _KEEP_LUNR:
            path.unlink()
    # The themes' bundles can load a ResizeObserver polyfill, Mermaid, a lightbox or Pyodide
    # from CDNs, and repository facts from GitHub. None is needed here (modern browsers, no
    # diagrams, no repository), but a school's site must never contact a third party: point
    # those URLs at a local path that does not exist.
    for path in sorted((site / "assets" / "javascripts").glob("bundle.*.min.js")):
        text = path.read_text(encoding="utf-8")
        path.write_text(_CDN.sub("assets/javascripts/niet-beschikbaar/", text), encoding="utf-8")
    for path in (site / "sitemap.xml", site / "sitemap.xml.gz"):
        # The sitemap only serves search engines; a meldcode site is not for them.
        path.unlink(missing_ok=True)
