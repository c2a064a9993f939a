"""The handbook's pages: one Markdown source per page, rendered for web and for print.

Each page is a Jinja template in templates/handbook/ that produces Markdown.
The website gets them as MkDocs pages; the PDF converts the very same Markdown
to HTML for its own print template. `output` tells a template which one it
is writing for, for the few places where they differ (the interactive
afwegingskader on the web, the flowchart on paper).

Each page also names its place in the website's menu (MENU); meldcode.site
builds MkDocs' nav from that, so a new page cannot miss the menu.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .content import Content
from .model import CENTRUM_SEKSUEEL_GEWELD, POLITIE, VERTROUWENSINSPECTEUR, School
from .names import role_page
from .procedure import resolve, toestemming_van
from .render import environment, script_json
from .slots import kader_for, slots
from .values import Phone

__all__ = ["MENU", "Menu", "Page", "kader_for", "menu", "pages_for", "render_page", "slots", "toestemming_van"]


@dataclass(frozen=True, eq=False)
class Menu:
    """One entry of the website's menu; MENU puts them in order.

    An entry with a `heading` lists its pages below it, in reading order; one
    without is a single page, shown with `label` or else the page's title.
    """

    heading: str | None = None
    label: str | None = None


START = Menu(label="Start")
STEPS = Menu(heading="De vijf stappen")
KADER = Menu()
ROLES = Menu(heading="Ik ben …")
TEAM = Menu()
SOCIALE_KAART = Menu()
BACKGROUND = Menu(heading="Achtergrond")
APPENDICES = Menu(heading="Bijlagen")
PARENTS = Menu()
DOWNLOADS = Menu()
# The website's menu, top to bottom (pages_for gives the reading order of the PDF).
MENU = (START, STEPS, KADER, ROLES, TEAM, SOCIALE_KAART, BACKGROUND, APPENDICES, PARENTS, DOWNLOADS)


@dataclass(frozen=True)
class Page:
    slug: str  # file name without .md ('index' is the start page)
    title: str  # navigation and table-of-contents title
    template: str  # in templates/handbook/
    menu: Menu | None  # where the website's menu shows it; None only for a page not on the web
    web: bool = True
    print: bool = True
    extra: tuple = ()  # extra context as (key, value) pairs
    # Quotes earlier versions ("Wat is er veranderd"): rendered with their `changes`, and left out where
    # the procedure of this version is read (its struck-through sentences may name who did it before).
    history: bool = False


def pages_for(school: School, content: Content) -> list[Page]:
    """Return every page of one school's handbook, in reading order."""
    pages = [
        Page("index", "Snel handelen", "start.md.j2", START),
        Page("vaststelling", "Vaststelling", "vaststelling.md.j2", BACKGROUND),
    ]
    if school.versies:  # the board's archive holds an adopted version: what changed since (meldcode/changes.py)
        pages.append(
            Page("wijzigingen", "Wat is er veranderd", "wijzigingen.md.j2", BACKGROUND, print=False, history=True)
        )
    pages += [
        Page("inleiding", "Inleiding", "inleiding.md.j2", BACKGROUND),
        Page("wie-doet-wat", "Wie doet wat", "wie-doet-wat.md.j2", TEAM),
    ]
    for step in content.steps:
        title = f"Stap {step['nummer']}: {step['kort']}"
        pages.append(Page(step["slug"], title, "stap.md.j2", STEPS, extra=(("step", step),)))
    pages += [
        Page("afwegingskader", "Het afwegingskader", "afwegingskader.md.j2", KADER),
        Page("na-de-melding", "Na de beslissing", "na-de-melding.md.j2", BACKGROUND),
        Page("bijzondere-vormen", "Bijzondere vormen van geweld", "bijzondere-vormen.md.j2", BACKGROUND),
        Page("signalen-over-medewerker", "Signalen over een medewerker", "signalen-over-medewerker.md.j2", BACKGROUND),
        Page("dossier-en-privacy", "Dossier en privacy", "dossier-en-privacy.md.j2", BACKGROUND),
        Page("randvoorwaarden", "Randvoorwaarden en evaluatie", "randvoorwaarden.md.j2", BACKGROUND),
        Page("sociale-kaart", "Sociale kaart", "sociale-kaart.md.j2", SOCIALE_KAART),
        Page("begrippen", "Begrippenlijst", "begrippen.md.j2", BACKGROUND),
        # Appendices; in the PDF they come before the forms, which end the handbook.
        Page("signalenlijst", "Signalenlijst", "signalenlijst.md.j2", APPENDICES),
        Page("gesprekstips", "Tips voor het gesprek", "gesprekstips.md.j2", APPENDICES),
        Page("bronnen", "Bronnen", "bronnen.md.j2", APPENDICES),
    ]
    for role in school.roles.values():
        if not role.pagina:
            continue  # a team, not a person who reads a page about "me"
        pages.append(
            Page(role_page(role.key), role.ik_ben, "ik-ben.md.j2", ROLES, print=False, extra=(("role", role),))
        )
    # For the schoolgids and the school's website; also as plain text (meldcode/parents.py).
    pages.append(Page("voor-ouders", "Voor ouders", "voor-ouders.md.j2", PARENTS, print=False))
    pages.append(Page("downloads", "Downloads", "downloads.md.j2", DOWNLOADS, print=False))
    return pages


def menu(pages: list[Page]) -> list[tuple[Menu, list[Page]]]:
    """Return the website's menu: each entry of MENU that has pages, with its pages in reading order."""
    web = [p for p in pages if p.web]
    missing = [p.slug for p in web if p.menu not in MENU]
    if missing:
        raise ValueError(f"pages without a place in the menu: {', '.join(missing)}")
    entries = [(entry, [p for p in web if p.menu is entry]) for entry in MENU]
    for entry, members in entries:
        if entry.heading is None and len(members) > 1:
            raise ValueError(f"menu entry {members[0].slug!r} is one page, not {len(members)}")
    return [(entry, members) for entry, members in entries if members]


def render_page(
    page: Page,
    school: School,
    content: Content,
    templates_dir: Path,
    output: str,
    flowchart_svg: str = "",
    changes: object = None,
) -> str:
    """Render one page to Markdown for `output` ('web' or 'print'); `changes`: meldcode.changes.VersionChanges."""
    if page.history and changes is None:
        raise ValueError(f"page {page.slug!r} shows the changes since an adopted version: pass `changes`")
    env = environment(templates_dir)
    procedure = resolve(school)
    fill = slots(school, procedure)
    kader = kader_for(school, content.kader, procedure, fill)
    # The start page points to the "Ik ben" pages: to the first one the menu shows, by its heading.
    role_pages = [p.slug for p in pages_for(school, content) if p.menu is ROLES]
    context = {
        "school": school,
        "content": {"steps": content.steps, "kader": kader, "roles": content.roles},
        "output": output,
        "numbers": {
            "politie": Phone.of(POLITIE),
            "vertrouwensinspecteur": Phone.of(VERTROUWENSINSPECTEUR),
            "centrum_seksueel_geweld": Phone.of(CENTRUM_SEKSUEEL_GEWELD),
        },
        "kader_json": Markup(script_json(kader)),
        "flowchart_svg": Markup(flowchart_svg),
        "slots": fill,
        "procedure": procedure,
        # the start page sends a teacher to her own page first, not the aandachtsfunctionaris's (review 5, A16)
        "roles_menu": {
            "heading": ROLES.heading,
            "first": next((p for p in role_pages if p == "ik-ben-leerkracht"), role_pages[0] if role_pages else None),
        },
        "changes": changes,
        **dict(page.extra),
    }
    return env.get_template(f"handbook/{page.template}").render(context)
