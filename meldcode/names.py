"""The names of what a build writes, defined once: each school's PDF files and role pages.

Code and templates both use these (templates through the `pdf` and `role_page`
filters of meldcode.render), so a link never points at a file under an old name.
"""

from __future__ import annotations

# The PDFs every school gets, by kind: the start of the file name (the school's slug follows).
PDF_FILES = {
    "handbook": "meldcode",  # the whole handbook
    "poster": "poster",  # one page for the staff room
    "forms": "formulieren",  # the handbook's appendices: logboek, gespreksverslag, checklist
}


def pdf_file(kind: str, slug: str) -> str:
    """Return the file name of one of a school's PDFs: ('handbook', 'de-wissel') -> 'meldcode-de-wissel.pdf'."""
    return f"{PDF_FILES[kind]}-{slug}.pdf"


def role_page(key: str) -> str:
    """Return the page slug of a role's "Ik ben ..." page: 'intern_begeleider' -> 'ik-ben-intern-begeleider'."""
    return "ik-ben-" + key.replace("_", "-")
