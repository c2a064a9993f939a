"""The one Jinja environment, and how user text is made safe in HTML and Markdown.

Every value printed with {{ }} passes `finalize`: unless a template or filter
marked it as Markup, it is escaped as *text* for both HTML and Markdown at once
(HTML special characters and Markdown punctuation become character
references). So a school called `**vet**`, `<script>` or `{{ 7*7 }}` shows
literally on the website and in the PDF, and executes nothing.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup

from .grammar import TITLE, dutch_list, first_upper, heading, plural_sentence, short_name
from .names import PDF_FILES, adopted_pdf, parents_text, pdf_file, role_page
from .values import Phone, dutch_date
from .wording import party_label, team_role, team_title

# Characters that mean something to HTML or to (Python-)Markdown and its extensions.
_SPECIAL = "&<>\"'\\`*_{}[]()#+-.!|~:=^$@%"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_TABLE.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})


# Inside <script type="application/json"> only "</script", "<!--" and "<script" can end
# or derail the block (HTML spec, script data states); escaping <, > and & as JSON
# \u escapes removes all three and keeps the JSON the same for JSON.parse.
_SCRIPT_JSON = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(data: object) -> str:
    """JSON to embed in a <script> block: no user text can close the block or open a comment."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).translate(_SCRIPT_JSON)


def escape_text(value: object) -> Markup:
    """Escape any value as literal text, safe in HTML and in Markdown, on one line.

    A title such as "dr." is joined to the name after it with a no-break space.
    """
    # Dutch typography keeps a title on the line of the name after it.
    text = TITLE.sub("\\1.\u00a0", " ".join(str(value).split()))
    return Markup(text.translate(_TABLE))


def _finalize(value: object) -> object:
    if value is None:
        # A template printed a missing optional value: a bug, never "None" in a handbook.
        raise jinja2.UndefinedError("a template printed None; guard optional values with {% if %}")
    if isinstance(value, Markup):
        return value
    return escape_text(value)


def phone_link(phone: Phone | None) -> Markup:
    """Return a phone number as a tel: link, in the Dutch notation of Phone (the `tel` filter)."""
    if phone is None:
        return Markup("")
    return Markup('<a href="tel:{}" class="tel">{}</a>').format(phone.tel, escape_text(phone.display))


def _mail(address: str | None) -> Markup:
    """Return an e-mail address as a mailto: link that breaks before its "@", if it must break.

    Left alone, a narrow column splits an address anywhere ("...@vechtdalcolle" | "ge.nl") or after
    a hyphen of its domain ("...@buurtteamsutrecht-" | "west.nl", read as a hyphenated word). So the
    address is two parts (class "maildeel") with a <wbr> between them, which the CSS keeps whole
    where it can: inline-blocks in print, unbroken in a web table. <wbr> adds no character: the
    address copies, searches and extracts from the PDF whole.
    """
    if not address:
        return Markup("")
    local, at, domain = address.rpartition("@")
    if not local:
        return Markup('<a href="mailto:{}">{}</a>').format(address, escape_text(address))
    part = Markup('<span class="maildeel">{}</span>')
    return Markup('<a href="mailto:{}">{}<wbr>{}</a>').format(
        address, part.format(escape_text(local)), part.format(escape_text(at + domain))
    )


def _link(url: str | None, text: str | None = None) -> Markup:
    if not url:
        return Markup("")
    shown = text or re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    return Markup('<a href="{}">{}</a>').format(url, escape_text(shown))


def _fill(text: str, **values: object) -> Markup:
    """Fill {name} slots of our own (trusted) content text with escaped values (Markup, such as a tel link, as is)."""

    def slot(m: re.Match) -> str:
        # Escape only the slots the text uses: a step passes some fifty, an item uses one or two.
        value = values[m.group(1)]
        if isinstance(value, Markup):
            return str(value)
        # A slot that starts or ends with a space (" (bij voorkeur met een collega)") keeps one:
        # escape_text folds the text to one line and would glue it to the word before it.
        text = str(value)
        lead = " " if text[:1].isspace() and text.strip() else ""
        trail = " " if text[-1:].isspace() and text.strip() else ""
        return lead + str(escape_text(text)) + trail

    return Markup(re.sub(r"\{(\w+)\}", slot, text))


def _page(slug: str, anchor: str = "") -> Markup:
    """Return the Markdown link target of one of our pages: 'stap-1' -> 'stap-1.md'."""
    if not re.fullmatch(r"[a-z0-9-]+", slug) or not re.fullmatch(r"[a-z0-9-]*", anchor):
        raise ValueError(f"not a page slug: {slug!r}#{anchor!r}")
    return Markup(f"{slug}.md" + (f"#{anchor}" if anchor else ""))


def _slug(slug: str) -> Markup:
    """Mark a validated school slug ([a-z0-9-]) as safe inside a URL."""
    if not re.fullmatch(r"[a-z0-9-]+", slug):
        raise ValueError(f"not a slug: {slug!r}")
    return Markup(slug)


def _pdf(slug: str, kind: str) -> Markup:
    """Return the file name of a school's PDF of `kind` (see meldcode.names): 'x' -> 'meldcode-x.pdf'."""
    return Markup(pdf_file(kind, _slug(slug)))


def _adopted_pdf(slug: str, folder: str) -> Markup:
    """Return where the site keeps an adopted version's handbook (see meldcode.names.adopted_pdf)."""
    if not re.fullmatch(r"[0-9A-Za-z._-]+", folder):
        raise ValueError(f"not an archive folder name: {folder!r}")
    return Markup(adopted_pdf(folder, _slug(slug)))


def _namen(roles: list) -> str:
    """Names of everyone behind these roles, each once, joined in Dutch ("A, B en C")."""
    names: list[str] = []
    for role in roles:
        names += [p.naam for p in role.mensen if p.naam not in names]
    return dutch_list(names)


def _role_page(key: str) -> str:
    """Return the page slug of a role's "Ik ben ..." page, for the `page` filter."""
    return role_page(key)


def _unbroken(text: str) -> Markup:
    """Escape text and keep each word with a slash on one line ("SO/VSO", not "SO/ | VSO")."""
    words = [escape_text(word) for word in str(text).split()]
    return Markup(" ").join(Markup('<span class="heel">{}</span>').format(w) if "/" in w else w for w in words)


def _party(roles: list, capital: bool) -> Markup:
    """Name one party acting in a step (model.party_label), its names and titles escaped.

    `capital`: the name starts a sentence, list item or table cell (no default: every use chooses).
    """
    if not isinstance(capital, bool):  # a template that leaves it out gets Undefined, not an error
        raise TypeError("partij: give capital=true or capital=false")
    return Markup(party_label(roles, escape_text, capital=capital))


def _sentence(text: str) -> Markup:
    """Turn a list item ('doet iets;') into a sentence ('doet iets.'); plain (user) text is escaped."""
    if isinstance(text, Markup):
        # strip the item's own ';' or '.', not the ';' of a character reference it ends with ('&#41;')
        body = str(text)
        while body and body[-1] in " ;." and not re.search(r"&#?\w+;$", body):
            body = body[:-1]
        return Markup(body + ".")
    return Markup(escape_text(text.rstrip(" ;.")) + ".")


@lru_cache(maxsize=4)
def environment(templates_dir: Path) -> jinja2.Environment:
    """Return the Jinja environment for `templates_dir` (cached per process)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,  # macros return Markup; plain values still pass _finalize
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["pdf_files"] = PDF_FILES
    env.filters.update(
        tel=phone_link,
        mail=_mail,
        link=_link,
        datum=dutch_date,
        fill=_fill,
        first_upper=first_upper,
        text=escape_text,
        page=_page,
        sentence=_sentence,
        slug=_slug,
        pdf=_pdf,
        vastgestelde_pdf=_adopted_pdf,
        ouderstekst=lambda slug: Markup(parents_text(_slug(slug))),
        role_page=_role_page,
        namen=_namen,
        partij=_party,
        teamnaam=team_title,
        teamrol=team_role,
        kort=short_name,
        kop=heading,
        heel=_unbroken,
        meervoud=plural_sentence,
    )
    return env


@lru_cache(maxsize=4)
def mkdocs_base(path: Path) -> dict:
    """Read the base MkDocs configuration (the project's mkdocs.yml)."""
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=4)
def _converter(extensions: str) -> markdown.Markdown:
    """Return a Markdown converter for these extensions (mkdocs.yml's list, as JSON), one per process.

    Setting up the extensions costs as much as converting a chapter; `reset()` between
    documents gives the same output as a fresh converter. Keyed on the list itself, so
    an edited mkdocs.yml (the preview reads it again) gets a converter of its own.
    """
    names, configs = [], {}
    for entry in json.loads(extensions):
        name, config = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if config:
            configs[name] = config
    return markdown.Markdown(extensions=names, extension_configs=configs)


def markdown_to_html(text: str, mkdocs_yml: Path) -> str:
    """Convert our generated Markdown to HTML with the extensions MkDocs uses (mkdocs.yml)."""
    extensions = json.dumps(mkdocs_base(mkdocs_yml)["markdown_extensions"], sort_keys=True)
    return _converter(extensions).reset().convert(text)
