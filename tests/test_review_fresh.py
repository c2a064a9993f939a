"""The second independent read of December 2026 (issue 20): each corrected finding, on rendered pages."""

from __future__ import annotations

import pytest
from conftest import SLUGS, visible_text
from test_review_age_sector import page

from meldcode.procedure import VT_FIRST


@pytest.mark.parametrize("slug", SLUGS)
def test_step_5_asks_for_the_parent_conversation_only_under_the_safety_rule(slug):
    # Finding 1 (hoog): step 5 says "Bespreek een voorgenomen melding vooraf met de ouders"; the
    # "Veilig Thuis eerst" box stood on steps 1-3 only.
    for step in (4, 5):
        text = page(slug, f"stap-{step}")
        assert " ".join(VT_FIRST.split()) in text
        assert text.index("Bel dan eerst Veilig Thuis") < text.index("Wat doe je?")


@pytest.mark.parametrize("slug", SLUGS)
def test_the_parents_page_shows_no_markup(example_site, slug):
    # A "}{: .lead" fragment showed on every school's "Voor ouders" page.
    text = visible_text((example_site / slug / "voor-ouders.html").read_text(encoding="utf-8"))
    assert "{:" not in text and "}" not in text


@pytest.mark.parametrize("slug", SLUGS)
def test_every_ik_ben_page_puts_veilig_thuis_first(example_site, slug):
    # Finding 2: the warning stood on "Ik ben leerkracht" only, not for who talks with the parents.
    pages = sorted((example_site / slug).glob("ik-ben-*.html"))
    assert len(pages) > 3
    for path in pages:
        text = visible_text(path.read_text(encoding="utf-8"))
        assert "Bel dan eerst Veilig Thuis: vóór een gesprek met de ouders" in text, path.name


def test_the_task_line_for_existing_help_waits_for_veilig_thuis_where_it_comes_first():
    # Finding 13: the exception stood under "Wat doe je?", not in the task of who does it.
    assert "en bij acuut gevaar of waar Veilig Thuis voorgaat pas na Veilig Thuis" in page("het-kompas", "stap-3")


def test_a_melding_is_discussed_with_the_pupil_first_where_the_pupils_are_16_or_older():
    # Finding 8: "bespreekt een voorgenomen melding met de ouders" against the school's own age rule.
    for slug in ("vechtdal-college", "de-brug"):
        text = page(slug, "stap-5")
        assert "bespreekt een voorgenomen melding met de ouders" not in text
        assert "Gesprek met de ouders over een melding" not in text
        assert "Gesprek met de leerling en de ouders over een melding" in text
