"""The output folder is the tool's own: a build never replaces what it did not make.

A refused --out leaves every input as it was and says why in one Dutch line; the
board's own files in the website (.htaccess, CNAME, site-extra/) survive builds;
one build at a time writes an output.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, run_site_build

from meldcode.cli import main
from meldcode.errors import UsageError
from meldcode.outdir import MANIFEST, guard, lock


def _repo(tmp_path: Path) -> Path:
    """A board repository: .git, schools/ with the stichting and one small school."""
    repo = tmp_path / "bestuur"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    schools = repo / "schools"
    schools.mkdir()
    shutil.copy(ROOT / "schools" / "_stichting.yaml", schools)
    shutil.copy(ROOT / "schools" / "logo-vechtdal.svg", schools)
    shutil.copy(FIXTURES / "good" / "minimal.yaml", schools / "minimal.yaml")
    return repo


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _run(capsys, *args: str) -> tuple[int, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse refuses the value itself
        code = exc.code if isinstance(exc.code, int) else 1
    return code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("schools", "hier staan de schoolbestanden"),
        (".", "dit is de huidige map"),
        ("..", "dit is de huidige map"),
        ("schools/minimal.yaml", "dit is een bestand"),
        ("", "--out is leeg"),
    ],
    ids=["schools-folder", "current-folder", "its-parent", "a-school-file", "empty"],
)
def test_an_out_that_holds_the_inputs_is_refused_and_nothing_changes(tmp_path, monkeypatch, capsys, out, says):
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    before = _snapshot(tmp_path)
    code, err = _run(capsys, "--schools", "schools", "--out", out)
    assert code in (1, 2)
    assert says in err
    assert "Traceback" not in err
    assert _snapshot(tmp_path) == before  # not one file added, changed or removed
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestuur"]


def test_the_repository_and_another_repository_are_refused_from_another_folder(tmp_path, monkeypatch, capsys):
    repo = _repo(tmp_path)
    other = tmp_path / "website"  # another git repository, e.g. the board's own website
    (other / ".git").mkdir(parents=True)
    (other / MANIFEST).write_text("{}", encoding="utf-8")  # even with a manifest in it
    elsewhere = tmp_path / "elders"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    before = _snapshot(tmp_path)
    code, err = _run(capsys, "--schools", str(repo / "schools"), "--out", str(repo))
    assert code == 1 and "hier staan de schoolbestanden" in err
    code, err = _run(capsys, "--schools", str(repo / "schools"), "--out", str(other))
    assert code == 1 and "dit is een git-repository" in err
    assert _snapshot(tmp_path) == before


def test_a_folder_the_tool_did_not_make_is_refused(tmp_path, monkeypatch, capsys):
    repo = _repo(tmp_path)
    monkeypatch.chdir(repo)
    site = repo / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>de eigen website van het bestuur</p>", encoding="utf-8")
    code, err = _run(capsys, "--schools", "schools", "--out", "site")
    assert code == 1
    assert f"niet door meldcode gemaakt ({MANIFEST} ontbreekt)" in err
    assert len(err.strip().splitlines()) == 2  # the reason, then "Er is niets gebouwd of gewijzigd."
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>de eigen website van het bestuur</p>"
    assert not list(repo.glob(".site.*"))  # not even a lock file or a staging folder


def test_absent_empty_and_earlier_outputs_are_accepted(tmp_path):
    repo = _repo(tmp_path)
    schools = repo / "schools"
    guard(repo / "site", schools, cwd=repo)  # absent
    (repo / "site").mkdir()
    guard(repo / "site", schools, cwd=repo)  # empty
    (repo / "site" / MANIFEST).write_text("{}", encoding="utf-8")
    (repo / "site" / "index.html").write_text("oud", encoding="utf-8")
    guard(repo / "site", schools, cwd=repo)  # an earlier build's


def test_the_boards_own_files_survive_a_build_that_changes_something(tmp_path):
    repo = _repo(tmp_path)
    schools, out = repo / "schools", repo / "site"
    extra = repo / "site-extra"
    (extra / ".well-known").mkdir(parents=True)
    (extra / ".well-known" / "security.txt").write_text("Contact: mailto:ict@bestuur.nl\n", encoding="utf-8")
    run_site_build(schools, out, jobs=1)
    assert (out / ".well-known" / "security.txt").is_file()  # copied in from site-extra/
    (out / ".htaccess").write_text("Require all granted\n", encoding="utf-8")
    (out / "CNAME").write_text("meldcode.bestuur.nl\n", encoding="utf-8")
    (out / "toevallig.txt").write_text("niet van het bestuur bedoeld\n", encoding="utf-8")
    school = schools / "minimal.yaml"
    school.write_text(school.read_text(encoding="utf-8") + "\n# gewijzigd\n", encoding="utf-8")
    result = run_site_build(schools, out, jobs=1)
    assert result.published
    assert (out / ".htaccess").read_text(encoding="utf-8") == "Require all granted\n"
    assert (out / "CNAME").read_text(encoding="utf-8") == "meldcode.bestuur.nl\n"
    assert (out / ".well-known" / "security.txt").is_file()
    assert not (out / "toevallig.txt").exists()  # the rest of the folder is the tool's own


def test_a_change_in_site_extra_alone_is_published(tmp_path):
    repo = _repo(tmp_path)
    schools, out = repo / "schools", repo / "site"
    run_site_build(schools, out, jobs=1)
    (repo / "site-extra").mkdir()
    (repo / "site-extra" / "CNAME").write_text("meldcode.bestuur.nl\n", encoding="utf-8")
    result = run_site_build(schools, out, jobs=1)
    assert result.published and not result.built
    assert (out / "CNAME").read_text(encoding="utf-8") == "meldcode.bestuur.nl\n"


def test_a_second_build_into_the_same_output_is_refused_while_the_first_runs(tmp_path):
    repo = _repo(tmp_path)
    out = repo / "site"
    with lock(out):
        with pytest.raises(UsageError, match=r"Er loopt al een bouw naar site/ \(proces \d+\)"):
            run_site_build(repo / "schools", out, jobs=1)
        assert not out.exists()
    run_site_build(repo / "schools", out, jobs=1)  # released: the next build goes ahead
    assert (out / MANIFEST).is_file()


def test_a_misnamed_school_file_with_keep_going_leaves_the_published_schools_alone(tmp_path):
    # "...yaml" has the stem "..": it was built into the output's parent and removed a published school.
    repo = _repo(tmp_path)
    schools, out = repo / "schools", repo / "site"
    run_site_build(schools, out, jobs=1)
    before = _snapshot(out / "minimal")
    shutil.copy(schools / "minimal.yaml", schools / "...yaml")
    result = run_site_build(schools, out, jobs=1, keep_going=True)
    assert any(p.file == "schools/...yaml" and "bestandsnaam" in p.message for p in result.problems)
    assert result.failed == [] and result.built == []
    assert _snapshot(out / "minimal") == before
    assert sorted(p.name for p in repo.iterdir()) == [".git", ".site.lock", "intern", "schools", "site"]


def test_merging_refuses_a_part_whose_manifest_names_a_folder_outside_it(tmp_path, capsys):
    import json

    repo = _repo(tmp_path)
    part = tmp_path / "deel"
    run_site_build(repo / "schools", part, jobs=1)
    secret = tmp_path / "geheim"
    secret.mkdir()
    (secret / "wachtwoorden.txt").write_text("niet publiceren", encoding="utf-8")
    manifest = json.loads((part / MANIFEST).read_text(encoding="utf-8"))
    manifest["schools"]["../geheim"] = manifest["schools"]["minimal"]
    (part / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    out = tmp_path / "samen"
    code = main(["--schools", str(repo / "schools"), "--out", str(out), "--samenvoegen", str(part)])
    assert code == 1
    assert "'../geheim' die geen geldige schoolmap is" in capsys.readouterr().err
    assert not out.exists()
