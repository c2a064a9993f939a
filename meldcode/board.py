"""Start a board's own repository: `meldcode --nieuwe-stichting MAP --naam "Stichting ..."`.

The repository holds only the board's files and installs this tool at a pinned
version from the package index; it is never a copy of the tool. Written:

- schools/_stichting.yaml   the board file, commented, the fields to fill marked `# INVULLEN`
- schema/*.schema.json      the JSON Schemas, for the editor (generated, as `--schrijf-schema` does)
- .vscode/settings.json     maps the schemas to the files (VS Code's YAML extension)
- .devcontainer/            a dev container (VS Code, GitHub Codespaces) that installs the tool
- .github/workflows/meldcode.yml, .gitlab-ci.yml   check every push, publish the main branch
- README.md, .gitignore     for the board, in Dutch

Then `meldcode --nieuwe-school` adds schools, and `meldcode --check` names exactly the
fields still to fill. Nothing that exists is overwritten.
"""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import yaml

from . import __version__
from .errors import MeldcodeError
from .loader import HIDDEN
from .names import STICHTING_FILE

# Each file of a new board repository and the template it comes from (templates/scaffold/).
FILES = {
    Path("schools") / STICHTING_FILE: "_stichting.yaml.j2",
    Path("README.md"): "README.md.j2",
    Path(".gitignore"): "gitignore.j2",
    Path(".vscode") / "settings.json": "vscode-settings.json.j2",
    Path(".devcontainer") / "devcontainer.json": "devcontainer.json.j2",
    Path(".github") / "workflows" / "meldcode.yml": "github-workflow.yml.j2",
    Path(".gitlab-ci.yml"): "gitlab-ci.yml.j2",
}


def new_board(target: Path, naam: str, templates_dir: Path, docs_dir: Path) -> list[Path]:
    """Write a new board repository into `target` (absent or empty); return the files written."""
    if not naam.strip():
        raise MeldcodeError("geef de naam van de stichting met --naam")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise MeldcodeError(f"{target} bestaat al en is niet leeg; kies een nieuwe map. Er is niets geschreven.")
    naam = naam.strip()
    if any(ch in naam for ch in "\n\r\t") or HIDDEN.search(naam):
        raise MeldcodeError("de naam van de stichting is één regel gewone tekst; typ hem opnieuw in")
    values = {
        "naam": naam,
        # Values as YAML and JSON read them back: quotes only where needed.
        "naam_yaml": _yaml_scalar(naam),
        "door_yaml": _yaml_scalar(f"het college van bestuur van {naam}"),
        "naam_json": json.dumps(naam, ensure_ascii=False)[1:-1],
        "versie": __version__,
        "check": "meldcode --check",
    }
    # Plain text files, not HTML: the values are quoted for their format above.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir / "scaffold"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    written = []
    for path, template in FILES.items():
        text = env.get_template(template).render(**values)
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_text(text.rstrip("\n") + "\n", encoding="utf-8")
        written.append(target / path)
    from .json_schema import write  # the schemas as `--schrijf-schema` writes them

    written += write(target / "schema", templates_dir, docs_dir)
    return written


def _yaml_scalar(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=1000).strip().removesuffix("\n...")
