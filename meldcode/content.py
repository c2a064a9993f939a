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

    def roles_for(self, sector: str) -> dict:
        """Return the roles a school of `sector` can have, with that sector's wording (rollen.yaml)."""
        roles = {}
        for key, info in self.roles.items():
            if sector not in info.get("sectoren", [sector]):
                continue
            roles[key] = {**info, **(info.get("per_sector") or {}).get(sector, {})}
        return roles


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


_ITEM_KEYS = {"tekst", "als", "als_niet"}  # a conditional item (see templates/data/stappen.yaml)

# The age groups a condition `leerlingen:` may name: properties of model.School that say the
# school has such pupils (younger than 12, younger than 16, 16 or 17, 18 or older).
AGE_GROUPS = ("primair", "onder_16", "zestien", "volwassenen")


def _check_text_lists(content: Content) -> None:
    """Fail loudly on a bullet that became a mapping (an unquoted ': ') or a condition we do not know."""
    lists = [role["taken"] for role in content.roles.values()]
    lists += [
        v["taken"] for role in content.roles.values() for v in (role.get("per_sector") or {}).values() if "taken" in v
    ]
    lists += [
        step[key]
        for step in content.steps
        for key in ("doen", "vastleggen", "aandacht", "speciaal", "vo", "regie", "betrokken", "overigen")
    ]
    answers = [a for q in content.kader["vragen"] for a in q["antwoorden"]]
    lists += [[a["actie"]] for a in answers if isinstance(a.get("actie"), list)]
    for items in lists:
        for item in items:
            for variant in item if isinstance(item, list) else [item]:
                if isinstance(variant, str):
                    continue
                if not isinstance(variant, dict) or set(variant) - _ITEM_KEYS or "tekst" not in variant:
                    raise ValueError(f"content data: expected text, got {variant!r}")
                for key, wanted in {**(variant.get("als") or {}), **(variant.get("als_niet") or {})}.items():
                    _check_condition(key, wanted, content)


def werkwijze_choices() -> dict[str, list | None]:
    """Return 'section.key' -> allowed values (None: a role or free text) for every werkwijze choice."""
    from . import schema  # schema reads the steps from this module

    choices: dict[str, list | None] = {}
    for section, rules in schema.WERKWIJZE.items():
        leaves = rules["schema"].items() if rules["type"] == "dict" else [(None, rules)]
        for key, leaf in leaves:
            allowed = leaf.get("allowed") or leaf.get("schema", {}).get("allowed")
            choices[f"{section}.{key}" if key else section] = allowed
    return choices


def _check_condition(key: str, wanted: object, content: Content) -> None:
    """Fail loudly on a condition in our content data that can never be true (a typo of ours)."""
    choices = werkwijze_choices()
    if key == "leerlingen":
        for group in wanted if isinstance(wanted, list) else [wanted]:
            if group not in AGE_GROUPS:
                raise ValueError(f"content data: unknown age group {group!r} in a condition")
        return
    if key == "extern":
        if not isinstance(wanted, bool):
            raise ValueError(f"content data: extern is true or false, not {wanted!r}")
        return
    if key == "leidt":
        for step in wanted if isinstance(wanted, list) else [wanted]:
            if step not in {s["nummer"] for s in content.steps}:
                raise ValueError(f"content data: unknown step {step!r} in a condition")
        return
    if key in ("rol", "regie"):
        for role in wanted if isinstance(wanted, list) else [wanted]:
            if role not in content.roles and role not in choices:
                raise ValueError(f"content data: unknown role {role!r} in a condition")
        return
    if key not in choices:
        raise ValueError(f"content data: unknown werkwijze choice {key!r} in a condition")
    allowed = choices[key]
    for value in wanted if isinstance(wanted, list) else [wanted]:
        if value is not None and (str(value) not in allowed if allowed else value != "gekozen"):
            raise ValueError(f"content data: {key} is never {value!r}")


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
