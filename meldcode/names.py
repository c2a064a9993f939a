"""The names of what a build writes, defined once: each school's PDF files and role pages, the board's CSV.

Code and templates both use these (templates through the `pdf` and `role_page`
filters and the `pdf_files` list of meldcode.render), so a link never points at
a file under an old name, and the site's footer and the board's overview link
every PDF a school gets.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PdfFile:
    kind: str  # how code and templates name it: pdf_file('handbook', slug), slug | pdf('handbook')
    prefix: str  # the start of the file name; the school's slug follows
    label: str  # its link text in the site's footer and on the board's overview


# The PDFs every school gets, in the order they are linked.
PDF_FILES = (
    PdfFile("handbook", "meldcode", "Handboek"),  # the whole handbook
    PdfFile("poster", "poster", "Poster"),  # one page for the staff room
    PdfFile("forms", "formulieren", "Formulieren"),  # the appendices: logboek, gespreksverslag, checklist
)


# Only for a school with an adopted version in the archive: what changed since (meldcode/changes.py).
CHANGES_PDF = PdfFile("changes", "wijzigingen", "Wat is er veranderd")


def pdf_file(kind: str, slug: str) -> str:
    """Return the file name of one of a school's PDFs: ('handbook', 'de-wissel') -> 'meldcode-de-wissel.pdf'."""
    prefix = next((f.prefix for f in (*PDF_FILES, CHANGES_PDF) if f.kind == kind), None)
    if prefix is None:
        raise ValueError(f"no such PDF: {kind!r}")
    return f"{prefix}-{slug}.pdf"


def adopted_pdf(folder: str, slug: str) -> str:
    """Where the site keeps an adopted version's handbook: 'vastgesteld/2.0/meldcode-de-wissel.pdf'."""
    return f"vastgesteld/{folder}/{pdf_file('handbook', slug)}"


def parents_text(slug: str) -> str:
    """The "Voor ouders" text as plain text to paste into a schoolgids: 'de-wissel' -> 'ouders-de-wissel.txt'."""
    return f"ouders-{slug}.txt"


def role_page(key: str) -> str:
    """Return the page slug of a role's "Ik ben ..." page: 'intern_begeleider' -> 'ik-ben-intern-begeleider'."""
    return "ik-ben-" + key.replace("_", "-")


# Beside the board's overview (site/index.html): every school's aandachtspunten, for a spreadsheet.
AANDACHTSPUNTEN_CSV = "aandachtspunten.csv"

# The board's own file in the schools folder; every other .yaml file there is a school.
STICHTING_FILE = "_stichting.yaml"
