"""A board's own repository in one command, and the whole flow from there to a built site.

`meldcode --nieuwe-stichting MAP --naam ...` writes the board file, the schemas, the
editor settings, a dev container and CI for GitHub and GitLab that install this tool
at a pinned version. Then a new school, the check that names exactly the fields to
fill, filling them, and the build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_scaffold import fill, marked_fields

from meldcode import __version__
from meldcode.cli import main

NAAM = "Stichting De Proef: scholen #1"  # a colon and a hash: the YAML must still read it back


def run(capsys, *args: str, root: Path | None = None) -> tuple[int, str, str]:
    try:
        code = main(list(args), root=root, prog="meldcode")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture()
def board(tmp_path, capsys) -> Path:
    repo = tmp_path / "bestuur"
    code, out, err = run(capsys, "--nieuwe-stichting", str(repo), "--naam", NAAM)
    assert code == 0, err
    assert "meldcode --check" in out
    return repo


def test_a_new_board_repository_holds_the_boards_files_and_no_copy_of_the_tool(board):
    names = sorted(str(p.relative_to(board)) for p in board.rglob("*") if p.is_file())
    assert names == [
        ".devcontainer/devcontainer.json",
        ".github/workflows/meldcode.yml",
        ".gitignore",
        ".gitlab-ci.yml",
        ".vscode/settings.json",
        "README.md",
        "schema/school.schema.json",
        "schema/stichting.schema.json",
        "schools/_stichting.yaml",
    ]
    stichting = yaml.safe_load((board / "schools" / "_stichting.yaml").read_text(encoding="utf-8"))
    assert stichting["stichting"]["naam"] == NAAM
    assert stichting["vaststelling"]["door"] == f"het college van bestuur van {NAAM}"
    assert "/site/" in (board / ".gitignore").read_text() and "/intern/" in (board / ".gitignore").read_text()


def test_ci_and_dev_container_install_this_version_from_the_package_index_and_check_every_push(board):
    pinned = f"pip install meldcode=={__version__}"
    github = yaml.safe_load((board / ".github" / "workflows" / "meldcode.yml").read_text(encoding="utf-8"))
    steps = [s.get("run", "") for s in github["jobs"]["bouwen"]["steps"]]
    assert pinned in steps and "meldcode --check" in steps and "meldcode --quiet" in steps
    assert github["jobs"]["publiceren"]["if"] == "github.ref == 'refs/heads/main'"
    gitlab = yaml.safe_load((board / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert pinned in gitlab["before_script"] and gitlab["controleren"]["script"] == ["meldcode --check"]
    assert gitlab["pages"]["rules"] == [{"if": '$CI_COMMIT_BRANCH == "main"'}]
    # The dev container cannot start here (no Docker engine): its file is parsed and its commands checked.
    container = json.loads((board / ".devcontainer" / "devcontainer.json").read_text(encoding="utf-8"))
    assert "3.11" in container["image"]
    command = container["postCreateCommand"]
    assert f"meldcode=={__version__}" in command
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    runtime = re.search(r"^RUNTIME_DEBS := (.*)$", makefile, re.M).group(1).split()
    assert all(package in command for package in runtime)  # the same system libraries as `make site`
    for schema, globs in container["customizations"]["vscode"]["settings"]["yaml.schemas"].items():
        assert (board / schema).is_file() and globs
    settings = json.loads((board / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == container["customizations"]["vscode"]["settings"]["yaml.schemas"]


def test_from_a_new_board_to_a_built_site(board, capsys):
    code, out, err = run(
        capsys, "--nieuwe-school", "de-linde", "--naam", "OBS De Linde", "--sector", "basisonderwijs", root=board
    )
    assert code == 0, err
    assert out.rstrip().endswith("controleer met: meldcode --check")
    files = {name: board / "schools" / name for name in ("_stichting.yaml", "de-linde.yaml")}
    marked = {name: marked_fields(path.read_text(encoding="utf-8")) for name, path in files.items()}
    assert marked["_stichting.yaml"] == {
        "stichting.site_url",
        "vaststelling.datum",
        "vaststelling.evaluatie",
        "veilig_thuis.naam",
        "bestuur.naam",
        "bestuur.telefoon",
    }
    code, out, err = run(capsys, "--check", "-q", root=board)
    assert code == 1
    named = {
        (line.split(":")[0].removeprefix("schools/"), line.split(": ")[1])
        for line in err.splitlines()
        if ".yaml:" in line
    }
    assert named == {(name, field) for name, fields in marked.items() for field in fields}
    values = {
        "site_url": "https://meldcode.proef.nl/",
        "datum": "2026-11-01",
        "evaluatie": "2027-11-01",
        "naam": "Veilig Thuis Utrecht",
        "telefoon": "030-123 45 67",
    }
    stichting = files["_stichting.yaml"].read_text(encoding="utf-8")
    stichting = re.sub(
        r"^( *)([a-z_]+): +# INVULLEN.*$",
        lambda m: f"{m.group(1)}{m.group(2)}: {values.get(m.group(2), 'Ingevuld')}",
        stichting,
        flags=re.M,
    )
    files["_stichting.yaml"].write_text(stichting, encoding="utf-8")
    files["de-linde.yaml"].write_text(fill(files["de-linde.yaml"].read_text(encoding="utf-8")), encoding="utf-8")
    code, out, err = run(capsys, "--check", "-q", root=board)
    assert code == 0, err
    code, out, err = run(capsys, "-q", "-j", "1", root=board)
    assert code == 0, err
    assert (board / "site" / "de-linde" / "index.html").is_file()
    assert (board / "site" / "de-linde" / "meldcode-de-linde.pdf").is_file()
    assert (board / "intern" / "index.html").is_file()


def test_a_new_board_never_overwrites_a_folder_with_contents(tmp_path, capsys):
    (tmp_path / "bestaat").mkdir()
    (tmp_path / "bestaat" / "notities.txt").write_text("van het bestuur", encoding="utf-8")
    code, out, err = run(capsys, "--nieuwe-stichting", str(tmp_path / "bestaat"), "--naam", "Stichting X")
    assert code == 1 and "niet leeg" in err
    assert sorted(p.name for p in (tmp_path / "bestaat").iterdir()) == ["notities.txt"]
