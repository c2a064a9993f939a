"""Golden test: a config without `werkwijze` renders exactly the stored Markdown.

The stored pages (tests/fixtures/expected/) are the handbook as it was before the
werkwijze choices existed. Every choice's default must reproduce that text, so an
existing config keeps building unchanged. When the wording is changed on purpose,
regenerate the stored pages and review the diff before committing:

    MELDCODE_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import FIXTURES, ROOT, without_werkwijze

from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.pages import pages_for, render_page

TEMPLATES = ROOT / "templates"
EXPECTED = FIXTURES / "expected"
REGENERATE = os.environ.get("MELDCODE_REGENERATE_GOLDEN") == "1"
INPUTS = {"minimal": FIXTURES / "good" / "minimal.yaml", "speciaal": FIXTURES / "golden" / "speciaal.yaml"}


@pytest.fixture(scope="module")
def golden_schools(tmp_path_factory) -> dict:
    schools = tmp_path_factory.mktemp("golden") / "schools"
    schools.mkdir()
    stichting = (ROOT / "schools" / "_stichting.yaml").read_text(encoding="utf-8")
    (schools / "_stichting.yaml").write_text(without_werkwijze(stichting), encoding="utf-8")
    shutil.copy(ROOT / "schools" / "logo-vechtdal.svg", schools)
    for name, path in INPUTS.items():
        shutil.copy(path, schools / f"{name}.yaml")
    config = load_config(schools, TEMPLATES)
    assert not config.problems, config.problems
    return {s.slug: s for s in config.schools}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_config_without_werkwijze_renders_the_stored_pages(golden_schools, name):
    school = golden_schools[name]
    content = load_content(TEMPLATES)
    rendered = {}
    for page in pages_for(school, content):
        for output in ("web", "print"):
            if getattr(page, output):
                rendered[f"{output}/{page.slug}.md"] = render_page(page, school, content, TEMPLATES, output)
    folder = EXPECTED / name
    if REGENERATE:
        shutil.rmtree(folder, ignore_errors=True)
        for rel, text in rendered.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text, encoding="utf-8")
    stored = {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))}
    assert sorted(stored) == sorted(rendered), "pages added or removed; regenerate deliberately (see module docstring)"
    for rel, text in rendered.items():
        assert text == stored[rel], f"{name}/{rel} differs from the stored page (see module docstring)"
