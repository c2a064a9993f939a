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

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from .content import Content
from .grammar import first_upper
from .model import CENTRUM_SEKSUEEL_GEWELD, POLITIE, VERTROUWENSINSPECTEUR, Phone, Role, School, dutch_list
from .names import role_page
from .render import environment, phone_link, script_json


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
DOWNLOADS = Menu()
# The website's menu, top to bottom (pages_for gives the reading order of the PDF).
MENU = (START, STEPS, KADER, ROLES, TEAM, SOCIALE_KAART, BACKGROUND, APPENDICES, DOWNLOADS)


@dataclass(frozen=True)
class Page:
    slug: str  # file name without .md ('index' is the start page)
    title: str  # navigation and table-of-contents title
    template: str  # in templates/handbook/
    menu: Menu | None  # where the website's menu shows it; None only for a page not on the web
    web: bool = True
    print: bool = True
    extra: tuple = ()  # extra context as (key, value) pairs


def pages_for(school: School, content: Content) -> list[Page]:
    """Return every page of one school's handbook, in reading order."""
    pages = [
        Page("index", "Snel handelen", "start.md.j2", START),
        Page("vaststelling", "Vaststelling", "vaststelling.md.j2", BACKGROUND),
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
    page: Page, school: School, content: Content, templates_dir: Path, output: str, flowchart_svg: str = ""
) -> str:
    """Render one page to Markdown for `output` ('web' or 'print')."""
    env = environment(templates_dir)
    kader = kader_for(school, content.kader)
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
        "slots": slots(school),
        "roles_menu": {"heading": ROLES.heading, "first": role_pages[0] if role_pages else None},
        **dict(page.extra),
    }
    return env.get_template(f"handbook/{page.template}").render(context)


def slots(school: School) -> dict[str, str | Markup]:
    """Return the school's values for the {slots} in our content text (templates/data/*.yaml).

    Every slot also exists with a capital first letter ({Casemanager}), for the start of a sentence.
    """
    w = school.werkwijze

    def who(key: str, default: str = "") -> str:
        role = w[key]
        return role.aanduiding if isinstance(role, Role) else default

    moments = {
        "vermoeden": "bij een vermoeden van huiselijk geweld of kindermishandeling (vraag 1 van het afwegingskader)",
        "melding": "bij een melding bij Veilig Thuis",
        "geen_oudergesprek": "als het gesprek met de ouders in stap 3 niet doorgaat",
    }
    values = {
        "ondersteuningsteam": school.afspraken.ondersteuningsteam,
        "verwijsindex": school.afspraken.verwijsindex,
        "veilig_thuis": school.veilig_thuis.naam,
        "veilig_thuis_telefoon": phone_link(school.veilig_thuis.telefoon),
        "school": school.naam_in_tekst,  # in running text, with its article
        "oudergesprek_door": who("gesprek_ouders.voert"),
        "leerlinggesprek_door": who("gesprek_leerling.voert"),
        "bestuur_door": who("bestuur_informeren.door", "de directeur"),
        "bestuur_momenten": dutch_list([moments[m] for m in moments if m in (w["bestuur_informeren.wanneer"] or [])]),
        # the school's own text, without its final stop: the sentence it goes into ends it
        "team_taak": (w["ondersteuningsteam.taak"] or "").rstrip(" ;."),
        "groot_team": w["ondersteuningsteam.groot"] or "",
        "groot_taak": (w["ondersteuningsteam.groot_taak"] or "").rstrip(" ;."),
        "bestaande_hulp": w["bestaande_hulp.organisatie"] or "een wijkteam, buurtteam of jeugdhulpverlener",
        "bestaande_hulp_door": who("bestaande_hulp.informeert"),
        "melding_ouders_door": who("melding_ouders_informeren"),
        "casemanager": who("casemanager"),
        # The teacher closest to the pupil: the mentor in voortgezet onderwijs.
        "leerkracht": "de mentor" if school.vo else "de leerkracht",
        "leerkrachten": "mentoren" if school.vo else "leerkrachten",
        "vorige_leerkracht": "de vorige mentor" if school.vo else "de vorige leerkracht",
        # Sharing with help outside the school: written consent where the werkwijze asks it for externals.
        "toestemming_hulp": "schriftelijke toestemming"
        if w["ondersteuningsteam.toestemming"] in ("extern_schriftelijk", "groot_team_schriftelijk")
        else "toestemming",
        "toestemming_van": toestemming_van(school),
        # Who hears of a melding, and who is to accept help, first: from 18 the parents have no
        # gezag (BW 1:233, 1:245) and hear nothing without the pupil's consent (AVG art. 6).
        "melding_met": "de leerling en, bij een minderjarige leerling, met de ouders"
        if school.volwassenen
        else "de leerling en met de ouders"
        if school.zestien
        else "de ouders en, als dat passend is, met de leerling",
        "ouders_en_leerling": "de leerling en, bij een minderjarige leerling, de ouders"
        if school.volwassenen
        else "de ouders en de leerling",
    }
    return {**values, **{first_upper(k): first_upper(v) for k, v in values.items()}}


def toestemming_van(school: School) -> str:
    """Return who consents to sharing a pupil's data, for this school's ages ("vraag je ... om toestemming").

    Under 16 the parents with gezag consent, from 16 the pupil (UAVG art. 5 lid 1). Curatele and
    mentorschap exist for adults only (BW boek 1, titel 16 and 20; they take effect at 18), so the
    curator or *wettelijk* mentor (never the class mentor) is named with "vanaf 18 jaar" only.
    Sources: wetten.overheid.nl via privacy-web.nl (UAVG art. 5), lawyrup.nl (titel 16, art. 1:378
    and 1:381) and viajuridica.nl (titel 20, art. 1:450).
    """
    adult = "bij curatele of mentorschap vanaf 18 jaar, de curator of wettelijk mentor"
    if not school.zestien and not school.volwassenen:
        return "de ouders"
    if not school.onder_16:
        return f"de leerling zelf of, {adult}" if school.volwassenen else "de leerling zelf"
    if not school.volwassenen:
        return "de ouders (tot 16 jaar) of de leerling zelf (vanaf 16 jaar)"
    return f"de ouders (tot 16 jaar), de leerling zelf (vanaf 16 jaar) of, {adult}"


def kader_for(school: School, kader: dict) -> dict:
    """Return the afwegingskader with this school's werkwijze applied and its {slots} filled in."""
    fill = slots(school)

    def filled(text: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: fill[m.group(1)], text)

    vragen = []
    for vraag in kader["vragen"]:
        vraag = {**vraag, "vraag": filled(vraag["vraag"])}
        antwoorden = []
        for answer in vraag["antwoorden"]:
            answer = dict(answer)
            if isinstance(answer.get("actie"), list):
                chosen = school.select(answer["actie"])
                answer.pop("actie")
                if chosen:
                    answer["actie"] = filled(chosen[0])
            antwoorden.append(answer)
        vragen.append({**vraag, "antwoorden": antwoorden})
    uitkomsten = {
        key: {**uitkomst, "tekst": filled(uitkomst["tekst"]), "kort": filled(uitkomst["kort"])}
        for key, uitkomst in kader["uitkomsten"].items()
    }
    return {**kader, "vragen": vragen, "uitkomsten": uitkomsten}
