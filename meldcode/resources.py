"""Where the tool's own files are: templates/, assets/, mkdocs.yml and docs/configuratie.md.

In a checkout they stay at the top of the repository, where the developers'
guide wants them. An installed package carries copies in meldcode/_data/,
which setup.py puts there when the wheel is built.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "_data"
# The folders and files setup.py copies into the package, relative to the repository.
SHIPPED = ("templates", "assets", "mkdocs.yml", "docs/configuratie.md")

ROOT = _PACKAGED if _PACKAGED.is_dir() else Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
ASSETS = ROOT / "assets"
MKDOCS_YML = ROOT / "mkdocs.yml"
DOCS = ROOT / "docs"
