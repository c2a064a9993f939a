"""The schema (what a config file may hold) and the dataclasses (what templates see) name the same fields."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import ROOT

from meldcode import model, schema
from meldcode.content import load_content

STEPS = load_content(ROOT / "templates").steps
STICHTING = schema.stichting_schema(STEPS)
SCHOOL = schema.school_schema(STEPS)


def names(cls: type) -> set[str]:
    return {f.name for f in dataclasses.fields(cls)}


@pytest.mark.parametrize(
    "cls,rules,renamed",
    [
        (model.Person, schema.PERSON, {}),
        (model.Contact, schema.CONTACT["schema"], {}),
        (model.Vaststelling, schema.VASTSTELLING, {}),
        (model.Address, SCHOOL["adres"]["schema"], {}),
        (model.Afspraken, SCHOOL["afspraken"]["schema"], {}),
        (model.VeiligThuis, STICHTING["veilig_thuis"]["schema"], {}),
        (model.Privacy, STICHTING["privacy"]["schema"], {"functionaris_gegevensbescherming": "fg"}),
        # logo, site_url and zoekmachines belong to the school's own output: School.logo, .site_url, .vindbaar
        (
            model.Stichting,
            STICHTING["stichting"]["schema"],
            {"logo": None, "site_url": None, "zoekmachines": None},
        ),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else "",
)
def test_dataclass_has_a_field_for_each_field_of_its_schema(cls, rules, renamed):
    expected = {renamed.get(key, key) for key in rules} - {None}
    assert names(cls) == expected


def test_the_taakverdeling_has_a_key_per_step_and_the_two_decisions():
    keys = list(schema.taakverdeling(STEPS))
    assert keys == [f"stap_{n}" for n in range(1, len(STEPS) + 1)] + ["besluit_melden", "melding_doen"]
    assert list(STICHTING["taakverdeling"]["schema"]) == keys == list(SCHOOL["taakverdeling"]["schema"])


def test_the_configuration_guide_names_every_role_of_the_catalogue():
    # docs/configuratie.md tells board staff which role keys exist; a role added to
    # templates/data/rollen.yaml must be explained there too.
    guide = (ROOT / "docs" / "configuratie.md").read_text(encoding="utf-8").split("## Rollen", 1)[1]
    roles = load_content(ROOT / "templates").roles
    missing = [key for key in roles if f"`{key}`" not in guide]
    assert missing == []
