"""The "Voor ouders" page as plain text, to paste into a schoolgids or a school's website.

The page itself is templates/handbook/voor-ouders.md.j2, rendered from the school's
procedure like every other page; this module only turns its Markdown into text with
no markup: a title line, paragraphs, and list items starting with "- ".
"""

from __future__ import annotations

import re
from pathlib import Path

from .changes import handbook_text
from .content import Content
from .model import School
from .pages import pages_for, render_page
from .render import markdown_to_html

# What the page says only to a reader of the website: the lead and the download link.
_WEB_ONLY = re.compile(r"\{: \.lead \}")


def parents_plain_text(school: School, content: Content, templates_dir: Path, mkdocs_yml: Path) -> str:
    """Return the text for parents of `school` (from its "Voor ouders" page), without markup."""
    page = next(p for p in pages_for(school, content) if p.slug == "voor-ouders")
    markdown = render_page(page, school, content, templates_dir, "print")
    # The first heading and its lead say what the text is for; the text to paste starts at "## ".
    markdown = markdown[markdown.index("\n## ") :].replace("\n## ", "\n# ", 1)
    html = markdown_to_html(_WEB_ONLY.sub("", markdown), mkdocs_yml)
    lines = handbook_text(f'<section class="chapter">{html}</section>').splitlines()
    blocks = [re.sub(r"^#+ ", "", line) for line in lines if line.strip()]
    text = ""
    for i, block in enumerate(blocks):
        # list items stay together; every other block is a paragraph of its own
        together = block.startswith("- ") and i > 0 and blocks[i - 1].startswith("- ")
        text += ("\n" if together or not text else "\n\n") + block
    return text.lstrip("\n") + "\n"
