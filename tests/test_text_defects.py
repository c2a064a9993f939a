"""Issue 20's two text defects, on rendered pages: the VO Begrippenlijst and the Tips page.

Each test failed on the text before the fix.
"""

from __future__ import annotations

import re

import markdown
from test_review_age_sector import PRIMARY, VO, page, schools
from test_review_legal import markdown as page_markdown


def test_vo_begrippenlijst_keeps_mentor_and_normvervaging_as_separate_terms():
    text = page_markdown(schools()[VO], "begrippen", "web")
    html = markdown.markdown(text, extensions=["def_list", "attr_list"])
    terms = re.findall(r"<dt>(.*?)</dt>", html)
    assert "Mentor" in terms
    assert "Normvervaging" in terms
    assert not any(term.startswith("De docent") for term in terms)


def test_tips_opening_follows_the_choice_that_the_pupil_begins():
    # de-regenboog chose gesprek_leerling.aanpak: leerling_begint
    tips = page("de-regenboog", "gesprekstips")
    assert "Vertel wat je hebt gezien of gehoord en dat je je zorgen maakt" not in tips
    assert "Begin zelf niet over een vermoeden van geweld of mishandeling" in tips


def test_tips_say_that_asking_neutrally_about_an_injury_is_fine():
    for slug in (*PRIMARY, VO):
        assert "Zie je letsel? Neutraal vragen wat er is gebeurd, mag" in page(slug, "gesprekstips"), slug
