"""Child safety first, whatever the school chose (meldcode/procedure.py SAFETY_FIRST, INJURY).

In acute danger and where Veilig Thuis comes first (eergerelateerd geweld, huwelijksdwang,
vrouwelijke genitale verminking, seksueel geweld, a parent as suspect), no choice may put a
conversation with the parents, a consent request or a wait for help already involved before
Veilig Thuis. Read in order: on the pages a leerkracht reads first, Veilig Thuis comes before
any of those; help already involved is informed, never waited for; the injury instruction is
where a leerkracht looks first; every "Ik ben" page has the aandachtsfunctionaris and 112 and
Veilig Thuis to tap. The examples always; 500 generated werkwijze combinations with the slow tests.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from procedure_text import BATCHES, CONTENT, TEMPLATES, handbook, sample_batch

from meldcode.load import load_config
from meldcode.model import School
from meldcode.pages import pages_for, render_page
from meldcode.procedure import resolve
from meldcode.safety import INJURY, VT_FIRST

EXAMPLES = {s.slug: s for s in load_config(ROOT / "schools", ROOT / "templates").schools}
# What must not come before Veilig Thuis where Veilig Thuis comes first.
BEFORE_VT = re.compile(r"met de ouders|om (schriftelijke )?toestemming|al bij het gezin betrokken", re.I)
# A text that pauses the meldcode for help already involved.
WAITS = re.compile(r"voordat de school verdere stappen zet|wacht(en)? op (die|de bestaande) hulp\b")
FIRST_READ = ("web/index", "print/index", "web/stap-1", "web/stap-2", "web/stap-3", "web/ik-ben-leerkracht")


MELDING_TALK = re.compile(r"\b([Bb]espreek|bespreekt|bereidt|voert|[Vv]oer)\b[^.]*voorgenomen melding")
MELDING_TALK_EXCEPT = re.compile(
    r"Veilig Thuis voor|behalve|tenzij|Veilig Thuis af|alleen als de leerling|na overleg met Veilig Thuis"
    r"|gaat het niet om"
)


def acute_problems(place: str, text: str) -> list[str]:
    """In acute danger 112 comes first: no sentence sends anyone to Veilig Thuis first without it (review 6, K15)."""
    problems = []
    for sentence in re.split(r"(?<=[.?!;])\s+", " ".join(text.split())):
        if re.search(r"acuut gevaar[^.;]*eerst[^.;]*Veilig Thuis", sentence) and "112" not in sentence:
            problems.append(f"{place}: acute danger without 112 first: {sentence[:160]!r}")
    return problems


def melding_talk_problems(place: str, text: str) -> list[str]:
    """Every instruction to talk with the parents about a melding keeps the exception in its own item
    (review 6, B1: the directeur "bereidt ... het gesprek over een voorgenomen melding voor" had none)."""
    problems = []
    for line in text.split("\n"):
        item = " ".join(line.split())
        if MELDING_TALK.search(item) and "ouders" in item and not MELDING_TALK_EXCEPT.search(item):
            problems.append(f"{place}: a conversation about a melding without its exception: {item[:160]!r}")
    return problems


def safety_problems(school: School, texts: dict[str, str]) -> list[str]:
    problems = []
    vt_first = " ".join(VT_FIRST.split())
    for place in FIRST_READ:
        if place not in texts:
            continue
        lines = [line for line in texts[place].split("\n") if line.strip()]
        # after the title and, on a step page, the step's purpose ("Deel de zorgen met de ouders ...")
        body = " ".join(" ".join(lines[2 if "stap-" in place else 1 :]).split())
        at = body.find(vt_first)
        if at < 0:
            problems.append(f"{place}: Veilig Thuis first is not said")
            continue
        risky = BEFORE_VT.search(body)
        if risky and risky.start() < at:
            problems.append(f"{place}: {risky.group(0)!r} comes before Veilig Thuis first")
    for place, text in texts.items():
        for sentence in re.split(r"(?<=[.?!])\s+", " ".join(text.split())):
            if WAITS.search(sentence) and "niet" not in sentence:
                problems.append(f"{place}: the meldcode waits for existing help: {sentence!r}")
        flat = " ".join(text.split())
        for m in re.finditer(r"al bij het gezin betrokken\?[^\n]*", flat):
            item = m.group(0)[:900]
            if "Bouw de hulp dan samen" in item[:200]:
                continue  # step 5: help the school organises itself, after the decision
            if "loopt intussen door" not in item and "zonder de volgende stappen op te houden" not in item:
                problems.append(f"{place}: existing help without 'the meldcode goes on': {item[:160]!r}")
        problems += melding_talk_problems(place, text) + acute_problems(place, text)
    injury = " ".join(INJURY.split())
    for place in ("web/index", "web/stap-1", "web/ik-ben-leerkracht"):
        if injury not in " ".join(texts.get(place, "").split()):
            problems.append(f"{place}: the injury instruction is missing")
    poster = " ".join(texts["poster"].split())
    if "onderzoekt letsel niet zelf" not in poster or "geen foto's" not in poster:
        problems.append("poster: the injury instruction is missing")
    return problems


def tap_to_call_problems(school: School, markup: dict[str, str] | None = None) -> list[str]:
    """`markup`: the school's web pages as rendered (procedure_text.rendered), when the caller has them."""
    problems = []
    af = resolve(school).aandachtsfunctionaris
    for page in pages_for(school, CONTENT):
        if not page.slug.startswith("ik-ben-"):
            continue
        markdown = (markup or {}).get(f"web/{page.slug}") or render_page(page, school, CONTENT, TEMPLATES, "web")
        if 'href="tel:112"' not in markdown:
            problems.append(f"{page.slug}: no tap-to-call 112")
        if f'href="tel:{school.veilig_thuis.telefoon.tel}"'.replace("+", "&#43;") not in markdown and (
            f'href="tel:{school.veilig_thuis.telefoon.tel}"' not in markdown
        ):
            problems.append(f"{page.slug}: no tap-to-call Veilig Thuis")
        if page.slug != "ik-ben-aandachtsfunctionaris":
            if af.naam not in markdown.replace("\xa0", " "):
                problems.append(f"{page.slug}: the aandachtsfunctionaris is not named")
            if af.telefoon and f'href="tel:{af.telefoon.tel}"' not in markdown:
                problems.append(f"{page.slug}: the aandachtsfunctionaris cannot be called with a tap")
    return problems


@pytest.mark.parametrize("slug", sorted(EXAMPLES))
def test_veilig_thuis_comes_first_and_existing_help_never_pauses_the_meldcode(slug):
    school = EXAMPLES[slug]
    assert safety_problems(school, handbook(school, ("web", "print"))) == []


@pytest.mark.parametrize("slug", sorted(EXAMPLES))
def test_every_ik_ben_page_has_the_aandachtsfunctionaris_112_and_veilig_thuis_to_tap(slug):
    assert tap_to_call_problems(EXAMPLES[slug]) == []


def test_the_old_existing_help_text_is_found():
    """The check can fail: the text before this change asked consent and paused the meldcode."""
    school = EXAMPLES["de-regenboog"]
    texts = handbook(school, ("web",))
    texts["web/stap-2"] = texts["web/stap-2"].replace(
        "## Wat doe je?",
        "## Wat doe je?\n- Is het buurtteam al bij het gezin betrokken? Vraag de ouders dan om toestemming om de"
        " zorgen met die hulpverlener te delen. Informeer die hulpverlener daarna eerst en kijk samen of die hulp kan"
        " worden versterkt, voordat de school verdere stappen zet.",
        1,
    )
    problems = safety_problems(school, texts)
    assert any("waits for existing help" in p for p in problems), problems


@pytest.mark.slow
@pytest.mark.parametrize("batch", range(BATCHES))
def test_500_generated_werkwijze_combinations_keep_safety_first(tmp_path_factory, batch):
    found = {}
    for school, texts, markup in sample_batch(tmp_path_factory, list(EXAMPLES.values()), batch):
        problems = safety_problems(school, texts) + tap_to_call_problems(school, markup)
        if problems:
            found[school.slug] = problems[:3]
    assert not found, found
