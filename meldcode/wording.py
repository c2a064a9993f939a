"""Who does it, in Dutch: a party of roles as the text names it ("de intern begeleider (Jan de Vries)").

The roles' own data is in model.py; the word-level rules (lists, titles, plurals)
in grammar.py. This module joins them into the labels every page, the poster and
the forms use.
"""

from __future__ import annotations

from collections.abc import Callable

from .grammar import dutch_list, first_upper, heading, in_text, title_first_upper
from .model import Role


def party_label(roles: list[Role], esc: Callable[[str], str] = str, *, capital: bool) -> str:
    """Name one party acting in a step, people first: 'Ellen Stam en Kees Brink (teamleiders)'.

    The roles are one party (School.groups): the same people, one team or one group.
    A team is named as the team, with its chair: 'de commissie van begeleiding
    (voorzitter: Youssef Amrani)'. `capital` gives a team or group a capital first letter,
    for the start of a sentence, list item or table cell only ("Ook betrokken: de mentor;
    het zorgteam"); names of people keep theirs. `esc` escapes the names and titles (not
    the brackets). A title that starts the party gets a capital too ("Dr. Thomas Brouwer").
    """

    def team_or_group(noem: str) -> str:
        return esc(first_upper(noem) if capital else noem)

    def names(text: str) -> str:
        return esc(title_first_upper(text) if capital else text)

    teams = [r for r in roles if r.team]
    if teams:
        team = next((r for r in teams if r.mensen), teams[0])
        label = team_or_group(team.noem)
        return f"{label} ({esc(team.voorzitter_label)}: {esc(team.namen)})" if team.mensen else label
    people = [r for r in roles if r.persons]
    if not people:
        return team_or_group(roles[0].noem)
    first = people[0]
    if first.split and len(people) == 1:  # who of them acts depends on the pupil
        label = first.verdeling(esc)
        return first_upper(label) if capital else label
    if not first.several:  # one person: the title they have in each role, each once
        own = list(dict.fromkeys(r.own_title(r.mensen[0]) for r in people))
        return f"{names(first.namen)} ({esc(', '.join(own))})"
    if all(r.meervoud for r in people):
        return f"{names(first.namen)} ({esc(', '.join(in_text(str(r.meervoud)) for r in people))})"
    # an own role has no plural title: each person with the titles
    titles = esc(", ".join(in_text(r.titel) for r in people))
    return dutch_list([f"{names(p.naam) if i == 0 else esc(p.naam)} ({titles})" for i, p in enumerate(first.mensen)])


def team_role(roles: list[Role]) -> Role:
    """Return the role whose name a team goes by: the school's ondersteuningsteam, if among them.

    The roles are one party, a team (School.groups). A team merged with the school's
    ondersteuningsteam (the commissie van begeleiding that is its ondersteuningsteam) is
    the same body: it goes by the name the school gives it (afspraken.ondersteuningsteam).
    """
    teams = [r for r in roles if r.team]
    return next((r for r in teams if r.key == "ondersteuningsteam"), teams[0])


def team_title(roles: list[Role]) -> str:
    """Head a team's tasks with the name the school gives it: 'Commissie van begeleiding (CvB)'."""
    return heading(team_role(roles).noem)
