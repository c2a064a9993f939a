"""Load one YAML config file safely, keeping the line number of every value.

YAML is data here: the file is only *composed* into nodes (never constructed
into Python objects), every scalar becomes text, and anything a board file has
no use for (anchors and aliases, Python tags, several documents) is refused
with a Dutch message that names the file and line.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem

# A school file is a page of YAML; anything this large is a mistake (or an attack).
MAX_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_NODES = 20_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_TAG = "tag:yaml.org,2002:"
# Plain YAML types a config may contain; all scalars are read back as text.
_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "timestamp", "binary")}
_NULL = _TAG + "null"

# Characters no value needs and that hide or reorder text: control characters (but tab and
# newline), bidi overrides and isolates, zero-width characters. YAML escapes ("\\e", "\\u202E")
# can write them, so the value is checked, not the file. A zero-width space made two equal
# names look different; a right-to-left override turns text around in the terminal.
HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

# English PyYAML messages, translated for board staff. First match wins.
_YAML_MESSAGES = [
    (
        "mapping values are not allowed",
        "hier staat een dubbele punt die YAML niet verwacht; zet tekst met een dubbele punt tussen aanhalingstekens",
    ),
    ("could not find expected ':'", "een regel mist de dubbele punt na de veldnaam, of de inspringing klopt niet"),
    ("found character '\\t'", "er staat een tab; gebruik spaties om in te springen"),
    ("while scanning a quoted scalar", "een aanhalingsteken wordt niet afgesloten"),
    ("found undefined alias", "verwijzingen met * worden niet ondersteund"),
    ("expected a single document", "het bestand bevat meer dan één YAML-document (---); gebruik er één"),
    ("expected <block end>", "de inspringing klopt niet; zet velden van hetzelfde niveau precies onder elkaar"),
    ("did not find expected key", "de inspringing klopt niet, of een lijstregel (-) staat op de verkeerde plaats"),
    ("did not find expected '-' indicator", "de inspringing van een lijst klopt niet"),
    (
        "found unexpected end of stream",
        "het bestand houdt onverwacht op; is een aanhalingsteken of haakje niet gesloten?",
    ),
    ("did not find expected ',' or ']'", "een lijst tussen haken [ ] wordt niet gesloten"),
    ("did not find expected ',' or '}'", "een groep tussen accolades { } wordt niet gesloten"),
    ("found unhashable key", "een veldnaam moet gewone tekst zijn"),
]


@dataclass
class Document:
    """A loaded config file: its data (text, lists, mappings) and where each value stands."""

    path: Path
    display: str
    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    school: str | None = None  # slug of the school this file describes; None for the stichting file

    def line(self, path: tuple) -> int | None:
        """Return the line of `path`, or of its nearest parent that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def problem(self, path: tuple, message: str) -> Problem:
        """Make a Problem for the value at `path` in this file."""
        dotted = ".".join(str(p + 1) if isinstance(p, int) else str(p) for p in path) or None
        return Problem(self.display, self.line(path), dotted, message, school=self.school)


class LoadError(Exception):
    """Raised by `load` and `parse`; carries the Problems of one file."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))

    def of(self, school: str | None) -> LoadError:
        """Return this error with its problems marked as belonging to `school`."""
        return LoadError([replace(p, school=school) for p in self.problems])


def load(path: Path, display: str, school: str | None = None) -> Document:
    """Load `path` or raise LoadError naming `display` and the line of each problem.

    `school` is the slug of the school the file describes (None for the stichting
    file); every Problem found carries it.
    """
    try:
        try:
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode):  # a link may point anywhere; reading a FIFO never ends
                raise _fail(
                    display,
                    None,
                    "is geen gewoon bestand (maar een snelkoppeling, pipe of map); zet het bestand zelf in de map",
                )
            size = info.st_size
            if size > MAX_BYTES:
                raise _fail(
                    display, None, f"het bestand is te groot ({size // 1024} kB; maximaal {MAX_BYTES // 1024} kB)"
                )
            raw = path.read_bytes()
        except OSError as exc:
            raise _fail(display, None, f"kan het bestand niet lezen ({exc.strerror or exc})") from None
        doc = parse(raw, display)
    except LoadError as exc:
        raise exc.of(school) from None
    doc.path = path
    doc.school = school
    return doc


def parse(raw: bytes, display: str) -> Document:
    """Parse the bytes of one config file into a Document."""
    if len(raw) > MAX_BYTES:
        raise _fail(display, None, f"het bestand is te groot ({len(raw) // 1024} kB; maximaal {MAX_BYTES // 1024} kB)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(display, 1, "het bestand is opgeslagen als UTF-16; sla het op als UTF-8 (zonder BOM)")
    if raw.startswith(b"\xef\xbb\xbf"):
        raise _fail(display, 1, "het bestand begint met een byte-order mark (BOM); sla het op als UTF-8 zonder BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise _fail(display, line, "bevat tekens die geen UTF-8 zijn; sla het bestand op als UTF-8") from None
    if "\x00" in text:
        raise _fail(
            display, text[: text.index("\x00")].count("\n") + 1, "bevat een NUL-teken; is dit wel een tekstbestand?"
        )
    for number, row in enumerate(text.splitlines(), 1):
        indent = row[: len(row) - len(row.lstrip(" \t"))]
        if "\t" in indent and row.strip():
            raise _fail(display, number, "er staat een tab vooraan de regel; gebruik spaties om in te springen")
    if not re.sub(r"#.*", "", text).strip():
        raise _fail(display, None, "het bestand is leeg")
    try:
        _within_bounds(text, display)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        # At the end of the file PyYAML points one line past the last; name the last.
        at = min(mark.line + 1, max(1, len(text.splitlines()))) if mark else None
        glued = no_space_after_colon(text, at)
        if glued:
            raise _fail(display, glued[0], glued[1]) from None
        raise _fail(display, at, _translate(exc)) from None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        raise _fail(display, None, f"het bestand is geen geldige YAML ({_translate(exc)})") from None
    if node is None:
        raise _fail(display, None, "het bestand is leeg")
    doc = Document(Path(display), display, None)
    doc.data = _Converter(doc).convert(node, ())
    return doc


def _within_bounds(text: str, display: str) -> None:
    """Refuse a file nested or sized far beyond any config before it is composed into nodes.

    The composer recurses once per level (in C): 30,000 nested brackets in 60 kB
    crashed the process. The parser's events come one by one, without recursion,
    so counting them first is safe; the exact limits (MAX_DEPTH, MAX_NODES) with
    the field's path follow in _Converter.
    """
    depth = 0
    for events, event in enumerate(yaml.parse(text, Loader=_Loader), 1):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > _SCAN_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else None
                raise _fail(display, line, f"het bestand is te diep genest (meer dan {MAX_DEPTH} niveaus)")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if events > _SCAN_EVENTS:
            raise _fail(display, None, f"het bestand bevat te veel waarden (meer dan {MAX_NODES})")


# The pre-scan's limits: loose enough that _Converter names the field of a smaller excess.
_SCAN_DEPTH = 4 * MAX_DEPTH
_SCAN_EVENTS = 4 * MAX_NODES


# `naam:Wendy` is one piece of text to YAML, not a field: the space after the colon is missing.
_GLUED = re.compile(r"^\s*(?:- )?([a-z_][a-z_0-9]*):(?=[^\s/])(\S+)")


def no_space_after_colon(text: str, before: int | None = None) -> tuple[int, str] | None:
    """Return the line and advice for the last `veld:waarde` without a space (up to line `before`), if any."""
    found = None
    for number, line in enumerate(text.splitlines()[: before or None], 1):
        match = _GLUED.match(line)
        if match and not line.lstrip().startswith("#"):
            found = (number, glued_advice(match.group(1), match.group(2)))
    return found


def glued_advice(key: str, value: str) -> str:
    return (
        f"na '{key}:' staat geen spatie, dus leest YAML '{key}:{value[:20]}' als tekst en niet als veld;"
        f" zet een spatie na de dubbele punt: '{key}: {value[:20]}'"
    )


def _translate(exc: yaml.YAMLError) -> str:
    text = str(getattr(exc, "problem", None) or exc)
    for english, dutch in _YAML_MESSAGES:
        if english in text or english in str(exc):
            return dutch
    return f"de YAML-opbouw klopt niet ({text.strip()})"


def _fail(display: str, line: int | None, message: str) -> LoadError:
    return LoadError([Problem(display, line, None, message)])


class _Converter:
    """Turn composed nodes into text, lists and dicts, recording lines."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.seen: set[int] = set()
        self.count = 0

    def fail(self, node: yaml.Node, path: tuple, message: str) -> LoadError:
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        return LoadError([self.doc.problem(path, message)])

    def convert(self, node: yaml.Node, path: tuple) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, path, f"het bestand bevat te veel waarden (meer dan {MAX_NODES})")
        if len(path) > MAX_DEPTH:
            raise self.fail(node, path, "de gegevens zijn te diep genest")
        # A node met twice is an alias (*naam): refusing them defuses alias bombs.
        if id(node) in self.seen:
            # The node's own mark is where the anchor stands; name the line of the use.
            raise LoadError(
                [
                    self.doc.problem(
                        path, "ankers en verwijzingen (& en *) worden niet ondersteund; schrijf de waarde uit"
                    )
                ]
            )
        self.seen.add(id(node))
        self.doc.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _NULL:
                return None
            if node.tag not in _SCALAR_TAGS:
                raise self.fail(node, path, f"het label {node.tag!s} is niet toegestaan; schrijf gewone tekst")
            hidden = HIDDEN.search(node.value)
            if hidden:
                raise self.fail(
                    node,
                    path,
                    f"bevat een onzichtbaar teken (U+{ord(hidden.group()):04X}, na"
                    f' "{node.value[: hidden.start()][-20:]}"); typ de waarde opnieuw in, zonder te plakken',
                )
            return node.value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _TAG + "seq":
                raise self.fail(node, path, f"het label {node.tag!s} is niet toegestaan")
            return [self.convert(item, path + (i,)) for i, item in enumerate(node.value)]
        if node.tag != _TAG + "map":
            raise self.fail(node, path, f"het label {node.tag!s} is niet toegestaan")
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _TAG + "merge":
                raise self.fail(key_node, path, "een veldnaam moet gewone tekst zijn (ook << wordt niet ondersteund)")
            key = key_node.value
            if key in result:
                self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
                raise LoadError([self.doc.problem(path + (key,), f"het veld '{key}' staat er twee keer")])
            self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = self.convert(value_node, path + (key,))
            # The key's line is the useful one for "veld ontbreekt/onbekend" messages.
            self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
        return result
