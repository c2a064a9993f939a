"""Read a whole handbook as text, and the claims it makes about the school's procedure.

Shared by tests/test_procedure_consistency.py and tests/test_safety_precedence.py: every page
(web and print Markdown), the forms and the poster of one school, rendered directly (no MkDocs,
no PDF), as visible text; then, per fact, every sentence that states it.
"""

from __future__ import annotations

import dataclasses
import html
import pickle
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from conftest import ROOT, shared_once

from meldcode import schema
from meldcode.content import load_content
from meldcode.model import Role, School
from meldcode.pages import pages_for, render_page
from meldcode.pdf import forms_html, poster_html
from meldcode.procedure import Procedure, resolve

TEMPLATES = ROOT / "templates"
CONTENT = load_content(TEMPLATES)


def plain(markup: str) -> str:
    """Visible text of rendered Markdown or HTML: tags, link targets and emphasis gone, references resolved."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    text = re.sub(r"<br\s*/?>|</(p|li|h\d|tr|span)>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = text.replace("**", "").replace("{: .lead }", "").replace("{: .namen }", "")
    return html.unescape(text).replace("\xa0", " ")


def rendered(school: School, outputs: tuple[str, ...] = ("web", "print")) -> dict[str, str]:
    """Every page, the forms and the poster of one school: place -> Markdown or HTML as rendered."""
    markup = {}
    for page in pages_for(school, CONTENT):
        if page.history:
            continue  # "Wat is er veranderd" quotes the adopted version too: not this version's procedure
        for output in outputs:
            if getattr(page, output):
                markup[f"{output}/{page.slug}"] = render_page(page, school, CONTENT, TEMPLATES, output)
    markup["formulieren"] = forms_html(school, TEMPLATES)
    markup["poster"] = poster_html(school, CONTENT, TEMPLATES)
    return markup


def handbook(school: School, outputs: tuple[str, ...] = ("web", "print")) -> dict[str, str]:
    """Every page, the forms and the poster of one school: place -> visible text."""
    return {place: plain(markup) for place, markup in rendered(school, outputs).items()}


@dataclass(frozen=True)
class Claim:
    place: str  # "web/stap-4"
    sentence: str
    context: str  # the party heading the sentence stands under ("" if none), or the page's own role


def sentences(place: str, text: str, school: School) -> Iterator[Claim]:
    """Split a page into sentences, each with the party it stands under (a bold heading, or the Ik ben role)."""
    own = ""
    slug = place.split("/")[-1]
    if slug.startswith("ik-ben-"):
        role = next((r for r in school.roles.values() if slug == "ik-ben-" + r.key.replace("_", "-")), None)
        own = role.key if role else ""
    context = own
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        heading = re.fullmatch(r"(Regie: )?(.+?):?", line) if not line.startswith("-") and len(line) < 200 else None
        if heading and not re.search(r"[.?!]$", line):
            context = own or heading.group(2)
        for sentence in re.split(r"(?<=[.?!;])\s+(?=[A-Z0-9☐-])", line.lstrip("-☐ ")):
            yield Claim(place, sentence, context)


def people(roles: tuple[Role, ...] | list[Role]) -> set[str]:
    return {p.naam for r in roles for p in r.mensen}


def named(school: School, text: str) -> set[str]:
    """The people of the school whose names the text contains."""
    return {p.naam for r in school.roles.values() for p in r.mensen if p.naam in text}


# --- a generated sample of werkwijze combinations --------------------------------------------


def werkwijze_sample(schools: list[School], count: int, seed: int = 20) -> Iterator[School]:
    """`count` schools: each an example school with every werkwijze choice drawn at random (seeded)."""
    rng = random.Random(seed)
    for i in range(count):
        base = schools[i % len(schools)]
        roles = [r for k, r in base.roles.items() if k != "bestuur" and not r.team]
        werkwijze: dict[str, object] = {}
        for section, rules in schema.WERKWIJZE.items():
            keys = rules["schema"] if rules["type"] == "dict" else {None: rules}
            for key, leaf in keys.items():
                path = f"{section}.{key}" if key else section
                werkwijze[path] = _draw(rng, path, leaf, roles)
        if werkwijze["ondersteuningsteam.groot"] is None and werkwijze["ondersteuningsteam.toestemming"] == (
            "groot_team_schriftelijk"
        ):
            werkwijze["ondersteuningsteam.groot"] = "het groot zorgteam"  # validate.py requires it
        if werkwijze["gesprek_ouders.leerkracht"] == "nooit" and any(
            r.key == "leerkracht" for r in _as_list(werkwijze["gesprek_ouders.voert"])
        ):
            werkwijze["gesprek_ouders.leerkracht"] = None  # validate.py refuses this contradiction
        yield dataclasses.replace(base, slug=f"{base.slug}-{i}", werkwijze=werkwijze)


SAMPLE_SIZE, BATCHES = 500, 10


def sample_batch(
    tmp_path_factory, schools: list[School], batch: int
) -> list[tuple[School, dict[str, str], dict[str, str]]]:
    """One tenth of the 500 generated schools, each with its web handbook, rendered once per run.

    Each school comes with its pages as visible text and as rendered (links and all).
    tests/test_procedure_consistency.py and tests/test_safety_precedence.py read the same handbooks;
    the first xdist worker to need a batch renders it, the other reads it (rendering is most of the cost).
    """

    def render(folder):
        sample = list(werkwijze_sample(schools, SAMPLE_SIZE))[batch::BATCHES]
        (folder / "handboeken.pickle").write_bytes(pickle.dumps([(s, rendered(s, ("web",))) for s in sample]))

    folder = shared_once(tmp_path_factory, f"werkwijze-{batch}", render)
    schools_markup = pickle.loads((folder / "handboeken.pickle").read_bytes())  # noqa: S301 - written by this run
    return [(school, {place: plain(m) for place, m in markup.items()}, markup) for school, markup in schools_markup]


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value] if value is not None else []


def _draw(rng: random.Random, path: str, leaf: dict, roles: list[Role]) -> object:
    if rng.random() < 0.25:
        return None  # not chosen: the standard text
    section, _, key = path.partition(".")
    if key == "voert" and rng.random() < 0.3:
        return rng.sample(roles, 2)  # two roles conduct it together
    if (section, key) in schema.WERKWIJZE_ROLES or (section,) in schema.WERKWIJZE_ROLES:
        return rng.choice(roles)
    allowed = leaf.get("allowed") or leaf.get("schema", {}).get("allowed")
    if path == "bestuur_informeren.wanneer":
        moments = ["vermoeden", "melding", "geen_oudergesprek"]
        return rng.choice(["nooit", [], *[sorted(rng.sample(moments, n)) for n in (1, 2, 3)]])
    if path == "bestaande_hulp.stap":
        return rng.choice([1, 2, 3])
    if allowed:
        return rng.choice(list(allowed))
    return {
        "ondersteuningsteam.taak": "bespreekt elke week de zorgen over leerlingen",
        "ondersteuningsteam.groot": "het groot zorgteam",
        "ondersteuningsteam.groot_taak": "weegt lastige situaties met de partners van buiten de school",
        "bestaande_hulp.organisatie": "het buurtteam",
    }[path]


def procedure(school: School) -> Procedure:
    return resolve(school)
