"""The last evaluation held, recorded in the config, appears on the vaststelling page."""

from test_checks import replace, setup

from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.pages import pages_for, render_page
from meldcode.resources import TEMPLATES

EVALUATIE = (
    "  evaluatie: 2027-06-30\n"
    "  laatste_evaluatie:\n"
    "    datum: 2026-05-12\n"
    "    door: de directeuren met het college van bestuur\n"
    "    uitkomst: werkwijze besproken, stap 2 verduidelijkt\n"
)


def vaststelling_page(tmp_path, stichting=None) -> str:
    config = load_config(setup(tmp_path, stichting=stichting), TEMPLATES)
    assert config.problems == [], config.problems
    content = load_content(TEMPLATES)
    school = next(s for s in config.schools if s.slug == "de-regenboog")
    page = next(p for p in pages_for(school, content) if p.slug == "vaststelling")
    return render_page(page, school, content, TEMPLATES, "web")


def test_the_last_evaluation_is_shown_on_the_vaststelling_page(tmp_path):
    text = vaststelling_page(tmp_path / "a", replace("  evaluatie: 2027-06-30\n", EVALUATIE))
    assert (
        "| Laatste evaluatie | 12 mei 2026, door de directeuren met het college van bestuur: werkwijze besproken"
        in text
    )
    assert "Laatste evaluatie" not in vaststelling_page(tmp_path / "b")


def test_the_boards_overview_shows_when_each_school_was_last_evaluated(tmp_path):
    from conftest import run_site_build, visible_text

    schools = setup(tmp_path, stichting=replace("  evaluatie: 2027-06-30\n", EVALUATIE))
    run_site_build(schools, tmp_path / "site")
    overview = visible_text((tmp_path / "intern" / "index.html").read_text(encoding="utf-8"))
    assert "30 juni 2027 laatst geëvalueerd 12 mei 2026" in overview
    public = visible_text((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    assert "geëvalueerd" not in public  # the board's own record
