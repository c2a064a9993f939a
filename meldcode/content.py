"""The handbook's structured content: roles, steps and the afwegingskader.

The data lives in templates/data/*.yaml (written by us, not by board staff), so
that text can be edited without touching code. Loaded once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Content:
    roles: dict  # key -> {titel, noem, ik_ben, bron, taken}
    steps: list  # one dict per step, in order; see templates/data/stappen.yaml
    kader: dict  # {vragen: [...], uitkomsten: {...}}


def step_key(step: dict) -> str:
    """Return the taakverdeling key of a step in the config files: 'stap_1'."""
    return f"stap_{step['nummer']}"


@lru_cache(maxsize=4)
def load_content(templates_dir: Path) -> Content:
    """Read the content data files below `templates_dir`/data."""
    data = templates_dir / "data"

    def read(name: str):
        return yaml.safe_load((data / name).read_text(encoding="utf-8"))

    content = Content(read("rollen.yaml"), read("stappen.yaml"), read("afwegingskader.yaml"))
    _check_text_lists(content)
    _check_kader(content.kader)
    return content


def _check_text_lists(content: Content) -> None:
    """Fail loudly if a bullet became a mapping (an unquoted ': ' in our YAML)."""
    lists = [role["taken"] for role in content.roles.values()]
    lists += [
        step[key]
        for step in content.steps
        for key in ("doen", "vastleggen", "aandacht", "speciaal", "regie", "betrokken", "overigen")
    ]
    for items in lists:
        for item in items:
            if not isinstance(item, str):
                raise ValueError(f"content data: expected text, got {item!r}")


def _check_kader(kader: dict) -> None:
    """Fail loudly if the afwegingskader data has a dangling reference (a bug of ours)."""
    numbers = {q["nummer"] for q in kader["vragen"]}
    for question in kader["vragen"]:
        for answer in question["antwoorden"]:
            target_ok = answer.get("naar") in numbers or answer.get("uitkomst") in kader["uitkomsten"]
            if not target_ok:
                raise ValueError(
                    f"afwegingskader: vraag {question['nummer']}, antwoord {answer['label']!r} leidt nergens heen"
                )


def kader_paths(kader: dict) -> list[tuple[list[tuple[int, str]], str]]:
    """Return every walk through the afwegingskader: ([(vraag, antwoord), ...], uitkomst)."""
    by_number = {q["nummer"]: q for q in kader["vragen"]}
    paths = []

    def walk(number: int, taken: list) -> None:
        for answer in by_number[number]["antwoorden"]:
            step = taken + [(number, answer["label"])]
            if "uitkomst" in answer:
                paths.append((step, answer["uitkomst"]))
            else:
                walk(answer["naar"], step)

    walk(kader["vragen"][0]["nummer"], [])
    return paths
