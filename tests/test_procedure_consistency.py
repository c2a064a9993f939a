"""One school, one procedure: no two places of a handbook state a different person or moment for one fact.

Every page (web and print), the forms and the poster are read as text; for each fact of the
school's procedure (meldcode/procedure.py) every sentence that states it is found and compared
with the procedure: who informs the bestuur and when, who conducts the conversation with the
parents and whether the teacher is there, whether consent for a named discussion outside the
school is asked in writing, and who leads each step. The examples run always; a seeded sample of
500 werkwijze combinations runs with the slow tests.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from procedure_text import BATCHES, Claim, handbook, named, people, procedure, sample_batch, sentences

from meldcode.load import load_config
from meldcode.model import School
from meldcode.procedure import Procedure

MOMENT_WORDS = {
    "vermoeden": r"vermoeden",
    "melding": r"melding|gemeld",
    "geen_oudergesprek": r"niet door",
}
# About the bestuur, but another fact: signals about staff, the board's own duties, adoption.
NOT_ABOUT_INFORMING = re.compile(
    r"medewerker|vertrouwensinspect|aangifte|evalu|vaststel|randvoorwaarden|directie|opgeschaald|bevoegd gezag"
    r"|stelt de meldcode|Meld het direct|aanspreekpunt",
    re.I,
)


# Pages where the bestuur acts for another fact: signals about staff, the law, terms, adoption.
OTHER_FACTS = {"signalen-over-medewerker", "bronnen", "begrippen", "randvoorwaarden", "vaststelling"}


def bestuur_claims(texts: dict[str, str], school: School) -> list[Claim]:
    found = []
    for place, text in texts.items():
        if place.split("/")[-1] in OTHER_FACTS:
            continue
        for claim in sentences(place, text, school):
            s = claim.sentence
            if "bestuur" not in s.lower() or NOT_ABOUT_INFORMING.search(s):
                continue
            if re.search(r"informe|geïnformeerd|op de hoogte", s, re.I):
                found.append(claim)
    return found


def acts_as(role, actors, p: Procedure) -> bool:
    """The role is one of the actors, or its person is one of theirs (one of two zorgcoördinatoren)."""
    mine = people([role])
    return p.does([role], actors) or bool(mine and mine <= people(actors))


def actor_problems(school: School, claim: Claim, p: Procedure, where: str) -> list[str]:
    """Who the sentence says informs the bestuur: a name, 'jij' on a role's page, a role, or its heading."""
    s = claim.sentence
    problems: list[str] = []
    informer = people(p.bestuur_door)
    nouns = {r.noem for r in school.roles.values() if p.does([r], p.bestuur_door)}
    who = named(school, s)
    if who:
        if not who <= informer | (people([school.roles["bestuur"]])):
            problems.append(f"names {sorted(who - informer)} as informing the bestuur: {where}")
    elif re.search(r"\bJij\b|\bje\b", s) and claim.context in school.roles:
        if not acts_as(school.roles[claim.context], p.bestuur_door, p):
            problems.append(f"tells {claim.context} to inform the bestuur: {where}")
    elif any(noun in s.lower() for r in school.roles.values() for noun in [r.noem] if noun != "het bestuur"):
        said_nouns = {r.noem for r in school.roles.values() if r.noem in s.lower() and r.key != "bestuur"}
        if not said_nouns <= nouns:
            problems.append(f"names {sorted(said_nouns - nouns)} as informing the bestuur: {where}")
    elif s.startswith("Informeer het bestuur") and claim.place == "formulieren":
        # the checklist speaks to who makes the melding
        if not p.does([school.melding_doen], p.bestuur_door):
            problems.append(f"the checklist tells who reports to inform the bestuur: {where}")
    elif s.startswith("informeert"):
        context = claim.context
        if context in school.roles:
            if not acts_as(school.roles[context], p.bestuur_door, p):
                problems.append(f"{context} informs the bestuur: {where}")
        elif not named(school, context) <= informer:
            problems.append(f"{context} informs the bestuur: {where}")
    return problems


def bestuur_problems(school: School, texts: dict[str, str], p: Procedure) -> list[str]:
    problems = []
    for claim in bestuur_claims(texts, school):
        s = claim.sentence
        where = f"{claim.place}: {s!r}"
        if not p.bestuur_momenten:
            if re.search(r"\bniet\b", s):
                continue  # "Het bestuur wordt niet over afzonderlijke casussen geïnformeerd."
            problems.append(f"the bestuur is never informed, yet {where}")
            continue
        said = {m for m, words in MOMENT_WORDS.items() if re.search(words, s)}
        if said - set(p.bestuur_momenten):
            problems.append(f"moment {sorted(said - set(p.bestuur_momenten))} not chosen: {where}")
        if "beide beslissingen" in s:
            problems.append(f"a moment that is not chosen (both decisions): {where}")
        problems += actor_problems(school, claim, p, where)
    return problems


def parent_talk_problems(school: School, texts: dict[str, str], p: Procedure) -> list[str]:
    problems = []
    teacher = "de mentor" if school.vo else "de leerkracht"
    other = "de leerkracht" if school.vo else "de mentor"
    for place, text in texts.items():
        for claim in sentences(place, text, school):
            s = claim.sentence
            where = f"{place}: {s!r}"
            low = s.lower()
            if "gesprek met de ouders" not in low or "melding" in low:
                continue
            if re.search(r"\bvoert\b|gesprek met de ouders: ", low) and not re.search(r"voert het gesprek mee", low):
                who = named(school, s)
                if who and p.oudergesprek and not who <= people(p.oudergesprek):
                    problems.append(f"names {sorted(who)} as conducting the parent conversation: {where}")
                if who and not p.oudergesprek and "Gesprek met de ouders:" in s:
                    problems.append(f"names a conductor that is not chosen: {where}")
                jij = re.match(r"Jij voert", s) and claim.context in school.roles
                if jij and not p.does([school.roles[claim.context]], p.oudergesprek):
                    problems.append(f"tells {claim.context} to conduct it: {where}")
            present = re.search(r"(is|bent) bij het gesprek met de ouders", low)
            absent = re.search(r"(is|bent) niet bij het gesprek met de ouders|zonder " + teacher, low)
            consider = "overweeg of" in low
            if p.leerkracht_bij_oudergesprek == "nooit" and (present and not absent or consider):
                problems.append(f"the teacher is never there, yet {where}")
            if p.leerkracht_bij_oudergesprek == "standaard" and (absent or consider):
                problems.append(f"the teacher is always there, yet {where}")
            if other + " is" in low and "gesprek met de ouders" in low and not school.speciaal:
                problems.append(f"names the teacher as {other}: {where}")
    return problems


def chosen_actor_problems(school: School, texts: dict[str, str], p: Procedure) -> list[str]:
    """Who tells the parents of a melding, and who is casemanager: where chosen, only they are named for it."""
    facts = [
        (
            p.melding_ouders,
            re.compile(
                r"(ouders over (de|een voorgenomen|een) melding|voorgenomen melding bij Veilig"
                r"|gesprek over de voorgenomen melding)"
            ),
        ),
        (p.casemanager, re.compile(r"casemanager")),
    ]
    problems = []
    for actors, about in facts:
        if not actors:
            continue
        for place, text in texts.items():
            for claim in sentences(place, text, school):
                s = claim.sentence
                if not about.search(s) or "spreek af wie" in s.lower():
                    continue
                who = named(school, s)
                if who and not who <= people(actors):
                    problems.append(f"names {sorted(who - people(actors))} for {about.pattern!r}: {place}: {s!r}")
    return problems


def consent_problems(school: School, texts: dict[str, str], p: Procedure) -> list[str]:
    problems = []
    for place, text in texts.items():
        for claim in sentences(place, text, school):
            s = claim.sentence
            low = s.lower()
            if "toestemming" not in low or not re.search(r"buiten de school|extern|met naam|hulpverlener", low):
                continue
            if re.search(r"(geen|zonder) toestemming|ook zonder|eigen regels", low):
                continue
            # an instruction to ask or have consent; who consents per age (_leeftijd) says no form
            if not re.search(r"\bvraag|tenzij je|doe je met|met (schriftelijke )?toestemming", low):
                continue
            written = "schriftelijk" in low
            if written != p.written:
                problems.append(f"consent {'in writing' if written else 'not in writing'}: {place}: {s!r}")
    return problems


def regie_problems(school: School, texts: dict[str, str], p: Procedure) -> list[str]:
    problems = []

    def check(step: int, said: str, where: str) -> None:
        lead = p.regie(step)
        if lead.extern:  # "X (met toestemming; anders Y)": the outside regie holder and its fallback
            fallback = re.search(r"\(met [^;]*; anders (.*)\)", said)
            if fallback and named(school, fallback.group(1)) != people([p.fallback()]):
                problems.append(f"step {step}: fallback {fallback.group(1)!r} is not {p.fallback().noem}: {where}")
            said = re.sub(r"\s*\(met [^;]*; anders .*", "", said)
        expected = people([lead])
        who = named(school, said)
        if expected and who != expected and not (lead.split and who <= expected):
            problems.append(f"step {step}: regie {sorted(who)} instead of {sorted(expected)}: {where}")
        if not expected and who:
            problems.append(f"step {step}: regie {sorted(who)} instead of {lead.noem}: {where}")

    for place, text in texts.items():
        slug = place.split("/")[-1]
        step_page = re.fullmatch(r"stap-(\d)", slug)
        current = int(step_page.group(1)) if step_page else None
        for line in text.split("\n"):
            if m := re.match(r"\s*(?:(\d)\. .*?|### Stap (\d): .*)$", line):
                current = int(m.group(1) or m.group(2)) if (slug in ("index", "poster") or m.group(2)) else current
            if slug == "wie-doet-wat" and (m := re.match(r"\|?\s*(\d)\. [^|]*\|\s*([^|]*)\|", line)):
                check(int(m.group(1)), m.group(2), f"{place}: {line!r}")
            for said in re.findall(r"Regie: ([^\n]*)", line):
                if current:
                    check(current, said, f"{place}: {line!r}")
            said_m = re.search(r"de regie ligt bij (.*?)\. (?:Taken|Wat)", line)
            if said_m and current:
                check(current, said_m.group(1), f"{place}: {line!r}")
    return problems


def inconsistencies(school: School) -> list[str]:
    texts = handbook(school)
    p = procedure(school)
    return (
        bestuur_problems(school, texts, p)
        + parent_talk_problems(school, texts, p)
        + consent_problems(school, texts, p)
        + regie_problems(school, texts, p)
        + chosen_actor_problems(school, texts, p)
    )


EXAMPLES = {s.slug: s for s in load_config(ROOT / "schools", ROOT / "templates").schools}


@pytest.mark.parametrize("slug", sorted(EXAMPLES))
def test_every_place_of_an_example_handbook_states_the_same_person_and_moment(slug):
    assert inconsistencies(EXAMPLES[slug]) == []


def test_the_check_finds_a_page_that_names_another_person_for_the_bestuur():
    """The check can fail: the old Na de beslissing sentence, with another role informing the bestuur."""
    school = EXAMPLES["het-kompas"]
    texts = handbook(school, ("web",))
    texts["web/na-de-melding"] += "\n- Anneke Visser-Jansen, de directeur, informeert het bestuur over de melding.\n"
    problems = bestuur_problems(school, texts, procedure(school))
    assert any("Anneke Visser-Jansen" in p for p in problems), problems


def test_the_check_finds_a_moment_the_school_did_not_choose():
    school = EXAMPLES["het-kompas"]  # melding and geen_oudergesprek, not vermoeden
    texts = handbook(school, ("web",))
    texts["web/stap-4"] += "\n- Bij een vermoeden brengt Pieter van Leeuwen het bestuur op de hoogte.\n"
    problems = bestuur_problems(school, texts, procedure(school))
    assert any("not chosen" in p for p in problems), problems


def test_the_check_finds_another_person_telling_the_parents_of_a_melding():
    school = EXAMPLES["het-kompas"]  # the zorgcoördinator tells the parents
    texts = handbook(school, ("web",))
    texts["web/stap-5"] += "\n- Het gesprek over de voorgenomen melding voert Anneke Visser-Jansen.\n"
    problems = chosen_actor_problems(school, texts, procedure(school))
    assert any("Anneke Visser-Jansen" in p for p in problems), problems


@pytest.mark.slow
@pytest.mark.parametrize("batch", range(BATCHES))
def test_500_generated_werkwijze_combinations_state_one_procedure(tmp_path_factory, batch):
    found = {}
    for school, texts, _markup in sample_batch(tmp_path_factory, list(EXAMPLES.values()), batch):
        p = procedure(school)
        problems = (
            bestuur_problems(school, texts, p)
            + parent_talk_problems(school, texts, p)
            + consent_problems(school, texts, p)
            + regie_problems(school, texts, p)
            + chosen_actor_problems(school, texts, p)
        )
        if problems:
            found[school.slug] = problems[:3]
    assert not found, found
