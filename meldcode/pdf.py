"""Render the handbook, the forms and the poster as PDF with WeasyPrint.

The handbook's chapters are the same Markdown pages as the website, converted
to HTML and placed in our own print template (templates/print/). Rendering
never touches the network: only file: URLs below our own folders, and data:
URLs, are fetched. The PDFs are deterministic: dates come from the
vaststelling, never from the clock.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import hashlib
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from markupsafe import Markup

from .content import Content
from .errors import BuildError
from .flowchart import flowchart_svg
from .model import School
from .pages import pages_for, render_page
from .procedure import resolve
from .render import environment, escape_text, markdown_to_html
from .slots import kader_for, slots
from .values import dutch_date

POSTER_SIZES = {"A4": "A4", "A3": "A3"}
# An appendix of the handbook, as templates/print/_formulieren.html.j2 writes it: its id and title.
# The forms PDF runs from the first appendix to the end.
_APPENDIX = re.compile(r'<section class="chapter bijlage" id="([^"]+)">\s*<h1>(.*?)</h1>', re.S)
_last_fit = 4  # index into the poster scales that fitted last, per process


class LocalFetcher:
    """A WeasyPrint URL fetcher that only reads files below `roots` and data: URLs."""

    def __init__(self, roots: list[Path]):
        from weasyprint.urls import URLFetcher

        self._inner = URLFetcher(allowed_protocols={"file", "data"})
        self.roots = [r.resolve() for r in roots]
        self.refused: list[str] = []

    def __call__(self, url: str, *args, **kwargs):
        return self.fetch(url)

    def fetch(self, url: str, headers=None):
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            path = Path(unquote(urlsplit(url).path)).resolve()
            if any(root == path or root in path.parents for root in self.roots):
                return self._inner.fetch(url)
        elif scheme == "data":
            return self._inner.fetch(url)
        self.refused.append(url)
        raise ValueError(f"blocked while rendering: {url}")


def _chapter_html(slug: str, html: str) -> str:
    """Give a chapter's ids a prefix and point page links at chapters, for one HTML file."""
    html = re.sub(r'id="([^"]+)"', lambda m: f'id="{slug}--{m.group(1)}"', html)
    html = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{slug}--{m.group(1)}"', html)
    html = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{slug}--{m.group(1)})", html)  # SVG markers

    def page_link(m: re.Match) -> str:
        target, anchor = m.group(1), m.group(2)
        return f'href="#{target}--{anchor}"' if anchor else f'href="#ch-{target}"'

    return re.sub(r'href="([a-z0-9-]+)\.md(?:#([^"]*))?"', page_link, html)


def _identifier(kind: str, html: str, school: School) -> bytes:
    """Return a PDF identifier from the content: the logo by its bytes, not by its folder."""
    if school.logo:
        # The template printed the URL escaped, like every value.
        html = html.replace(
            str(escape_text(school.logo.as_uri())), hashlib.sha256(school.logo.read_bytes()).hexdigest()
        )
    return hashlib.md5(f"{kind}\0{html}".encode()).hexdigest().encode()


@functools.lru_cache(maxsize=1)
def font_configuration():
    """Return this process's WeasyPrint font configuration, shared by every render.

    A fresh one per document loads Fontconfig's font list and reads our @font-face
    fonts again each time (a third of a poster render, measured); the output is the same.
    """
    from multiprocessing.util import Finalize

    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    # It keeps the fonts it read in a temporary folder, removed when it is freed; build
    # workers end without freeing anything, so remove the folder when the process ends.
    Finalize(None, _remove_font_folder, args=(config,), exitpriority=0)
    return config


def _remove_font_folder(config) -> None:
    if config._folder:
        shutil.rmtree(config._folder, ignore_errors=True)
        config._folder = None


def _render(html: str, target: Path, base: Path, roots: list[Path], logo: Path | None = None):
    """Lay out `html`; return the document. `logo`: the user's image the HTML shows, if any."""
    from weasyprint import HTML

    fetcher = LocalFetcher(roots)
    document = HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher).render(
        pdf_variant="pdf/ua-1", font_config=font_configuration()
    )
    if fetcher.refused:
        urls = sorted(set(fetcher.refused))
        # An SVG logo can load a web font from the internet (design tools export logos
        # that way); then name the logo: the file the user can change.
        text = logo.read_bytes().decode("utf-8", "ignore") if logo else ""
        if found := [url for url in urls if url in text]:
            raise BuildError(
                f"het logo verwijst naar {', '.join(found)}; voor de PDF wordt niets van internet gehaald."
                " Sla het logo op zonder verwijzingen naar internet"
                " (bijvoorbeeld met de tekst omgezet naar paden of contouren).",
                file=logo,
            )
        raise BuildError(f"{target.name}: geblokkeerde externe bron(nen): {', '.join(urls)}")
    return document


def _write(document, identifier: bytes, target: Path) -> None:
    document.write_pdf(target, pdf_variant="pdf/ua-1", pdf_identifier=identifier)


def handbook_html(school: School, content: Content, templates_dir: Path, mkdocs_yml: Path) -> str:
    """Return the full print HTML of the handbook."""
    svg = flowchart_svg(kader_for(school, content.kader))
    chapters = []
    for page in pages_for(school, content):
        if not page.print:
            continue
        markdown = render_page(page, school, content, templates_dir, "print", flowchart_svg=svg)
        html = _chapter_html(page.slug, markdown_to_html(markdown, mkdocs_yml))
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
        chapters.append(
            {
                "id": f"ch-{page.slug}",
                "title": Markup(heading.group(1)) if heading else page.title,
                "html": Markup(html),
            }
        )
    env = environment(templates_dir)
    logo_url = school.logo.as_uri() if school.logo else ""
    forms = forms_html(school, templates_dir)
    return env.get_template("print/handbook.html.j2").render(
        school=school,
        chapters=chapters,
        appendices=_appendices(forms),
        forms=Markup(forms),
        logo_url=logo_url,
        aandachtsfunctionaris=resolve(school).aandachtsfunctionaris,
        gemaakt=made_on(),
    )


def forms_html(school: School, templates_dir: Path) -> str:
    """Return the HTML of the printable forms (the handbook's appendices)."""
    procedure = resolve(school)
    template = environment(templates_dir).get_template("print/_formulieren.html.j2")
    return template.render(school=school, procedure=procedure, slots=slots(school, procedure))


def poster_html(school: School, content: Content, templates_dir: Path, qr_svg: str = "", poster_css: str = "") -> str:
    """Return the poster's HTML, as WeasyPrint gets it."""
    procedure = resolve(school)
    return (
        environment(templates_dir)
        .get_template("print/poster.html.j2")
        .render(
            school=school,
            procedure=procedure,
            slots=slots(school, procedure),
            steps=content.steps,
            qr_svg=Markup(qr_svg),
            poster_css=Markup(poster_css),
            gemaakt=made_on(),
        )
    )


def made_on() -> str:
    """The date this PDF is made, in Dutch: SOURCE_DATE_EPOCH when set (a reproducible build), else today.

    Printed beside the version, so two posters on a wall can be told apart even when
    only a phone number changed.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    day = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()
    return dutch_date(day)


def _appendices(html: str) -> list[dict]:
    """Return the id and title of each appendix in `html`, in order."""
    return [{"id": Markup(m.group(1)), "title": Markup(m.group(2))} for m in _APPENDIX.finditer(html)]


def write_handbook(
    school: School,
    content: Content,
    templates_dir: Path,
    assets_dir: Path,
    mkdocs_yml: Path,
    target: Path,
    forms_target: Path,
    html: str | None = None,
) -> int:
    """Write the handbook PDF, and the forms PDF from its appendices; return the handbook's pages.

    The forms PDF reuses the pages the handbook laid out (its last chapters), so
    the forms are never laid out twice and always match the handbook's copy.
    `html`: the handbook's print HTML, when the caller made it already.
    """
    html = html or handbook_html(school, content, templates_dir, mkdocs_yml)
    roots = [assets_dir] + ([school.logo.parent] if school.logo else [])
    document = _render(html, target, assets_dir, roots, school.logo)
    _write(document, _identifier("handbook", html, school), target)
    first_form = _appendices(html)[0]["id"]
    first = next(i for i, page in enumerate(document.pages) if first_form in page.anchors)
    forms = document.copy(document.pages[first:])
    forms.metadata = copy.copy(document.metadata)
    forms.metadata.title = f"Formulieren bij de meldcode van {school.naam}"
    _write(forms, _identifier("forms", html, school), forms_target)
    return len(document.pages)


def changes_html(school: School, content: Content, templates_dir: Path, mkdocs_yml: Path, changes: object) -> str:
    """Return the print HTML of "Wat is er veranderd" (meldcode.changes.VersionChanges): the web page's Markdown."""
    page = next(p for p in pages_for(school, content) if p.slug == "wijzigingen")
    markdown = render_page(page, school, content, templates_dir, "print", changes=changes)
    return (
        environment(templates_dir)
        .get_template("print/wijzigingen.html.j2")
        .render(school=school, html=Markup(markdown_to_html(markdown, mkdocs_yml)), gemaakt=made_on())
    )


def write_changes(school: School, html: str, assets_dir: Path, target: Path) -> None:
    """Write the "Wat is er veranderd" PDF, for the (G)MR with the concept."""
    _write(_render(html, target, assets_dir, [assets_dir]), _identifier("changes", html, school), target)


def _poster_css(paper: str, margin: int, text_scale: float, qr_scale: float) -> Markup:
    """Page size and type sizes of one poster attempt (numbers of ours, not user text)."""
    return Markup(
        f"@page {{ size: {paper}; margin: {margin}mm; }} body {{ font-size: {13 * text_scale:.2f}pt; }} "
        f"h1 {{ font-size: {38 * text_scale:.2f}pt; }} .qr {{ width: {34 * qr_scale:.1f}mm; }}"
    )


def write_poster(
    school: School, content: Content, templates_dir: Path, assets_dir: Path, target: Path, paper: str = "A4"
) -> float:
    """Write the one-page poster, shrinking text until it fits; return the scale used."""
    qr = segno.make(school.url, error="m")
    # The <title> becomes the figure's /Alt in the tagged PDF (PDF/UA): what the code leads to.
    qr_svg = Markup(
        qr.svg_inline(scale=4, dark="#000", light="#fff", omitsize=True, title=f"QR-code naar {school.url}")
    )
    enlarge = 1.41 if paper == "A3" else 1.0
    margin = 17 if paper == "A3" else 12
    # The largest type size that still fits one page: a short poster fills the sheet,
    # a long one shrinks.
    scales = (1.5, 1.38, 1.27, 1.17, 1.08, 1.0, 0.92, 0.85, 0.78, 0.71, 0.64, 0.57, 0.5, 0.44, 0.38, 0.33)

    def attempt(scale: float):
        html = poster_html(
            school, content, templates_dir, qr_svg, _poster_css(POSTER_SIZES[paper], margin, scale * enlarge, enlarge)
        )
        return _render(html, target, assets_dir, [assets_dir]), _identifier("poster", html, school)

    # Start where the previous poster of this worker fitted (schools look alike),
    # then step up while it still fits, or down until it does: mostly two renders.
    global _last_fit
    index = _last_fit
    document, identifier = attempt(scales[index])
    if len(document.pages) == 1:
        while index > 0:
            bigger = attempt(scales[index - 1])
            if len(bigger[0].pages) != 1:
                break
            index, (document, identifier) = index - 1, bigger
    else:
        while len(document.pages) != 1 and index < len(scales) - 1:
            index += 1
            document, identifier = attempt(scales[index])
        if len(document.pages) != 1:
            # Even the smallest type overflows: keep the first page only, never a second sheet.
            document = document.copy(document.pages[:1])
    _last_fit = index
    _write(document, identifier, target)
    return scales[index]
