"""Role sentences stay correct for any taakverdeling (generated, not hand-picked).

For every step and every pair (leader, participant) over the role catalogue, with
the werkwijze naming nobody, the leader or the participant for each of its role
choices, and with the participant held by another person or by the leader's own
person: the step page never lists one party twice, and no party's sentences name
that party again as someone else ("brengt de leerling in bij" itself, "samen met
de directeur" said by the directeur).
"""

from __future__ import annotations

import dataclasses
import html
import re
import shutil

import pytest
from conftest import FIXTURES, ROOT

from meldcode import schema
from meldcode.content import load_content
from meldcode.model import Assignment, Role, School, load_config
from meldcode.pages import ROLES, STEPS, Page, pages_for, render_page

TEMPLATES = ROOT / "templates"
CONTENT = load_content(TEMPLATES)
ROLE_CHOICES = [".".join(path) for path in schema.WERKWIJZE_ROLES]


@pytest.fixture(scope="module")
def fixture_schools(tmp_path_factory) -> list[School]:
    """The SO school with every role it can have, then the VO school (mentor, teamleider)."""
    schools = tmp_path_factory.mktemp("roles") / "schools"
    schools.mkdir()
    stichting = (ROOT / "schools" / "_stichting.yaml").read_text(encoding="utf-8")
    (schools / "_stichting.yaml").write_text(stichting, encoding="utf-8")
    shutil.copy(ROOT / "schools" / "logo-vechtdal.svg", schools)
    for name in ("alle-rollen.yaml", "alle-rollen-vo.yaml"):
        shutil.copy(FIXTURES / "roles" / name, schools)
    config = load_config(schools, TEMPLATES)
    assert not config.problems, config.problems
    by_slug = {s.slug: s for s in config.schools}
    found = [by_slug["alle-rollen"], by_slug["alle-rollen-vo"]]
    assert set(found[0].roles) | set(found[1].roles) == set(CONTENT.roles), "the fixtures must hold every role"
    return found


@pytest.fixture(scope="module")
def base_school(fixture_schools) -> School:
    return fixture_schools[0]


def cases(fixture_schools: list[School]) -> list[tuple[School, int, str, str]]:
    """Every (school, step, leader, participant): each pair of roles once, at the first school that has both."""
    done: set[tuple[str, str]] = set()
    result = []
    for school in fixture_schools:
        pairs = [(a, b) for a in school.roles for b in school.roles if a != b and (a, b) not in done]
        done.update(pairs)
        result += [(school, step["nummer"], a, b) for step in CONTENT.steps for a, b in pairs]
    return result


def variant(school: School, step: int, leader: str, participant: str, same_person: bool, werkwijze: str) -> School:
    """Return the school with one step assigned to (leader, participant) and the werkwijze naming one of them."""
    roles = dict(school.roles)
    if same_person:
        roles[participant] = dataclasses.replace(roles[participant], mensen=roles[leader].mensen)
    tv = dict(school.taakverdeling)
    tv[step] = Assignment(roles[leader], [roles[participant]])
    chosen = {"leider": roles[leader], "deelnemer": roles[participant], "niemand": None}[werkwijze]
    w = {k: v for k, v in school.werkwijze.items() if k not in ROLE_CHOICES}
    w.update({k: chosen for k in ROLE_CHOICES})
    if chosen is not None and chosen.key == "bestuur":
        w["bestuur_informeren.door"] = None  # the bestuur does not inform itself (rejected by validation)
    if chosen is not None:
        w["bestuur_informeren.wanneer"] = ["vermoeden", "melding", "geen_oudergesprek"]
        w["bestaande_hulp.stap"] = min(step, 3)
    return dataclasses.replace(school, roles=roles, taakverdeling=tv, werkwijze=w)


def blocks(markdown: str) -> list[tuple[str, list[str]]]:
    """Split 'Wie doet wat in deze stap?' into (party heading, its sentences)."""
    section = markdown.split("## Wie doet wat in deze stap?")[1].split("**Iedere andere medewerker**")[0]
    result: list[tuple[str, list[str]]] = []
    for line in section.splitlines():
        if line.startswith("**"):
            result.append((line.strip("*: ").removeprefix("Regie: "), []))
        elif line.startswith("- "):
            result[-1][1].append(line[2:])
    return result


def mentions(role: Role) -> re.Pattern:
    """Match the words with which a sentence names this role as a party (whole words: not 'de leerkrachten')."""
    words = [role.noem] + [p.naam for p in role.mensen]
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.IGNORECASE)


def step_page(school: School, step: int) -> str:
    """Render one step page (web) directly."""
    step_data = CONTENT.steps[step - 1]
    page = Page(step_data["slug"], "", "stap.md.j2", STEPS, extra=(("step", step_data),))
    return render_page(page, school, CONTENT, TEMPLATES, "web")


def problems_in(school: School, step: int) -> list[str]:
    markdown = step_page(school, step)
    found = []
    parties = school.parties(step)
    headings = blocks(markdown)
    if len(headings) != len(parties):
        found.append(f"{len(parties)} parties but {len(headings)} entries: {[h for h, _ in headings]}")
    headings = [(html.unescape(h), [html.unescape(s) for s in sentences]) for h, sentences in headings]
    for group, (heading, sentences) in zip(parties, headings, strict=False):
        for role in group:
            for sentence in sentences:
                if mentions(role).search(sentence):
                    found.append(f"{heading} names itself: {sentence}")
    names = [p.naam for group in parties for role in group for p in role.mensen]
    for name in set(names):
        listed = [h for h, _ in headings if name in h]
        if len(listed) > 1:
            found.append(f"{name} listed twice: {listed}")
    wie = html.unescape(markdown.split("## Wat doe je?")[0])
    also = next((line for line in wie.splitlines() if line.startswith("**Ook betrokken:**")), "")
    leader = parties[0]
    if any(p.naam in also for r in leader for p in r.mensen) or any(r.groep and r.noem in also for r in leader):
        found.append(f"the leader is also listed as a participant: {also}")
    return found


@pytest.mark.parametrize("werkwijze", ["niemand", "leider", "deelnemer"])
def test_no_step_names_one_party_twice_for_any_leader_and_participant(fixture_schools, werkwijze):
    found = []
    for base, step, leader, participant in cases(fixture_schools):
        for same_person in (False, True):
            if same_person and (base.roles[leader].groep or base.roles[participant].groep):
                continue  # a group (leerkrachten, bestuur, a team) has no person to share
            school = variant(base, step, leader, participant, same_person, werkwijze)
            found += [
                f"stap {step}, {leader} + {participant}, same={same_person}: {p}" for p in problems_in(school, step)
            ]
    assert not found, "\n".join(found[:20])


def test_one_person_in_two_roles_is_one_entry_with_both_titles(base_school):
    school = variant(base_school, 2, "intern_begeleider", "zorgcoordinator", True, "niemand")
    step = CONTENT.steps[1]
    markdown = render_page(
        Page("stap-2", "", "stap.md.j2", STEPS, extra=(("step", step),)), school, CONTENT, TEMPLATES, "web"
    )
    assert "**Regie:** Ines Begeleider (intern begeleider, zorgcoördinator)" in markdown
    assert "Ook betrokken" not in markdown.split("## Wat doe je?")[0]
    ik_ben = render_page(
        Page("ik-ben-zorgcoordinator", "", "ik-ben.md.j2", ROLES, extra=(("role", school.roles["zorgcoordinator"]),)),
        school,
        CONTENT,
        TEMPLATES,
        "web",
    )
    assert "### Stap 2: Overleggen en advies vragen\n\n**Je hebt de regie.**" in ik_ben


def test_a_team_that_leads_step_2_does_not_bring_the_pupil_to_itself(base_school):
    school = variant(base_school, 2, "ondersteuningsteam", "leerkracht", False, "niemand")
    (_, sentences), *_ = blocks(
        render_page(
            Page("stap-2", "", "stap.md.j2", STEPS, extra=(("step", CONTENT.steps[1]),)),
            school,
            CONTENT,
            TEMPLATES,
            "web",
        )
    )
    assert "bespreekt de leerling en zorgt voor een verslag." in sentences
    assert not any("brengt de leerling in" in s for s in sentences)


def test_the_directeur_leading_step_5_is_not_told_to_bring_the_directeur(base_school):
    led = variant(base_school, 5, "directeur", "aandachtsfunctionaris", False, "niemand")
    other = variant(base_school, 5, "aandachtsfunctionaris", "directeur", False, "niemand")
    assert "bespreekt een voorgenomen melding met de ouders." in step_page(led, 5)
    assert "zo mogelijk samen met de directeur." in step_page(other, 5)


@pytest.fixture(scope="module")
def example_schools() -> list[School]:
    config = load_config(ROOT / "schools", TEMPLATES)
    assert not config.problems
    return config.schools


def test_no_example_handbook_names_one_person_twice_in_a_step_or_in_taken_per_rol(example_schools):
    for school in example_schools:
        for step in range(1, 6):
            assert not problems_in(school, step), (school.slug, step, problems_in(school, step))
        page = next(p for p in pages_for(school, CONTENT) if p.slug == "wie-doet-wat")
        taken = render_page(page, school, CONTENT, TEMPLATES, "web").split("## Taken per rol")[1]
        name_lines = [html.unescape(n) for n in re.findall(r"^(.+)\n\{: \.namen \}$", taken, flags=re.M)]
        people = [p.naam for role in school.roles.values() for p in role.mensen]
        for name in set(people):
            assert sum(name in line for line in name_lines) <= 1, (school.slug, name, name_lines)
