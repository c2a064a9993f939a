"""Role sentences stay correct for any taakverdeling (generated, not hand-picked).

For every step and every pair (leader, participant) over the role catalogue, with
the werkwijze naming nobody, the leader or the participant for each of its role
choices, and with the participant held by another person or by the leader's own
person: the step page never lists one party twice, and no party's sentences name
that party again as someone else ("brengt de leerling in bij" itself, "samen met
de directeur" said by the directeur). A team that leads a step is not sent to
itself by the step's own text ("weeg in de CvB als de afweging lastig is").

Only roles held by exactly the same people are one party. For every pair of person
roles where one role has one more person than the other (zorgcoördinatoren A and B,
aandachtsfunctionaris A), the two are never merged: when the two people lead the step,
A is not listed again as a participant; when A leads it, only B is listed, in the
singular. An entry of two people speaks in the plural ("(zorgcoördinatoren)", "wegen mee").
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
from meldcode.grammar import PLURAL, first_word
from meldcode.load import load_config
from meldcode.model import Assignment, Person, Role, School
from meldcode.pages import ROLES, STEPS, Page, pages_for, render_page
from meldcode.procedure import resolve

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
    words = [role.noem] + ([] if role.team else [p.naam for p in role.mensen])  # a team is not its chair
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.IGNORECASE)


def step_page(school: School, step: int) -> str:
    """Render one step page (web) directly."""
    step_data = CONTENT.steps[step - 1]
    page = Page(step_data["slug"], "", "stap.md.j2", STEPS, extra=(("step", step_data),))
    return render_page(page, school, CONTENT, TEMPLATES, "web")


def problems_in(school: School, step: int) -> list[str]:
    """Everything wrong with who does what on one step page."""
    markdown = step_page(school, step)
    found = []
    # the taakverdeling's parties, then who conducts a conversation in step 3 without a part in it
    parties = school.parties(step)
    parties = parties + resolve(school).extra_parties(step, parties)
    headings = blocks(markdown)
    if len(headings) != len(parties):
        found.append(f"{len(parties)} parties but {len(headings)} entries: {[h for h, _ in headings]}")
    headings = [(html.unescape(h), [html.unescape(s) for s in sentences]) for h, sentences in headings]
    entries = list(zip(parties, headings, strict=False))
    found += self_references(entries)
    found += names_twice(school, entries)
    found += number_problems(entries)
    wie = html.unescape(markdown.split("## Wat doe je?")[0])
    also = next((line for line in wie.splitlines() if line.startswith("**Ook betrokken:**")), "")

    def upper(label: str) -> str:  # the regie's heading and the "Ook betrokken" list differ in the first capital
        return label[:1].upper() + label[1:]

    if headings and upper(headings[0][0]) in map(upper, also.removeprefix("**Ook betrokken:** ").split("; ")):
        found.append(f"the leader is also listed as a participant: {also}")
    leader = parties[0][0]
    if leader.team:
        doen = html.unescape(markdown.split("## Wat doe je?")[1].split("## Wie doet wat")[0])
        for line in doen.splitlines():
            if mentions(leader).search(line) and re.search(r"\bals (de zorgen blijven|de afweging lastig is)", line):
                found.append(f"the step sends the reader to {leader.noem}, which leads it: {line}")
    return found


def self_references(entries: list) -> list[str]:
    """A party's sentences that name the party itself as someone else."""
    found = []
    for group, (heading, sentences) in entries:
        for role in group:
            for sentence in sentences:
                # naming a team with its chair names the team, not the chair as a party
                if mentions(role).search(re.sub(r"\((voorzitters?|contactperso\w+): [^)]*\)", "", sentence)):
                    found.append(f"{heading} names itself: {sentence}")
    return found


def names_twice(school: School, entries: list) -> list[str]:
    """A person named in two entries as one party (the same people twice: one party split).

    A person may be in two entries as two different parties: in a role one more person
    shares, or as the chair of a team.
    """
    found = []
    names = {p.naam for group, _ in entries for role in group for p in role.mensen}
    for name in names:
        listed = [(g, h) for g, (h, _) in entries if name in h]
        people = [school.party(g[0]) for g, _ in listed if not g[0].team]
        if len(people) != len(set(people)):
            found.append(f"{name} listed twice as one party: {[h for _, h in listed]}")
    return found


def number_problems(entries: list) -> list[str]:
    """An entry of several people with a title or a verb in the singular (or the reverse title)."""
    found = []
    for group, (heading, sentences) in entries:
        label = heading.split(" (")[0]
        if group[0].persons and group[0].plural != (" en " in label):
            found.append(f"{heading}: the title is not in the number of its people")
        if group[0].plural:
            singular = [s for s in sentences if first_word(s) not in PLURAL.values()]
            if singular:
                found.append(f"{heading} (several people) has a verb in the singular: {singular}")
    return found


@pytest.mark.slow  # every leader and participant in every step of every fixture school
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


def person_roles(school: School) -> list[str]:
    return [key for key, role in school.roles.items() if role.persons]


def with_one_more(school: School, step: int, leader: str, participant: str, more: str) -> School:
    """Return the school with (leader, participant) in one step, both held by the leader's person,
    and one more person ('Xander Extra') in the role `more`."""
    roles = dict(school.roles)
    person = roles[leader].mensen
    roles[participant] = dataclasses.replace(roles[participant], mensen=person)
    roles[more] = dataclasses.replace(roles[more], mensen=[*person, Person("Xander Extra")])
    tv = dict(school.taakverdeling)
    tv[step] = Assignment(roles[leader], [roles[participant]])
    return dataclasses.replace(school, roles=roles, taakverdeling=tv)


def in_text(title: str) -> str:
    """A title in running text: its first letter small, abbreviations kept ('RMC-consulent')."""
    return title[:1].lower() + title[1:]


@pytest.mark.slow  # every pair of person roles in every step of every fixture school
def test_a_role_of_two_people_is_never_merged_with_a_role_of_one_of_them(fixture_schools):
    found = []
    for base in fixture_schools:
        keys = person_roles(base)
        for step in range(1, 6):
            for leader in keys:
                for participant in keys:
                    if leader == participant:
                        continue
                    for more in (leader, participant):
                        school = with_one_more(base, step, leader, participant, more)
                        case = f"stap {step}, {leader} + {participant}, two people in {more}"
                        headings = [html.unescape(h) for h, _ in blocks(step_page(school, step))]
                        # after the taakverdeling: who has a task of the procedure without a part in it
                        extra = resolve(school).extra_parties(step, school.parties(step))
                        headings = headings[: len(headings) - len(extra)]
                        if more == leader:
                            # the participant is only someone who leads: not listed again
                            plural_title = in_text(str(school.roles[more].meervoud))
                            if len(headings) != 1 or not headings[0].endswith(f"({plural_title})"):
                                found.append(f"{case}: {headings}")
                        else:
                            # of the two participants only the one who does not lead, in the singular
                            title = in_text(school.roles[participant].titel)
                            if headings[1:] != [f"Xander Extra ({title})"] or "Xander Extra" in headings[0]:
                                found.append(f"{case}: {headings}")
                        found += [f"{case}: {p}" for p in problems_in(school, step)]
    assert not found, "\n".join(found[:20])


def cvb_is_the_team(school: School) -> School:
    """Return the school with the commissie van begeleiding as its ondersteuningsteam (as at De Brug)."""
    name = "de commissie van begeleiding (CvB)"
    roles = dict(school.roles)
    roles["ondersteuningsteam"] = dataclasses.replace(roles["ondersteuningsteam"], noem=name)
    roles["commissie_van_begeleiding"] = dataclasses.replace(
        roles["commissie_van_begeleiding"], team="ondersteuningsteam"
    )
    afspraken = dataclasses.replace(school.afspraken, ondersteuningsteam=name)
    return dataclasses.replace(school, roles=roles, afspraken=afspraken)


def test_a_commissie_that_leads_a_step_is_shown_as_the_commissie_and_not_sent_to_itself(base_school):
    found = []
    team = cvb_is_the_team(base_school)
    for step in range(1, 6):
        for participant in team.roles:
            if participant in ("commissie_van_begeleiding", "ondersteuningsteam"):
                continue
            for same_person in (False, True):
                if same_person and team.roles[participant].groep:
                    continue
                school = variant(team, step, "commissie_van_begeleiding", participant, False, "niemand")
                if same_person:  # the chair is also this participant (De Brug: the aandachtsfunctionaris)
                    roles = dict(school.roles)
                    roles[participant] = dataclasses.replace(
                        roles[participant], mensen=roles["commissie_van_begeleiding"].mensen
                    )
                    tv = dict(school.taakverdeling)
                    tv[step] = Assignment(roles["commissie_van_begeleiding"], [roles[participant]])
                    school = dataclasses.replace(school, roles=roles, taakverdeling=tv)
                headings = [h for h, _ in blocks(step_page(school, step))]
                case = f"stap {step}, commissie + {participant}, same={same_person}"
                if html.unescape(headings[0]) != "de commissie van begeleiding (voorzitter: Carla Voorzitter)":
                    found.append(f"{case}: {headings}")
                found += [f"{case}: {p}" for p in problems_in(school, step)]
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
    # an SO school with pupils of 4 to 20: the parents first, from 16 the pupil (review 3, December 2026)
    said = "bespreekt een voorgenomen melding met de ouders en, als dat passend is, met de leerling (vanaf 16 jaar"
    assert said in html.unescape(step_page(led, 5))
    assert "zo mogelijk samen met de directeur, behalve" in step_page(other, 5)


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
        names = {p.naam for role in school.roles.values() for p in role.mensen}
        # whitespace folded: a title is joined to its name with a no-break space ("dr. Thomas Brouwer")
        lines = [" ".join(html.unescape(n).split()) for n in re.findall(r"^(.+)\n\{: \.namen \}$", taken, flags=re.M)]
        # a team without people has a line too, saying it is the school's ondersteuningsteam
        name_lines = [line for line in lines if any(name in line for name in names)]
        assert len(name_lines) == len(set(name_lines)), (school.slug, name_lines)
        parties = {school.party(role) for role in school.roles.values() if role.mensen and role.taken}
        assert len(name_lines) == len(parties), (school.slug, name_lines)
