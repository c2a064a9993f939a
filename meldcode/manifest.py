"""The build's records: where it reads and writes (Paths), and what it keeps of each school (Manifest).

The pipeline writes them and the overview reads them; both import them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import NotRequired, TypedDict

from .outdir import INTERN
from .resources import ASSETS, MKDOCS_YML, TEMPLATES


@dataclass(frozen=True)
class Paths:
    """Where the build reads and writes; always passed in, never taken from the cwd."""

    schools: Path
    out: Path
    templates: Path
    assets: Path
    mkdocs: Path  # the base MkDocs configuration
    intern: Path | None = None  # the board's own output, not published: overview and aandachtspunten

    @classmethod
    def project(cls, schools: Path, out: Path, intern: Path | None = None) -> Paths:
        out = out.resolve()
        return cls(schools.resolve(), out, TEMPLATES, ASSETS, MKDOCS_YML, (intern or out.parent / INTERN).resolve())


class Row(TypedDict):
    """What the board's overview shows of one school (kept in the manifest)."""

    naam: str
    sector: str
    af: str
    af_telefoon: str | None
    af_tel: str | None
    af_email: str | None
    versie: str
    vastgesteld: str | None  # ISO date (None: a concept without a date)
    status: NotRequired[str]  # "concept" or "vastgesteld" (meldcode/status.py); absent in older manifests
    concept_redenen: NotRequired[list[str]]  # why it is a concept (internal)
    evaluatie: str  # ISO date
    geevalueerd: NotRequired[str | None]  # ISO date of the last evaluation held (internal)
    stichting: str
    vindbaar: bool  # may search engines list the sites (the stichting's choice)
    aandachtspunten: list[dict]  # meldcode.checks.Aandachtspunt.as_dict() of each


class Entry(TypedDict):
    digest: str  # school_digest of the school's inputs when it was built
    row: Row


class Manifest(TypedDict, total=False):
    """The record of the published output, kept in it as MANIFEST (empty before a first build)."""

    tool: str  # __version__
    shared: str  # digest of what every school depends on
    extra: str  # digest of the board's own files (outdir.EXTRA)
    schools: dict[str, Entry]  # slug -> entry, sorted


# What the public manifest keeps of a school's row; the rest (contact details, aandachtspunten)
# stays in the internal folder.
_PUBLIC_ROW = ("naam", "sector", "versie", "status", "vastgesteld", "evaluatie", "stichting", "vindbaar")


def public_row(row: Row) -> Row:
    return {k: v for k, v in row.items() if k in _PUBLIC_ROW}  # type: ignore[return-value]
