"""What changed since the adopted version: the handbook as plain text, compared per chapter in sentences.

`handbook_text` turns the print handbook's HTML (the same chapters and forms as the
PDF) into the plain text the archive keeps (meldcode/archive.py, tekst.md): a
chapter per "# " line, then one paragraph, list item or table row per line.
`compare` reads two such texts and returns, per chapter, the sentences that were
added, removed or changed, for the "Wat is er veranderd" page and PDF. A change in
the tool's own texts shows up the same way as a change in the school's file: both
are compared as the text a reader sees.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .archive import read_text
from .model import Adopted, School

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "dt", "dd", "caption", "figcaption", "pre"}
_SKIP = {"svg", "script", "style", "nav", "template"}
_SPACE = re.compile(r"\s+")
# A sentence ends at . ! ? or : followed by a space and a capital, digit or quote; "bijv. de" does not split.
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÀ-Ý0-9\"'‘“(])")
SIMILAR = 0.5  # two sentences at least this alike are one sentence changed, not one removed and one added


class _TextOfChapters(HTMLParser):
    """Collect the blocks of text of every `section.chapter` of the print HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._depth = 0  # inside a chapter: nesting depth of its section
        self._skip = 0
        self._buffer: list[str] = []
        self._prefix = ""
        self._cells = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "section" and "chapter" in classes and not self._depth:
            self._depth = 1
            return
        if not self._depth:
            return
        if tag == "section":
            self._depth += 1
        if tag in _SKIP:
            self._skip += 1
        if self._skip:
            return
        if tag in _BLOCKS:
            self._flush()
            self._prefix = {"li": "- ", "tr": "| "}.get(tag, "#" * int(tag[1]) + " " if tag[0] == "h" else "")
            self._cells = 0
        elif tag in ("td", "th"):
            if self._cells:
                self._buffer.append(" | ")
            self._cells += 1
        elif tag == "br":
            self._buffer.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self._depth:
            return
        if tag in _SKIP and self._skip:
            self._skip -= 1
            return
        if self._skip:
            return
        if tag in _BLOCKS:
            self._flush()
        if tag == "section":
            self._depth -= 1
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._depth and not self._skip:
            self._buffer.append(data)

    def _flush(self) -> None:
        text = _SPACE.sub(" ", "".join(self._buffer)).strip()
        self._buffer = []
        if text and text != "|":
            if self._prefix == "| ":
                text = "| " + text + " |"
            elif self._prefix:
                text = self._prefix + text
            if text.startswith("# ") and self.lines:
                self.lines.append("")  # a blank line before each chapter
            self.lines.append(text)
        self._prefix = ""


def handbook_text(html: str) -> str:
    """Return the text of the handbook's chapters and forms in `html` (the print HTML), a block per line."""
    parser = _TextOfChapters()
    parser.feed(html)
    parser.close()
    return "\n".join(parser.lines) + "\n"


@dataclass
class Change:
    """One sentence added ("nieuw"), removed ("vervallen") or changed ("gewijzigd"), under its subheading."""

    kind: str
    old: str = ""
    new: str = ""
    where: str = ""  # the subheading of the chapter it is under, if any

    @property
    def words(self) -> list[tuple[str, str]]:
        """The changed sentence as (kind, text) runs: "" kept, "del" removed words, "ins" added words."""
        old, new = self.old.split(" "), self.new.split(" ")
        runs: list[tuple[str, str]] = []
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            if op == "equal":
                runs.append(("", " ".join(old[a1:a2])))
                continue
            if a2 > a1:
                runs.append(("del", " ".join(old[a1:a2])))
            if b2 > b1:
                runs.append(("ins", " ".join(new[b1:b2])))
        return runs


@dataclass
class Chapter:
    title: str
    status: str = "gewijzigd"  # or "nieuw" (a chapter added), "vervallen" (a chapter removed)
    changes: list[Change] = field(default_factory=list)


@dataclass
class Comparison:
    """What changed from one text to another."""

    chapters: list[Chapter]

    def count(self, kind: str) -> int:
        return sum(1 for ch in self.chapters for c in ch.changes if c.kind == kind)

    @property
    def empty(self) -> bool:
        return not self.chapters


def _chapters(text: str) -> dict[str, list[tuple[str, str]]]:
    """Split a handbook text into chapters: title -> [(subheading, sentence)], in order."""
    chapters: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] | None = None
    where = ""
    for line in text.splitlines():
        if line.startswith("# "):
            title = line[2:].strip()
            current = chapters.setdefault(title, [])
            where = ""
        elif current is None or not line.strip():
            continue
        elif re.match(r"#{2,6} ", line):
            where = line.lstrip("#").strip()
            current.append((where, line.lstrip("#").strip()))  # a heading is a line of text too
        else:
            for sentence in _SENTENCE_END.split(_readable(line)):
                current.append((where, sentence.strip()))
    return chapters


def _readable(line: str) -> str:
    """A line of the text as a reader sees it: no list dash, table cells separated by a middle dot."""
    line = line.strip()
    if line.startswith("| ") and line.endswith(" |"):
        return " · ".join(cell.strip() for cell in line[2:-2].split(" | ") if cell.strip())
    return line[2:] if line.startswith("- ") else line


def compare(old_text: str, new_text: str) -> Comparison:
    """Compare two handbook texts chapter by chapter; chapters in the order of the new text."""
    old, new = _chapters(old_text), _chapters(new_text)
    result = []
    for title, units in new.items():
        if title not in old:
            result.append(Chapter(title, "nieuw", [Change("nieuw", new=s, where=w) for w, s in units]))
            continue
        changes = _sentence_changes(old[title], units)
        if changes:
            result.append(Chapter(title, "gewijzigd", changes))
    for title, units in old.items():
        if title not in new:
            result.append(Chapter(title, "vervallen", [Change("vervallen", old=s, where=w) for w, s in units]))
    return Comparison(result)


def _sentence_changes(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[Change]:
    a, b = [s for _, s in old], [s for _, s in new]
    changes: list[Change] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        removed, added = list(range(a1, a2)), list(range(b1, b2))
        # Pair each added sentence with the most alike removed one, in order: a changed sentence.
        pairs: dict[int, int] = {}
        start = 0
        for j in added:
            best, score = None, SIMILAR
            for i in removed[start:]:
                ratio = difflib.SequenceMatcher(None, a[i], b[j], autojunk=False).ratio()
                if ratio >= score:
                    best, score = i, ratio
            if best is not None:
                pairs[j] = best
                start = removed.index(best) + 1
        paired = set(pairs.values())
        here: list[tuple[tuple[int, int], Change]] = []  # in reading order: a removed sentence where it stood
        for i in removed:
            if i not in paired:
                here.append(((b1 + min(i - a1, b2 - b1), 0), Change("vervallen", old=a[i], where=old[i][0])))
        for j in added:
            if j in pairs:
                here.append(((j, 1), Change("gewijzigd", old=a[pairs[j]], new=b[j], where=new[j][0])))
            else:
                here.append(((j, 1), Change("nieuw", new=b[j], where=new[j][0])))
        changes += [change for _, change in sorted(here, key=lambda item: item[0])]
    return changes


@dataclass
class VersionChanges:
    """What the "Wat is er veranderd" page and PDF show: the version compared with, and what changed."""

    vorige: Adopted  # the adopted version this one is compared with
    comparison: Comparison
    versies: tuple[Adopted, ...]  # every adopted version, oldest first (their PDFs stay downloadable)


def changes_since(
    school: School, current_text: str, shown: Callable[[str], str] = lambda text: text
) -> VersionChanges | None:
    """Compare the current text with the last adopted version; None when nothing was adopted yet.

    When the current version is that adopted version itself (same versie, same text), it
    is compared with the version before it: "what changed in this version". `shown`
    turns a text into what the page may show (mask_numbers for the website).
    """
    if not school.versies:
        return None
    last = school.versies[-1]
    if (
        not school.is_concept
        and last.versie == school.vaststelling.versie
        and len(school.versies) > 1
        and read_text(last) == current_text
    ):
        last = school.versies[-2]
    return VersionChanges(last, compare(shown(read_text(last)), shown(current_text)), school.versies)


# A Dutch phone number as the handbook writes it (meldcode.values.Phone.display): 06 22456189, 0800 2000.
_PHONE = re.compile(r"(?<![\d+])(?:\+31[ -]?|0)\d{1,3}(?:[ -]?\d{2,8}){1,3}(?!\d)")
MASKED = "(nummer: zie het handboek als PDF)"


def mask_numbers(text: str, hidden: frozenset[str]) -> str:
    """Leave out of `text` the phone numbers the website does not show: `hidden` holds those of the
    current version and those the archive recorded for the old one (archive.RECORD, niet_op_website)."""
    return _PHONE.sub(lambda m: MASKED if m.group(0) in hidden else m.group(0), text)
