"""Consent, age rules and who does what follow the law and the school's own data (review of 2026, legal).

Each test names a sentence the reviewer quoted from the built examples: it must not come back.
Pages are rendered to Markdown directly (cheap); one test renders the print HTML of one school.
"""

from __future__ import annotations

import dataclasses
import html
import re

import pytest
from conftest import ROOT, SLUGS, copy_schools
from test_review_age_sector import ADULTS, CONTENT, PRIMARY, SO_ADULTS, TEMPLATES, VO, page, schools

from meldcode.load import load_config
from meldcode.model import School
from meldcode.pages import ROLES, menu, pages_for, render_page, slots

# The curator and the wettelijk mentor, always named together with the age at which they exist.
# Their say is limited to what the pupil cannot decide (UAVG art. 5 lid 2; BW 1:453).
ADULT_CONSENT = (
    "bij curatele of mentorschap vanaf 18 jaar, voor wat de leerling zelf niet kan beslissen,"
    " de curator of wettelijk mentor"
)


def markdown(school: School, slug: str, output: str) -> str:
    """The Markdown of one page of `school` as written for `output`, whitespace kept."""
    found = next(p for p in pages_for(school, CONTENT) if p.slug == slug)
    return html.unescape(render_page(found, school, CONTENT, TEMPLATES, output))


@pytest.mark.parametrize("slug", ADULTS)
def test_consent_names_the_curator_and_the_wettelijk_mentor_only_from_18(slug):
    step_2, team = page(slug, "stap-2"), page(slug, "wie-doet-wat")
    assert "vanaf 16 jaar, de leerling zelf (of diens curator of mentor)" not in step_2
    assert "bij curatele of mentorschap aan de curator of mentor" not in team
    assert f"de leerling zelf (vanaf 16 jaar) of, {ADULT_CONSENT} om toestemming" in step_2
    assert "Bespreek de leerling anoniem, tenzij je toestemming hebt van de ouders (tot 16 jaar)" in step_2
    assert (
        "vraagt de school toestemming: onder de 16 jaar aan de ouders met gezag, vanaf 16 jaar aan de leerling zelf"
        " en, bij curatele of mentorschap vanaf 18 jaar, voor wat de leerling zelf niet kan beslissen,"
        " aan de curator of wettelijk mentor." in team
    )
    if slug == VO:
        assert f"vraagt de ouders (tot 16 jaar), de leerling zelf (vanaf 16 jaar) of, {ADULT_CONSENT}" in page(
            slug, "ik-ben-zorgcoordinator"
        )


@pytest.mark.parametrize("slug", ADULTS)
def test_no_page_calls_the_legal_mentor_just_mentor(slug):
    """In VO "de mentor" is the class mentor: the legal one is always the "wettelijk mentor"."""
    for found in pages_for(schools()[slug], CONTENT):
        text = page(slug, found.slug)
        assert not re.search(r"curator of (de )?mentor\b", text), found.slug
        assert "diens mentor" not in text, found.slug


def test_the_consent_slot_fits_every_age_range():
    vo = schools()[VO]
    for ages, expected in [
        ((4, 12), "de ouders"),
        ((12, 17), "de ouders (tot 16 jaar) of de leerling zelf (vanaf 16 jaar)"),
        ((12, 20), f"de ouders (tot 16 jaar), de leerling zelf (vanaf 16 jaar) of, {ADULT_CONSENT}"),
        ((16, 20), f"de leerling zelf of, {ADULT_CONSENT}"),
        ((18, 20), f"de leerling zelf of, {ADULT_CONSENT}"),
    ]:
        assert slots(dataclasses.replace(vo, leeftijd=ages))["toestemming_van"] == expected, ages


def test_sexual_violence_gives_pupils_of_16_and_17_the_conversation_first():
    text = page(VO, "bijzondere-vormen")
    assert "Daarna praat je met de ouders; bij een leerling van 18 jaar of ouder alleen als" not in text
    assert (
        "Daarna praat je met de ouders van een leerling jonger dan 16, zoals je met Veilig Thuis afspreekt; is een"
        " ouder mogelijk de pleger, dan niet zonder Veilig Thuis. Is de leerling 16 of 17? Praat eerst met de"
        " leerling zelf en spreek samen af hoe en door wie de ouders worden geïnformeerd." in text
    )
    assert "Is de leerling 18 jaar of ouder? Dan praat je met de leerling zelf, en met de ouders alleen als" in text
    for slug in PRIMARY:
        primary = page(slug, "bijzondere-vormen")
        assert "eerst met Veilig Thuis. Daarna praat je met de ouders, zoals je met Veilig Thuis afspreekt" in primary
        assert "16 of 17" not in primary and "18 jaar" not in primary, slug


@pytest.mark.parametrize("slug", SLUGS)
def test_the_start_page_points_to_the_first_ik_ben_page_of_the_menu(slug):
    school = schools()[slug]
    roles = dict(menu(pages_for(school, CONTENT)))[ROLES]
    text = markdown(school, "index", "web")
    assert "Ik ben ...." not in text and "Ik ben ...]" not in text
    # the menu's section by its name, and a link that says where it goes: a teacher's own page (review 5, A16)
    teacher = next(p for p in roles if p.slug == "ik-ben-leerkracht")
    assert f"Kijk bij de pagina's *Ik ben …* in het menu, bijvoorbeeld [{teacher.title}](ik-ben-leerkracht.md)." in text
    if slug == VO:
        assert roles[0].slug == "ik-ben-aandachtsfunctionaris"  # the reviewer's menu; before, a docent's page


def test_a_directeur_who_leads_step_5_is_not_told_to_inform_himself(tmp_path):
    step_5 = page(VO, "stap-5")
    todo = step_5.split("## Wat doe je?")[1].split("## Wie doet wat")[0]
    assert "Informeer de directeur" not in todo
    assert "Doe je een melding, dan informeert de rector (Joris Hazenberg) het bestuur." in todo
    # Another leader of step 5 still informs the directeur.
    folder = copy_schools(tmp_path)
    path = folder / f"{VO}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "  stap_5:\n    regie: directeur\n    betrokken: [aandachtsfunctionaris, teamleider]",
            "  stap_5:\n    regie: aandachtsfunctionaris\n    betrokken: [directeur, teamleider]",
        ),
        encoding="utf-8",
    )
    config = load_config(folder, TEMPLATES)
    assert not config.problems, config.problems
    school = next(s for s in config.schools if s.slug == VO)
    step_5 = " ".join(markdown(school, "stap-5", "print").split())
    assert "Informeer de rector over beide beslissingen." in step_5  # the rector's title (review 6, B3)
    assert "Doe je een melding, dan informeert de rector (Joris Hazenberg) het bestuur." in step_5


def test_vo_step_4_does_not_claim_who_weighs():
    text = page(VO, "stap-4")
    assert "met de zorgcoördinator en de mentor erbij" not in text
    assert "Weeg in het zorg- en adviesteam (ZAT) en neem mee wat de mentor van de leerling weet." in text


@pytest.mark.parametrize("slug", [VO, SO_ADULTS])
def test_step_2_lists_the_overlegpartners_one_per_line(slug):
    school = schools()[slug]
    text = markdown(school, "stap-2", "print")
    assert "Utrecht-West, Jongerenwerk" not in text
    assert f"\n\nOverlegpartners van {school.naam_in_tekst} " in text  # a paragraph of its own, not in the list above
    for partner in school.afspraken.overlegpartners:
        assert re.search(rf"\n- {re.escape(partner)}(: .*)?\n", text), partner


def test_the_print_html_gives_the_overlegpartners_as_list_items():
    from meldcode.pdf import handbook_html

    printed = html.unescape(handbook_html(schools()[VO], CONTENT, TEMPLATES, ROOT / "mkdocs.yml"))
    assert "</ul>\n<p>Overlegpartners van het Vechtdal College" in printed
    assert "<li>Leerplicht en RMC, regio Utrecht-West: <a href=" in printed  # on the sociale kaart: its number
    assert "<li>Jongerenwerk Maarssen: <a href=" in printed


def test_step_2_gives_the_schools_own_team_agreement():
    assert (
        "Het zorg- en adviesteam (ZAT) komt elke drie weken bij elkaar, en bij zorgen over veiligheid binnen twee"
        " werkdagen." in page(VO, "stap-2")
    )
    assert "binnen twee werkdagen" in page(VO, "wie-doet-wat")
    # One definition: the agreement is a werkwijze choice, no longer a loose line at the back.
    assert "binnen twee werkdagen" not in page(VO, "randvoorwaarden")
    assert "bespreekt wekelijks de zorgen over leerlingen" in page("het-kompas", "stap-2")
    assert "komt elke" not in page("de-regenboog", "stap-2")
