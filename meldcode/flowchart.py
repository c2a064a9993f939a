"""Draw the afwegingskader as a vector flowchart (SVG) from its one data definition.

Questions run down the left column; an answer that ends the walk points right
to its outcome; an answer that goes on points down, through an action box if
it has one. Black and white, so it prints on any staff-room printer.
"""

from __future__ import annotations

import textwrap
from html import escape

WIDTH = 640
LEFT_X, LEFT_W = 4, 318
RIGHT_X, RIGHT_W = 412, 224
LINE = 14  # px between text lines
PAD = 8
GAP = 30  # vertical room for an arrow and its label

_STYLE = {
    "vraag": 'fill="#ffffff" stroke="#000" stroke-width="1.5"',
    "actie": 'fill="#f0f0f0" stroke="#000" stroke-width="1" stroke-dasharray="4 3"',
    "melden": 'fill="#ffffff" stroke="#000" stroke-width="3.5"',
    "hulp": 'fill="#f0f0f0" stroke="#000" stroke-width="1.5"',
    "afsluiten": 'fill="#ffffff" stroke="#000" stroke-width="1.5" stroke-dasharray="2 2"',
}


def _box(x: float, y: float, w: float, title: str, text: str, kind: str) -> tuple[str, float]:
    chars = int(w / 6.1)
    lines = textwrap.wrap(text, chars)
    height = PAD * 2 + LINE * (len(lines) + (1 if title else 0))
    parts = [f'<rect x="{x}" y="{y}" width="{w}" height="{height}" rx="6" {_STYLE[kind]}/>']
    ty = y + PAD + 11
    if title:
        parts.append(f'<text x="{x + PAD}" y="{ty}" font-weight="700">{escape(title)}</text>')
        ty += LINE
    for line in lines:
        parts.append(f'<text x="{x + PAD}" y="{ty}">{escape(line)}</text>')
        ty += LINE
    return "".join(parts), height


def _arrow(x1: float, y1: float, x2: float, y2: float, label: str) -> str:
    mid_y = (y1 + y2) / 2
    label_at = (x1 + 6, mid_y + 4) if x1 == x2 else (x1 + 5, y1 - 5)
    return (
        f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#000" stroke-width="1.5" marker-end="url(#pijl)"/>'
        f'<text x="{label_at[0]}" y="{label_at[1]}" font-weight="700">{escape(label)}</text>'
    )


def flowchart_svg(kader: dict) -> str:
    """Return an inline SVG of the afwegingskader."""
    outcomes = kader["uitkomsten"]
    parts: list[str] = []
    y = 4.0
    for question in kader["vragen"]:
        box, height = _box(
            LEFT_X, y, LEFT_W, f"Vraag {question['nummer']}: {question['titel']}", question["vraag"], "vraag"
        )
        parts.append(box)
        center_y = y + height / 2
        bottom = y + height
        down = [a for a in question["antwoorden"] if "naar" in a]
        right = [a for a in question["antwoorden"] if "uitkomst" in a]
        if not down and len(right) > 1:
            down, right = [right[1]], [right[0]]  # two endings: one right, one below
        right_bottom = bottom
        for answer in right:
            outcome = outcomes[answer["uitkomst"]]
            obox, oheight = _box(RIGHT_X, y, RIGHT_W, outcome["titel"], outcome["kort"], outcome["soort"])
            parts.append(_arrow(LEFT_X + LEFT_W, center_y, RIGHT_X - 2, center_y, answer["label"]))
            parts.append(obox)
            right_bottom = max(right_bottom, y + oheight)
        y = bottom
        for answer in down:
            x_mid = LEFT_X + LEFT_W / 2
            if answer.get("actie"):
                parts.append(_arrow(x_mid, y, x_mid, y + GAP - 2, answer["label"]))
                abox, aheight = _box(LEFT_X + 20, y + GAP, LEFT_W - 40, "", answer["actie"], "actie")
                parts.append(abox)
                y += GAP + aheight
                parts.append(_arrow(x_mid, y, x_mid, y + GAP - 2, ""))
            elif "uitkomst" in answer:
                outcome = outcomes[answer["uitkomst"]]
                parts.append(_arrow(x_mid, y, x_mid, y + GAP - 2, answer["label"]))
                obox, oheight = _box(LEFT_X, y + GAP, LEFT_W, outcome["titel"], outcome["kort"], outcome["soort"])
                parts.append(obox)
                y += GAP + oheight
                continue
            else:
                parts.append(_arrow(x_mid, y, x_mid, y + GAP - 2, answer["label"]))
            y += GAP
        y = max(y, right_bottom + (GAP if down else 0))
    height = int(y + 6)
    legend = "Het afwegingskader: vijf vragen. " + " ".join(
        f"Vraag {q['nummer']}: {q['vraag']}" for q in kader["vragen"]
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-label="{escape(legend)}" font-family="Atkinson Hyperlegible, sans-serif" font-size="11.5">'
        # WeasyPrint takes a figure's /Alt (PDF/UA) from an inline SVG's <title>, not from aria-label.
        f"<title>{escape(legend)}</title>"
        '<defs><marker id="pijl" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#000"/></marker></defs>' + "".join(parts) + "</svg>"
    )
