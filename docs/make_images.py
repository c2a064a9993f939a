#!/usr/bin/env python3
"""Regenerate the images in docs/images/ from a built site/ (run `make site` first).

Needs Debian's chromium (for the screenshots, via Playwright) and poppler-utils
(pdftoppm, for the PDF pages).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
IMAGES = ROOT / "docs" / "images"
SLUG = "de-regenboog"

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))
from _browser import chromium, served  # noqa: E402

from meldcode.names import pdf_file  # noqa: E402


def screenshots() -> None:
    from playwright.sync_api import sync_playwright

    with served(SITE.parent) as root, sync_playwright() as p:  # site/ and intern/ side by side
        base = f"{root}/site"
        browser = chromium(p)
        for width, height, mobile in ((360, 1400, True), (1280, 1100, False)):
            page = browser.new_page(viewport={"width": width, "height": height}, is_mobile=mobile)
            page.goto(f"{base}/{SLUG}/index.html", wait_until="networkidle")
            page.screenshot(path=str(IMAGES / f"start-{width}.png"))
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"{base}/de-wissel/afwegingskader.html", wait_until="networkidle")
        for label in ("Ja", "Nee", "Ja", "Ja"):
            page.locator("#afwegingskader").get_by_role("button", name=label, exact=True).click()
        page.locator("#afwegingskader").screenshot(path=str(IMAGES / "afwegingskader-web.png"))
        page = browser.new_page(viewport={"width": 1280, "height": 700})
        page.goto(f"{root}/intern/index.html", wait_until="networkidle")  # the board's own overview
        page.screenshot(path=str(IMAGES / "overzicht.png"))
        page = browser.new_page(viewport={"width": 1280, "height": 1300})  # what changed since version 1.0
        page.goto(f"{base}/het-kompas/wijzigingen.html", wait_until="networkidle")
        page.screenshot(path=str(IMAGES / "wijzigingen.png"))
        page = browser.new_page(viewport={"width": 360, "height": 780}, java_script_enabled=False)
        page.goto(f"{base}/{SLUG}/index.html")
        page.screenshot(path=str(IMAGES / "start-360-zonder-script.png"))
        browser.close()


def pdf_pages() -> None:
    pdf = SITE / SLUG / pdf_file("handbook", SLUG)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    kader = next(i for i, t in enumerate(pages) if "Het afwegingskader" in t and "Vraag 1" in t) + 1
    for name, number in (("pdf-omslag", 1), ("pdf-afwegingskader", kader)):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                str(number),
                "-l",
                str(number),
                "-singlefile",
                str(pdf),
                str(IMAGES / name),
            ],
            check=True,
        )
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-singlefile",
            str(SITE / SLUG / pdf_file("poster", SLUG)),
            str(IMAGES / "poster"),
        ],
        check=True,
    )


if __name__ == "__main__":
    IMAGES.mkdir(parents=True, exist_ok=True)
    screenshots()
    pdf_pages()
    sys.exit(0)
