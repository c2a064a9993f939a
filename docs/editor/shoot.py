#!/usr/bin/env python3
"""Screenshot the editor help (completion and an error) for docs/configuratie.md.

VS Code cannot run here, so this uses what it is built from: the Monaco editor
with monaco-yaml, which runs yaml-language-server, the same language server as
VS Code's YAML extension. The school file is served over HTTP next to schema/,
so the editor finds the schema only through the file's own
`# yaml-language-server: $schema=../schema/school.schema.json` line.

    cd docs/editor && npm ci && ../../.venv/bin/python shoot.py
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
IMAGES = ROOT / "docs" / "images"
ESBUILD = HERE / "node_modules" / ".bin" / "esbuild"

SCHOOL = "de-regenboog.yaml"

sys.path.insert(0, str(ROOT / "docs"))
from _browser import chromium, served  # noqa: E402


def bundle(www: Path) -> None:
    """Bundle the editor page and its two web workers into `www`."""
    run = functools.partial(subprocess.run, check=True, cwd=HERE)
    run([ESBUILD, "main.js", "--bundle", "--format=iife", "--loader:.ttf=file", f"--outdir={www}"])
    for worker, name in (
        ("yaml.worker.js", "yaml.worker.js"),
        ("node_modules/monaco-editor/esm/vs/editor/editor.worker.js", "editor.worker.js"),
    ):
        run([ESBUILD, worker, "--bundle", "--format=iife", f"--outfile={www / name}"])
    shutil.copy(HERE / "index.html", www)
    shutil.copytree(ROOT / "schema", www / "schema")


def edited(text: str) -> tuple[str, str]:
    """Return the school file with only a name for the aandachtsfunctionaris, and with two mistakes."""
    lines = text.splitlines()
    at = lines.index("aandachtsfunctionaris:") + 2
    end = next(i for i in range(at, len(lines)) if not lines[i].startswith("  "))
    completing = "\n".join([*lines[:at], "  ", *lines[end:]]) + "\n"
    wrong = text.replace("sector: basisonderwijs", "sector: basisonderwijss").replace("  bereikbaar:", "  bereikbar:")
    return completing, wrong


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        www = Path(tmp)
        bundle(www)
        completing, wrong = edited((ROOT / "schools" / SCHOOL).read_text(encoding="utf-8"))
        with served(www) as base, sync_playwright() as p:
            browser = chromium(p)
            page = browser.new_page(viewport={"width": 1000, "height": 560})

            page.goto(f"{base}/index.html")
            page.evaluate("([p, t]) => openFile(p, t)", [f"schools/{SCHOOL}", completing])
            line = completing.splitlines().index("  ") + 1
            page.evaluate(f"editor.setPosition({{lineNumber: {line}, column: 3}}); editor.revealLineInCenter({line})")
            # The schema arrives asynchronously; ask again until the schema's fields are offered.
            page.wait_for_function(
                """() => {
                    editor.focus();
                    editor.trigger('shot', 'editor.action.triggerSuggest', {});
                    return document.querySelectorAll('.suggest-widget.visible .monaco-list-row').length >= 3;
                }""",
                polling=500,
                timeout=20_000,
            )
            for _ in range(3):  # to telefoon, whose description says what build.py checks
                page.keyboard.press("ArrowDown")
            page.keyboard.press("Control+Space")  # show the description beside the list
            page.wait_for_selector(".suggest-details-container .docs", timeout=10_000)
            page.wait_for_timeout(300)  # let the details pane paint; nothing to wait on
            page.screenshot(path=str(IMAGES / "editor-aanvullen.png"))

            page.goto(f"{base}/index.html")
            page.evaluate("([p, t]) => openFile(p, t)", [f"schools/{SCHOOL}", wrong])
            page.wait_for_function("monaco.editor.getModelMarkers({}).length >= 2", timeout=20_000)
            line = wrong.splitlines().index("sector: basisonderwijss") + 1
            page.evaluate(f"editor.setPosition({{lineNumber: {line}, column: 12}}); editor.revealLineInCenter(12)")
            page.evaluate("editor.focus(); editor.trigger('shot', 'editor.action.marker.next', {})")
            page.wait_for_selector(".marker-widget", timeout=10_000)
            page.wait_for_timeout(300)
            page.screenshot(path=str(IMAGES / "editor-fout.png"))
            markers = page.evaluate("monaco.editor.getModelMarkers({}).map(m => m.startLineNumber + ': ' + m.message)")
            print("\n".join(markers))
            browser.close()


if __name__ == "__main__":
    main()
