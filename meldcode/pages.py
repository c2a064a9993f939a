"""The handbook's pages: one Markdown source per page, rendered for web and for print.

Each page is a Jinja template in templates/handbook/ that produces Markdown.
The website gets them as MkDocs pages; the PDF converts the very same Markdown
to HTML for its own print template. `output` tells a template which one it
is writing for, for the few places where they differ (the interactive
afwegingskader on the web, the flowchart on paper).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .content import Content
from .model import POLITIE, VERTROUWENSINSPECTEUR, Phone, School
from .render import environment


@dataclass(frozen=True)
class Page:
    slug: str  # file name without .md ('index' is the start page)
    title: str  # navigation and table-of-contents title
    template: str  # in templates/handbook/
    web: bool = True
    print: bool = True
    extra: tuple = ()  # extra context as (key, value) pairs


def pages_for(school: School, content: Content) -> list[Page]:
    """Return every page of one school's handbook, in reading order."""
    pages = [
        Page("index", "Snel handelen", "start.md.j2"),
        Page("vaststelling", "Vaststelling", "vaststelling.md.j2"),
        Page("inleiding", "Inleiding", "inleiding.md.j2"),
        Page("wie-doet-wat", "Wie doet wat", "wie-doet-wat.md.j2"),
    ]
    for step in content.steps:
        pages.append(
            Page(step["slug"], f"Stap {step['nummer']}: {step['kort']}", "stap.md.j2", extra=(("step", step),))
        )
    pages += [
        Page("afwegingskader", "Het afwegingskader", "afwegingskader.md.j2"),
        Page("na-de-melding", "Na de beslissing", "na-de-melding.md.j2"),
        Page("bijzondere-vormen", "Bijzondere vormen van geweld", "bijzondere-vormen.md.j2"),
        Page("signalen-over-medewerker", "Signalen over een medewerker", "signalen-over-medewerker.md.j2"),
        Page("dossier-en-privacy", "Dossier en privacy", "dossier-en-privacy.md.j2"),
        Page("randvoorwaarden", "Randvoorwaarden en evaluatie", "randvoorwaarden.md.j2"),
        Page("sociale-kaart", "Sociale kaart", "sociale-kaart.md.j2"),
        Page("begrippen", "Begrippenlijst", "begrippen.md.j2"),
        # Appendices; in the PDF they come before the forms, which end the handbook.
        Page("signalenlijst", "Signalenlijst", "signalenlijst.md.j2"),
        Page("gesprekstips", "Tips voor het gesprek", "gesprekstips.md.j2"),
        Page("bronnen", "Bronnen", "bronnen.md.j2"),
    ]
    for role in school.roles.values():
        if not role.pagina:
            continue  # a team, not a person who reads a page about "me"
        pages.append(Page(role_page(role.key), role.ik_ben, "ik-ben.md.j2", print=False, extra=(("role", role),)))
    pages.append(Page("downloads", "Downloads", "downloads.md.j2", print=False))
    return pages


def role_page(key: str) -> str:
    """Return the page slug of a role's "Ik ben ..." page."""
    return "ik-ben-" + key.replace("_", "-")


def render_page(
    page: Page, school: School, content: Content, templates_dir: Path, output: str, flowchart_svg: str = ""
) -> str:
    """Render one page to Markdown for `output` ('web' or 'print')."""
    env = environment(templates_dir)
    context = {
        "school": school,
        "content": {"steps": content.steps, "kader": content.kader, "roles": content.roles},
        "output": output,
        "numbers": {"politie": Phone.of(POLITIE), "vertrouwensinspecteur": Phone.of(VERTROUWENSINSPECTEUR)},
        "kader_json": Markup(json.dumps(content.kader, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")),
        "flowchart_svg": Markup(flowchart_svg),
        # The school's values for the {slots} in our content text (templates/data/stappen.yaml).
        "slots": {
            "ondersteuningsteam": school.afspraken["ondersteuningsteam"],
            "verwijsindex": school.afspraken["verwijsindex"],
            "veilig_thuis": school.veilig_thuis["naam"],
        },
        **dict(page.extra),
    }
    return env.get_template(f"handbook/{page.template}").render(context)
