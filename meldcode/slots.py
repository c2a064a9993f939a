"""The school's values for the {slots} of our content text, and the afwegingskader filled in.

Content text (templates/data/*.yaml, the sentences of meldcode/procedure.py) names people and
choices by slot, "{bestuur_door}"; render._fill puts these values in, escaped. Every value is
made from the school's resolved Procedure, so a slot says the same on every page.
"""

from __future__ import annotations

import re

from markupsafe import Markup

from .grammar import dutch_list, first_upper
from .model import Role, School
from .procedure import (
    MOMENT_TEXT,
    Procedure,
    resolve,
    toestemming_van,
    together,
)
from .render import phone_link
from .safety import (
    CONSENT_EXCEPT,
    INJURY,
    INJURY_SHORT,
    MELDING_EXCEPT,
    SAFETY_FIRST,
    VT_FIRST,
    VT_FIRST_ALWAYS,
    VT_FIRST_FORMS,
    VT_FIRST_PARENTS,
    VT_FIRST_SHORT,
)


def slots(school: School, procedure: Procedure | None = None) -> dict[str, str | Markup]:
    """Return the school's values for the {slots} in our content text (templates/data/*.yaml and this module).

    Every slot also exists with a capital first letter ({Casemanager}), for the start of a sentence.
    """
    p = procedure or resolve(school)
    w = school.werkwijze

    def who(actors: tuple[Role, ...]) -> str:
        return together([a.aanduiding for a in actors])

    # Who consents to a named discussion outside school: UAVG art. 5 (under 16 the parents with
    # gezag), from 16 the pupil; curatele and mentorschap exist from 18 only (see toestemming_van).
    consent_to = (
        ("onder de 16 jaar aan de ouders met gezag, " if school.onder_16 else "")
        + "vanaf 16 jaar aan de leerling zelf"
        + (
            " en, bij curatele of mentorschap vanaf 18 jaar, voor wat de leerling zelf niet kan beslissen,"
            " aan de curator of wettelijk mentor"
            if school.volwassenen
            else ""
        )
        if school.zestien or school.volwassenen
        else "aan de ouders"
    )
    values = {
        "ondersteuningsteam": school.afspraken.ondersteuningsteam,
        "verwijsindex": school.afspraken.verwijsindex,
        "veilig_thuis": school.veilig_thuis.naam,
        "veilig_thuis_telefoon": phone_link(school.veilig_thuis.telefoon),
        "school": school.naam_in_tekst,  # in running text, with its article
        "oudergesprek_door": who(p.oudergesprek),
        # two who conduct it together need no "collega" beside them
        "oudergesprek_collega": "" if len(p.oudergesprek) > 1 else ", bij voorkeur samen met een collega",
        "oudergesprek_collega_kort": "" if len(p.oudergesprek) > 1 else " (bij voorkeur met een collega)",
        "melding_tenzij": MELDING_EXCEPT,
        "extern_stappen": dutch_list([str(n) for n in p.extern_steps()]),
        "regie_zonder_toestemming": p.fallback().aanduiding,
        "regie_stap_1": p.regie(1).aanduiding,
        "bestuur_naam": school.bestuur.naam,
        "dossier": school.afspraken.dossier,
        "directeur_naam": school.directeur.naam,
        "directeur": school.roles["directeur"].noem,  # "de rector" where that is the person's title
        "toestemming_tenzij": CONSENT_EXCEPT,
        "vt_eerst_vormen": VT_FIRST_FORMS,
        "direct_melden": direct_melden(school),
        # Jeugdwet art. 7.1.5.1: under 12 the vertegenwoordiger, 12 to 16 both, from 16 the pupil alone
        "verwijsindex_informeren": (
            "onder de 12 jaar de ouders met gezag of de voogd, van 12 tot 16 jaar ook de leerling"
            if school.primair
            else "tot 16 jaar de leerling en de ouders met gezag of de voogd"
        ),
        "leerlinggesprek_door": who(p.leerlinggesprek),
        "bestuur_door": who(p.bestuur_door),
        "bestuur_momenten": dutch_list([MOMENT_TEXT[m] for m in p.bestuur_momenten]),
        # the school's own text, without its final stop: the sentence it goes into ends it
        "team_taak": (w["ondersteuningsteam.taak"] or "").rstrip(" ;."),
        "groot_team": w["ondersteuningsteam.groot"] or "",
        "groot_taak": (w["ondersteuningsteam.groot_taak"] or "").rstrip(" ;."),
        "bestaande_hulp": w["bestaande_hulp.organisatie"] or "een wijkteam, buurtteam of jeugdhulpverlener",
        "bestaande_hulp_door": who(p.hulp_door) if p.hulp_door else "wie de regie heeft",
        "bestaande_hulp_stap": str(p.hulp_stap or ""),
        "melding_ouders_door": who(p.melding_ouders),
        "casemanager": who(p.casemanager),
        # Jeugdwet art. 7.1.1.2 lid 1: only the functionaris the school designated (meldingsbevoegde) places a signal
        "verwijsindex_door": who(p.verwijsindex)
        if p.verwijsindex
        else "de medewerker die de school daarvoor heeft aangewezen",
        # The mededeling (AVG art. 14, Jeugdwet 7.1.5.1) may wait or be left out to protect the pupil:
        # Jeugdwet 7.1.5.2 lid 2 with UAVG art. 41 lid 1 sub i (review 5, J1); the college is the
        # verwerkingsverantwoordelijke and decides it (Jeugdwet 7.1.2.2 lid 3; review 6, K10).
        "verwijsindex_tenzij": "Is een ouder mogelijk de pleger, of gaat het om "
        + VT_FIRST_FORMS
        + "? Spreek dan eerst met Veilig Thuis af of en wanneer zij het horen, en vraag de gemeente, die over het"
        " bericht beslist, het uit te stellen of achterwege te laten als dat nodig is om de leerling te beschermen"
        " (Jeugdwet, artikel 7.1.5.2; Uitvoeringswet AVG, artikel 41).",
        "verwijsindex_niemand": ""
        if p.verwijsindex
        else " Heeft de school niemand aangewezen? Dan geeft de school geen signaal af.",
        # The teacher closest to the pupil: the mentor in voortgezet onderwijs.
        "leerkracht": "de mentor" if school.vo else "de leerkracht",
        "leerkrachten": "mentoren" if school.vo else "leerkrachten",
        "vorige_leerkracht": "de vorige mentor" if school.vo else "de vorige leerkracht",
        # Sharing with help outside the school: written consent where the werkwijze asks it for externals.
        "toestemming_hulp": "schriftelijke toestemming" if p.written else "toestemming",
        "toestemming_van": toestemming_van(school),
        "toestemming_aan": consent_to,
        # Who hears of a melding, and who is to accept help, first: from 18 the parents have no
        # gezag (BW 1:233, 1:245) and hear nothing without the pupil's consent (AVG art. 6).
        # a school with young children and pupils of 16 or older: the parents first, by age (review 3)
        "melding_met": "de ouders en, als dat passend is, met de leerling (vanaf 16 jaar eerst met de leerling"
        + (
            " zelf; vanaf 18 jaar met de ouders alleen als de leerling dat goed vindt)"
            if school.volwassenen
            else " zelf)"
        )
        if school.primair and (school.zestien or school.volwassenen)
        else "de leerling en, bij een minderjarige leerling, met de ouders"
        if school.volwassenen
        else "de leerling en met de ouders"
        if school.zestien
        else "de ouders en, als dat passend is, met de leerling",
        "ouders_en_leerling": "de leerling en, bij een minderjarige leerling, de ouders"
        if school.volwassenen
        else "de ouders en de leerling",
        "voorrang_veiligheid": SAFETY_FIRST,
        "vt_eerst": VT_FIRST,
        "vt_eerst_ouders": VT_FIRST_PARENTS,
        "vt_eerst_altijd": VT_FIRST_ALWAYS,
        "letsel": INJURY,
        "letsel_kort": INJURY_SHORT,
        "vt_eerst_kort": VT_FIRST_SHORT,
    }
    return {**values, **{first_upper(k): first_upper(v) for k, v in values.items()}}


def direct_melden(school: School) -> str:
    """Who decides and who calls at a direct melding (afwegingskader vraag 2): acute unsafety waits for no one.

    Besluit art. 2 lid 1 sub c names who is eindverantwoordelijk; the melding is not delayed when that
    person cannot be reached at once (review 3, December 2026).
    """
    decides, calls = school.besluit_melden, school.melding_doen
    if school.same(decides, calls):
        return f"{first_upper(calls.aanduiding)} beslist en meldt direct."
    return (
        f"Laat {decides.aanduiding} het meteen weten: die is eindverantwoordelijk voor het besluit. Is die niet"
        f" meteen bereikbaar, dan meldt {calls.aanduiding} toch direct, en hoort {decides.aanduiding} het daarna."
    )


# What vraag 1 "Ja" adds for the werkwijze choice veilig_thuis_raadplegen (as stap 4 and Wie doet wat say).
VT_RAADPLEGEN = {
    "verplicht_bij_vermoeden": "Raadpleeg Veilig Thuis, als dat in stap 2 nog niet is gebeurd: op {school} is dat"
    " verplicht bij een vermoeden.",
    "bij_twijfel": "Twijfel je? Vraag Veilig Thuis om advies.",
}


def kader_for(
    school: School, kader: dict, procedure: Procedure | None = None, fill: dict[str, str | Markup] | None = None
) -> dict:
    """Return the afwegingskader with this school's werkwijze applied and its {slots} filled in.

    `fill`: the school's slots, when the caller has them already (slots(school, procedure)).
    """
    p = procedure or resolve(school)
    fill = fill or slots(school, p)

    def filled(text: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: fill[m.group(1)], text)

    vragen = []
    for vraag in kader["vragen"]:
        vraag = {**vraag, "vraag": filled(vraag["vraag"])}
        antwoorden = []
        for answer in vraag["antwoorden"]:
            answer = dict(answer)
            if isinstance(answer.get("actie"), list):
                chosen = school.select(answer["actie"])
                answer.pop("actie")
                if chosen:
                    answer["actie"] = filled(chosen[0])
            if vraag["nummer"] == 1 and answer.get("naar"):
                # the school's choice on consulting Veilig Thuis, where the AF walks through it (review 5, A5)
                acties = [VT_RAADPLEGEN.get(p.veilig_thuis or ""), answer.get("actie")]
                if "vermoeden" in p.bestuur_momenten:
                    acties[1] = "{Bestuur_door} informeert het bestuur."
                if any(acties):
                    answer["actie"] = filled(" ".join(a for a in acties if a))
            antwoorden.append(answer)
        vragen.append({**vraag, "antwoorden": antwoorden})
    uitkomsten = {
        key: {**uitkomst, "tekst": filled(uitkomst["tekst"]), "kort": filled(uitkomst["kort"])}
        for key, uitkomst in kader["uitkomsten"].items()
    }
    return {**kader, "vragen": vragen, "uitkomsten": uitkomsten}
