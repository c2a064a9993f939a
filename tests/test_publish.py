"""Publishing: CI examples that run the documented commands, shard merging, search engines, security headers."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml
from conftest import FIXTURES, ROOT, copy_schools, run_site_build, visible_text

from meldcode.cli import main, parser
from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.pipeline import MANIFEST
from meldcode.publish import ROBOTS_META, SECURITY_HEADERS
from meldcode.site import build_site, write_docs

GUIDE = (ROOT / "docs" / "publiceren.md").read_text(encoding="utf-8")
CI = ROOT / "docs" / "ci"
# Values the CI fills in for its template variables, so the commands can be parsed.
CI_VARIABLES = {
    "${{ matrix.deel }}": "0",
    "${{ env.DELEN }}": "4",
    "$((CI_NODE_INDEX - 1))": "0",
    "$CI_NODE_TOTAL": "4",
    "$CI_NODE_INDEX": "1",
}


def ci_commands(path: Path) -> list[str]:
    """Return every shell line of a CI file that runs build.py."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lines: list[str] = []

    def walk(node) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("run", "script", "before_script") and value:
                    for item in value if isinstance(value, list) else [value]:
                        lines.extend(str(item).splitlines())
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return [line.strip() for line in lines if "build.py" in line]


def documented_commands() -> list[list[str]]:
    block = re.search(r"Beide draaien dezelfde drie opdrachten:\n\n```\n(.*?)```", GUIDE, re.S)
    assert block, "docs/publiceren.md lists the CI's commands"
    return [shlex.split(line) for line in block.group(1).splitlines()]


def options(argv: list[str]) -> list[str]:
    return sorted(a for a in argv if a.startswith("-"))


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_examples_run_the_documented_commands(name):
    commands = []
    for command in ci_commands(CI / name):
        for variable, value in CI_VARIABLES.items():
            command = command.replace(variable, value)
        commands.append(shlex.split(command))
    assert [options(c) for c in commands] == [options(d) for d in documented_commands()]
    for argv in commands:
        assert argv[:2] == ["python", "build.py"]
        parser(ROOT).parse_args(argv[2:])  # exits 2 on an option build.py does not have


def test_github_example_builds_every_shard():
    workflow = yaml.safe_load((CI / "github-actions.yml").read_text(encoding="utf-8"))
    shards = workflow["jobs"]["bouwen"]["strategy"]["matrix"]["deel"]
    assert shards == list(range(int(workflow["env"]["DELEN"])))


def test_shard_outputs_merge_into_one_site(tmp_path, capsys):
    schools = copy_schools(tmp_path, FIXTURES / "good" / "minimal.yaml", with_examples=False)
    (schools / "de-regenboog.yaml").write_bytes((ROOT / "schools" / "de-regenboog.yaml").read_bytes())
    for k in (0, 1):  # as on two machines: each part has its own internal folder beside it
        run_site_build(schools, tmp_path / "delen" / str(k) / "site", shard=(k, 2), jobs=1)
    parts = [str(tmp_path / "delen" / str(k) / "site") for k in (0, 1)]
    assert main(["--schools", str(schools), "--out", str(tmp_path / "site"), "--samenvoegen", *parts]) == 0
    site = tmp_path / "site"
    assert sorted(p.name for p in site.iterdir() if p.is_dir() and p.name != "assets") == ["de-regenboog", "minimal"]
    overview = visible_text((site / "index.html").read_text(encoding="utf-8"))
    assert "OBS De Regenboog" in overview and "OBS Minimaal" in overview
    # The merged output is a normal build's output: building again changes nothing.
    assert not run_site_build(schools, site).published
    # A part built from other input is refused, and the output stays as it was.
    stale = tmp_path / "delen" / "0" / "site" / MANIFEST
    stale.write_text(stale.read_text(encoding="utf-8").replace('"shared": "', '"shared": "x'), encoding="utf-8")
    before = (site / "index.html").read_bytes()
    assert main(["--schools", str(schools), "--out", str(site), "--samenvoegen", *parts]) == 1
    assert "andere code" in capsys.readouterr().err
    assert (site / "index.html").read_bytes() == before


def test_search_engines_are_asked_to_stay_away_by_default(example_site):
    pages = sorted(example_site.glob("*/*.html")) + [example_site / "index.html"]
    assert len(pages) > 60
    assert [p for p in pages if ROBOTS_META not in p.read_text(encoding="utf-8")] == []
    robots = (example_site / "robots.txt").read_text(encoding="utf-8")
    assert "noindex" in robots and "Disallow:\n" in robots  # crawling stays allowed, or noindex is never seen
    assert not list(example_site.rglob("sitemap.xml*"))


def test_zoekmachines_ja_leaves_the_pages_indexable(tmp_path):
    schools = copy_schools(tmp_path, with_examples=False)
    stichting = schools / "_stichting.yaml"
    stichting.write_text(stichting.read_text(encoding="utf-8").replace("zoekmachines: nee", "zoekmachines: ja"))
    (schools / "minimal.yaml").write_bytes((FIXTURES / "good" / "minimal.yaml").read_bytes())
    config = load_config(schools, ROOT / "templates")
    assert config.problems == []
    [school] = config.schools
    assert school.vindbaar
    mkdocs_yml = write_docs(
        school, load_content(ROOT / "templates"), ROOT / "templates", ROOT / "assets", ROOT / "mkdocs.yml", tmp_path
    )
    site = build_site(mkdocs_yml, 0)
    assert "noindex" not in (site / "index.html").read_text(encoding="utf-8")


def test_the_guide_shows_every_security_header_for_nginx_and_apache():
    nginx = re.search(r"```nginx\n(.*?)```", GUIDE, re.S)
    apache = re.search(r"```apache\n(.*?)```", GUIDE, re.S)
    assert nginx and apache
    for name, value in SECURITY_HEADERS.items():
        assert f'add_header {name} "{value}" always;' in nginx.group(1)
        assert f'Header always set {name} "{value}"' in apache.group(1)
        assert f"| `{name}` |" in GUIDE
