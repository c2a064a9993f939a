"""Last year's files still build: configs that earlier versions accepted load and render today.

tests/fixtures/old-configs/ holds the example configs of earlier commits, from the
first complete build on. None may give an error (a tightened rule is an aandachtspunt
first), and every page of every school renders for the website and for print.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from meldcode.checks import find_aandachtspunten
from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.pages import pages_for, render_page
from meldcode.procedure import resolve

TEMPLATES = ROOT / "templates"
OLD = sorted(p for p in (FIXTURES / "old-configs").iterdir() if p.is_dir())


def test_there_are_old_configs_from_the_first_release_on():
    assert len(OLD) >= 8
    assert OLD[0].name.startswith("2026-11-22")  # release 1.0.0


@pytest.mark.parametrize("folder", OLD, ids=lambda p: p.name)
def test_an_old_config_loads_without_error_and_every_page_renders(folder: Path):
    config = load_config(folder / "schools", TEMPLATES)
    assert [str(p) for p in config.problems] == []
    assert config.schools
    content = load_content(TEMPLATES)
    find_aandachtspunten(config, TEMPLATES, dt.date(2026, 12, 5))  # may find points, never fail
    for school in config.schools:
        resolve(school)
        for page in pages_for(school, content):
            for output in ("web", "print"):
                if getattr(page, output):
                    text = render_page(page, school, content, TEMPLATES, output)
                    assert text.startswith("#") or "# " in text[:400], (school.slug, page.slug, output)


def test_a_team_name_with_a_comma_that_release_1_0_0_accepted_builds_with_an_aandachtspunt():
    folder = FIXTURES / "old-configs" / "2026-11-22-115da1b-komma"
    config = load_config(folder / "schools", TEMPLATES)
    assert config.problems == []
    points = find_aandachtspunten(config, TEMPLATES, dt.date(2026, 12, 5))
    [point] = [p for p in points if p.code == "teamnaam-met-komma"]
    assert (point.file, point.line, point.field) == ("schools/team-komma.yaml", 14, "afspraken.ondersteuningsteam")
    assert 'de naam "het zorgteam, het ZAT en de IB-er" bevat een komma' in point.message
    assert "schrijf één naam zonder komma" in point.advies and "Vanaf versie 2.0" in point.advies
    assert point.open
