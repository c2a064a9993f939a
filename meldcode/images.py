"""Is an image file (the board's logo) safe and cheap to show? Decided by reading it, not by its name.

A logo ends up in every web page, PDF and poster. A small file can still cost
hours: a 2 kB SVG whose `<use>` elements point at groups of `<use>` elements
multiplies itself beyond any limit in WeasyPrint, and a PNG can claim billions of
pixels. Scripts in an SVG would run when `assets/logo.svg` is opened on its own.
So a raster image is decoded (Pillow) with a pixel limit, and an SVG is parsed
and refused when it is nested too deep, has too many elements, nests `<use>`,
declares entities, carries scripts or event handlers, or refers to other files
or the internet. Every refusal says what to do in Dutch.
"""

from __future__ import annotations

import re
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

MAX_PIXELS = 40_000_000  # a logo needs far less; the limit keeps decompression bombs out
MAX_ELEMENTS = 20_000
MAX_DEPTH = 64
MAX_USES = 500

_SVG = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_SAVE_PLAIN = "sla het logo op als gewone SVG zonder scripts en verwijzingen (of als PNG)"


def image_kind(path: Path) -> str | None:
    """Return 'svg', 'png' or 'jpeg' by content, not by name."""
    head = path.read_bytes()[:2048]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    text = head.decode("utf-8", "ignore").lstrip("\ufeff \t\r\n")
    if re.match(r"(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]", text, re.S):
        return "svg"
    return None


def image_problem(path: Path, kind: str) -> str | None:
    """Return why the image at `path` (of `kind`, from image_kind) cannot be used, or None."""
    if kind == "svg":
        return _svg_problem(path.read_bytes())
    return _raster_problem(path)


def _raster_problem(path: Path) -> str | None:
    from PIL import Image, ImageFile

    # WeasyPrint, once imported, lets Pillow accept truncated images (a process-wide
    # switch); the preview loads files again after a PDF was made, so set it here.
    accept_truncated, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return f"is te groot ({width} × {height} pixels); verklein het logo"
                image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "is te groot (te veel pixels); verklein het logo"
    except (OSError, SyntaxError, ValueError):
        return "is geen leesbare afbeelding (het bestand is beschadigd of onvolledig); sla het logo opnieuw op"
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = accept_truncated
    return None


def _svg_problem(raw: bytes) -> str | None:
    if b"<!ENTITY" in raw:
        return f"bevat DTD-entiteiten (<!ENTITY>); {_SAVE_PLAIN}"
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        return f"is geen geldige SVG ({exc}); sla het logo opnieuw op"
    elements = list(root.iter())
    if len(elements) > MAX_ELEMENTS:
        return f"bevat te veel onderdelen (meer dan {MAX_ELEMENTS}); vereenvoudig het logo of sla het op als PNG"
    if _depth(root) > MAX_DEPTH:
        return f"is te diep genest (meer dan {MAX_DEPTH} niveaus); vereenvoudig het logo of sla het op als PNG"
    by_id = {el.get("id"): el for el in elements if el.get("id")}
    uses = [el for el in elements if el.tag in (f"{_SVG}use", "use")]
    if len(uses) > MAX_USES:
        return f"bevat te veel <use>-verwijzingen (meer dan {MAX_USES}); sla het logo op als PNG"
    for el in elements:
        tag = el.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject", "iframe", "embed", "object"):
            return f"bevat een <{tag}>; {_SAVE_PLAIN}"
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                return f"bevat een script ({local}=...); {_SAVE_PLAIN}"
            if local == "href" and not value.startswith(("#", "data:image/")):
                return f'verwijst naar een ander bestand of internet ("{value[:60]}"); {_SAVE_PLAIN}'
    for use in uses:
        target = by_id.get((use.get("href") or use.get(_XLINK_HREF) or "").lstrip("#"))
        if target is not None and any(el.tag in (f"{_SVG}use", "use") for el in target.iter()):
            return f"bevat <use>-verwijzingen naar onderdelen die zelf weer <use> bevatten; {_SAVE_PLAIN}"
    return None


def _depth(root: ET.Element) -> int:
    """The nesting depth of the element tree, without recursion."""
    deepest, todo = 0, [(root, 1)]
    while todo:
        element, depth = todo.pop()
        deepest = max(deepest, depth)
        todo.extend((child, depth + 1) for child in element)
    return deepest


def image_size(path: Path) -> tuple[int, int] | None:
    """Return the image's width and height in pixels (an SVG's from its viewBox or size), or None.

    The website writes them on the logo's <img>, so the browser gives the logo its width
    before the file has arrived (the title beside it does not move).
    """
    kind = image_kind(path)
    if kind in ("png", "jpeg"):
        from PIL import Image

        try:
            with Image.open(path) as image:
                return image.size
        except (OSError, SyntaxError, ValueError):
            return None
    if kind != "svg":
        return None
    try:
        root = ET.fromstring(path.read_bytes())
    except ET.ParseError:
        return None
    numbers = re.split(r"[\s,]+", (root.get("viewBox") or "").strip())
    sizes = [root.get("width") or "", root.get("height") or ""]
    if len(numbers) == 4:
        width, height = numbers[2], numbers[3]
    elif all(re.fullmatch(r"[\d.]+(px)?", s) for s in sizes):
        width, height = (s.removesuffix("px") for s in sizes)
    else:
        return None
    try:
        w, h = float(width), float(height)
    except ValueError:
        return None
    return (round(w), round(h)) if w > 0 and h > 0 else None
