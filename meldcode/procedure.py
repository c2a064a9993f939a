"""One school's procedure, resolved once: who does what, when, and with whose consent.

`resolve(school)` turns the school's werkwijze (stichting and school merged, model.school_from)
and the tool's defaults into one frozen `Procedure`. The defaults are written here and nowhere
else: the directeur informs the bestuur, at a vermoeden and at a melding; the parents consent
under 16, the pupil from 16; help already involved is informed by who leads that step.

Every output renders the school's choices from it: the step pages, "Wie doet wat", the "Ik ben"
pages, the afwegingskader, the poster and the forms. Each fact's sentence is made here once, as
content text with {slots} (filled and escaped by render._fill), so two pages cannot state a
different person or moment for the same fact (tests/test_procedure_consistency.py reads every
page and checks that they do not).

Safety precedence (meldcode/safety.py) is applied here: in acute danger and where Veilig
Thuis comes first, no choice puts a parent conversation, a consent request or a wait for the
help already involved before Veilig Thuis. Help already involved is informed; the meldcode goes
on meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .grammar import dutch_list
from .kaart import partner_contact
from .model import Contact, Person, Role, School
from .render import escape_text
from .safety import CONSENT_EXCEPT_SCHOOL, HULP_GAAT_DOOR, STEP_1_FACTS
from .wording import party_label

# --- the bestuur ---------------------------------------------------------------------------

# When the bestuur hears of a case (werkwijze bestuur_informeren.wanneer), in the order of the steps
# where it happens; "nooit" (or an empty list) is a board that is never informed of a single case.
MOMENTS = ("geen_oudergesprek", "vermoeden", "melding")
MOMENT_STEP = {"geen_oudergesprek": 3, "vermoeden": 4, "melding": 5}
DEFAULT_MOMENTS = ("vermoeden", "melding")  # what the basismodel's text has always said
MOMENT_TEXT = {
    "vermoeden": "bij een vermoeden van huiselijk geweld of kindermishandeling (vraag 1 van het afwegingskader)",
    "melding": "bij een melding bij Veilig Thuis",
    "geen_oudergesprek": "als het gesprek met de ouders in stap 3 niet doorgaat, met de reden",
}
# The same, short: the "wie" box of a step page and the poster.
MOMENT_LABEL = {
    "vermoeden": "bij een vermoeden",
    "melding": "bij een melding",
    "geen_oudergesprek": "als het gesprek met de ouders niet doorgaat",
}
# The sentence of a step's "Wat doe je?" that says it, with {bestuur_door}.
MOMENT_DOEN = {
    "vermoeden": "Blijft er een vermoeden van huiselijk geweld of kindermishandeling (vraag 1 van het"
    " afwegingskader)? Dan informeert {bestuur_door} het bestuur.",
    "melding": "Doe je een melding, dan informeert {bestuur_door} het bestuur.",
    "geen_oudergesprek": "Gaat het gesprek met de ouders niet door? Dan informeert {bestuur_door} het bestuur, met de"
    " reden.",
}
# What the leader of that step does when someone else informs the bestuur.
MOMENT_TELL = {
    "vermoeden": "laat {bestuur_door} weten dat er een vermoeden is, zodat die het bestuur informeert;",
    "melding": "laat {bestuur_door} weten dat er is gemeld, zodat die het bestuur informeert;",
    "geen_oudergesprek": "laat {bestuur_door} weten dat het gesprek met de ouders niet doorgaat, en waarom, zodat"
    " die het bestuur informeert;",
}

# --- consent -------------------------------------------------------------------------------

WRITTEN = ("extern_schriftelijk", "groot_team_schriftelijk")


def toestemming_van(school: School) -> str:
    """Return who consents to sharing a pupil's data, for this school's ages ("vraag je ... om toestemming").

    Under 16 the parents with gezag consent, from 16 the pupil (UAVG art. 5 lid 1). Curatele and
    mentorschap exist for adults only (BW boek 1, titel 16 and 20; they take effect at 18), so the
    curator or *wettelijk* mentor (never the class mentor) is named with "vanaf 18 jaar" only.
    Sources: wetten.overheid.nl via privacy-web.nl (UAVG art. 5), lawyrup.nl (titel 16, art. 1:378
    and 1:381) and viajuridica.nl (titel 20, art. 1:450).
    """
    # The representative only for what the pupil cannot decide (UAVG art. 5 lid 2; BW 1:453).
    adult = (
        "bij curatele of mentorschap vanaf 18 jaar, voor wat de leerling zelf niet kan beslissen,"
        " de curator of wettelijk mentor"
    )
    if not school.zestien and not school.volwassenen:
        return "de ouders"
    if not school.onder_16:
        return f"de leerling zelf of, {adult}" if school.volwassenen else "de leerling zelf"
    if not school.volwassenen:
        return "de ouders (tot 16 jaar) of de leerling zelf (vanaf 16 jaar)"
    return f"de ouders (tot 16 jaar), de leerling zelf (vanaf 16 jaar) of, {adult}"


# --- the procedure -------------------------------------------------------------------------


@dataclass(frozen=True)
class Procedure:
    """The school's resolved way of working; see the module docstring."""

    school: School
    bestuur_door: tuple[Role, ...]  # who informs the bestuur
    bestuur_momenten: tuple[str, ...]  # when (MOMENTS); () = never
    oudergesprek: tuple[Role, ...]  # who conducts the conversation with the parents; () = agreed per case
    leerkracht_bij_oudergesprek: str | None  # in_overleg | standaard | nooit | None (standard text)
    leerlinggesprek: tuple[Role, ...]
    leerling_aanpak: str | None  # school_begint | leerling_begint | None
    melding_ouders: tuple[Role, ...]  # who tells the parents of a melding; () = who leads step 5
    casemanager: tuple[Role, ...]
    verwijsindex: tuple[Role, ...]  # who places a signal in the verwijsindex; () = "the designated employee"
    veilig_thuis: str | None  # bij_twijfel | verplicht_bij_vermoeden | None
    toestemming: str  # extern | extern_schriftelijk | groot_team_schriftelijk
    hulp_stap: int | None  # the step in which help already involved is informed; None: not chosen
    hulp_door: tuple[Role, ...]  # who informs it; () = who leads that step
    aandachtsfunctionaris: Person  # with the phone and e-mail of the same person's role entries

    # -- who --

    def regie(self, step: int) -> Role:
        return self.school.taakverdeling[step].regie

    def does(self, roles: list[Role] | tuple[Role, ...], actors: tuple[Role, ...]) -> bool:
        """Tell whether the party `roles` (one set of people or one team) is one of `actors`."""
        return any(self.school.same(r, a) for r in roles for a in actors)

    def extern_regie(self) -> list[int]:
        """The steps whose regie works outside the school: it needs consent to know the pupil by name."""
        return [n for n, a in sorted(self.school.taakverdeling.items()) if a.regie.extern]

    def extern_steps(self) -> list[int]:
        """The steps in which someone from outside the school leads or talks with the parents or the pupil:
        without consent to name the pupil, the fallback does that too (review 5, A3)."""
        talks = any(r.extern for r in self.oudergesprek + self.leerlinggesprek)
        return sorted(set(self.extern_regie()) | ({3} if talks else set()))

    def extern_steps_of(self, role: Role) -> list[int]:
        """The steps of extern_steps in which `role` (or the person who holds it) leads or talks."""
        talks = role.extern and self.does([role], self.oudergesprek + self.leerlinggesprek)
        return [n for n in self.extern_steps() if self.does([role], (self.regie(n),)) or (n == 3 and talks)]

    def fallback(self) -> Role:
        """Who leads such a step without that consent: the aandachtsfunctionaris (review 3, December 2026)."""
        af = self.school.roles["aandachtsfunctionaris"]
        return self.school.roles["directeur"] if af.extern else af

    def bestuur_steps(self) -> set[int]:
        return {MOMENT_STEP[m] for m in self.bestuur_momenten}

    def hulp_actors(self) -> tuple[Role, ...]:
        if self.hulp_stap is None:
            return ()
        return self.hulp_door or (self.regie(self.hulp_stap),)

    @property
    def written(self) -> bool:
        """Consent for a named discussion outside the school is asked in writing."""
        return self.toestemming in WRITTEN

    # -- sentences: content text with {slots}; the templates fill and escape them --

    def bestuur_line(self) -> str:
        """The one sentence on who informs the bestuur, and when."""
        if not self.bestuur_momenten:
            return "Het bestuur wordt niet over afzonderlijke casussen geïnformeerd."
        return "{Bestuur_door} informeert het bestuur {bestuur_momenten}."

    def doen(self, step: int) -> list[str]:
        """The procedure's items of a step's "Wat doe je?", after the step's own."""
        items = [MOMENT_DOEN[m] for m in self.bestuur_momenten if MOMENT_STEP[m] == step]
        if step == self.hulp_stap:
            items.insert(0, self.hulp_doen())
        return items

    def hulp_doen(self) -> str:
        """The "Wat doe je?" item on help already involved: inform it, and go on with the meldcode."""
        # Named, not "vraag je": step 1 is read by every teacher, and the school chose who does this (review 5, A11).
        if self.hulp_stap == 1:  # in step 1 there is no suspicion yet to share
            ask = (
                "Is {bestaande_hulp} al bij het gezin betrokken? Dan vraagt {bestaande_hulp_door} {toestemming_van} om"
                " {toestemming_hulp} om met die hulpverlener te overleggen over hoe het met de leerling gaat. Daarbij"
                " deelt die alleen wat de school ziet en hoort, en noemt nog geen vermoeden van geweld of mishandeling."
            )
        else:
            ask = (
                "Is {bestaande_hulp} al bij het gezin betrokken? Dan vraagt {bestaande_hulp_door} {toestemming_van} om"
                " {toestemming_hulp} om de zorgen met die hulpverlener te delen, en informeert die hulpverlener."
            )
        return (
            ask
            + " Zonder toestemming gaat dat overleg alleen anoniem. Kijk samen of die hulp kan worden versterkt. "
            + HULP_GAAT_DOOR
        )

    def extra_parties(self, step: int, parties: list[list[Role]]) -> list[list[Role]]:
        """Who conducts a conversation in step 3 (or, as chosen, stays out of it) without a part in its
        taakverdeling: the step's own list names them too (review 5, A9). The box names the rest."""
        named = [r for group in parties for r in group]
        if step == 1:  # every signal reaches the aandachtsfunctionaris first (review 5, A12)
            candidates: tuple[Role, ...] = (self.school.roles["aandachtsfunctionaris"],)
        elif step == 3:
            candidates = self.oudergesprek + self.leerlinggesprek
            candidates += (self.school.roles["leerkracht"],) if self.leerkracht_bij_oudergesprek == "nooit" else ()
        else:
            return []
        extra = [r for r in candidates if not self.does(named, (r,)) and self.duties(step, [r])]
        return self.school.groups(list({r.key: r for r in extra}.values()))

    def duties(self, step: int, roles: list[Role] | tuple[Role, ...]) -> list[str]:
        """The procedure's tasks of one party in a step (third person singular, as stappen.yaml)."""
        items = []
        af = self.school.roles["aandachtsfunctionaris"]
        leads_1 = self.school.steps_of(af.key).get(1) in ("regie", "mede")  # she (also) leads it
        if step == 1 and self.does(roles, (af,)) and not leads_1:
            items.append(
                "ontvangt de signalen van collega's, gaat na of er acuut gevaar is of een vorm van geweld waarbij"
                " Veilig Thuis voorgaat, en geeft ze dezelfde dag door aan {regie_stap_1};"
            )
        if step == 3 and not any(self.does(roles, (r,)) for r in self.school.taakverdeling[3].roles()):
            # who conducts a conversation without a part in step 3 has that task there (review, December 2026)
            if self.does(roles, self.oudergesprek):
                items.append("voert het gesprek met de ouders en zorgt dat het wordt vastgelegd;")
            if self.does(roles, self.leerlinggesprek):
                items.append("voert het gesprek met de leerling en zorgt dat het wordt vastgelegd;")
            if self.leerkracht_bij_oudergesprek == "nooit" and any(r.key == "leerkracht" for r in roles):
                items.append("levert de feiten aan voor het gesprek met de ouders, maar is er zelf niet bij;")
        for moment in self.bestuur_momenten:
            if MOMENT_STEP[moment] != step:
                continue
            if self.does(roles, self.bestuur_door):
                items.append("informeert het bestuur " + MOMENT_TEXT[moment] + ";")
            elif (
                self.does(roles, (self.regie(step),))
                and not self.does(roles, (self.school.roles["bestuur"],))
                # who makes the melding and informs the bestuur knows it was made
                and not (moment == "melding" and self.does([self.school.melding_doen], self.bestuur_door))
            ):
                items.append(MOMENT_TELL[moment])
            elif any(r.key == "bestuur" for r in roles):
                items.append("wordt door {bestuur_door} geïnformeerd " + MOMENT_TEXT[moment] + ";")
        if step == self.hulp_stap and self.does(roles, self.hulp_actors()):
            share = (
                "voor overleg met die hulpverlener, deelt daarin alleen feiten (nog geen vermoeden)"
                if step == 1
                else ", deelt dan de zorgen met die hulpverlener"
            )
            items.append(
                "gaat na of {bestaande_hulp} al bij het gezin betrokken is; zo ja, vraagt {toestemming_van} om"
                " {toestemming_hulp}" + (" " if step == 1 else "") + share + " en kijkt samen"
                " of die hulp kan worden versterkt (zonder toestemming alleen anoniem), zonder de volgende stappen op"
                " te houden, en bij acuut gevaar pas na 112 en Veilig Thuis, waar Veilig Thuis voorgaat pas na Veilig"
                " Thuis;"
            )
        return items

    def taken(self, role: Role) -> list[str]:
        """A role's standing tasks (rollen.yaml) with the procedure's tasks of that role."""
        items = self.school.select(role.taken, role)
        # the role itself, not every role of the same person: "Wie doet wat" lists a person's roles together
        if self.bestuur_momenten and role.key in {a.key for a in self.bestuur_door}:
            items.append("informeert het bestuur {bestuur_momenten};")
        if self.bestuur_momenten and role.key == "bestuur":
            items.insert(2, "wordt door {bestuur_door} geïnformeerd {bestuur_momenten};")
        return items

    def wie(self, step: int, poster: bool = False) -> list[tuple[str, tuple[Role, ...]]]:
        """The lines of a step's "wie" box (label, who), besides the regie; the poster leaves out the decisions."""
        lines: list[tuple[str, tuple[Role, ...]]] = []
        if step == self.hulp_stap and self.hulp_door:
            lines.append(("Bestaande hulp informeren", self.hulp_door))
        if step == 3 and self.oudergesprek:
            lines.append(("Gesprek met de ouders", self.oudergesprek))
        if step == 3 and self.leerlinggesprek:
            lines.append(("Gesprek met de leerling", self.leerlinggesprek))
        if step == 5:
            if not poster:
                lines.append(("Eindverantwoordelijk voor het besluit over melden", (self.school.besluit_melden,)))
                lines.append(("Melding doen", (self.school.melding_doen,)))
            if self.melding_ouders:
                # from 16 the pupil comes first, from 18 the parents only with the pupil's consent (review 2026)
                # with whom depends on the age: from 16 the pupil first, from 18 the parents only with the
                # pupil's consent (review 5, A8); at a school from 4 to 20 no one order fits (review 6, B7)
                label = (
                    "Gesprek over een melding (met wie: per leeftijd, zie stap 5)"
                    if self.school.primair and self.school.volwassenen
                    else "Gesprek met de leerling (en bij een minderjarige de ouders) over een melding"
                    if self.school.volwassenen
                    else "Gesprek met de leerling en de ouders over een melding"
                    if self.school.zestien
                    else "Gesprek met de ouders over een melding"
                )
                lines.append((label, self.melding_ouders))
            if self.casemanager:
                lines.append(("Casemanager bij hulp zonder melding", self.casemanager))
        if step == 3 and self.verwijsindex and not poster:
            lines.append(("Signaal in de verwijsindex", self.verwijsindex))
        for moment in self.bestuur_momenten:
            if MOMENT_STEP[moment] == step:
                lines.append(("Bestuur informeren " + MOMENT_LABEL[moment], self.bestuur_door))
        outside = tuple(r for r in self.school.taakverdeling[step].roles() if r.extern)
        if outside and not poster:
            # "Ook betrokken" must not read as leave to discuss the pupil by name with someone outside the
            # school before consent (AVG art. 6; review, December 2026: the GGD jeugdarts, Kwadraad's SMW)
            lines.append(
                ("Van buiten de school, dus met naam alleen met {toestemming_hulp} van {toestemming_van}", outside)
            )
        if step in self.extern_steps():  # the poster too: it names the outside person as well (review 5, J10)
            talks = step == 3 and any(r.extern for r in self.oudergesprek + self.leerlinggesprek)
            tasks = ["regie"] * (step in self.extern_regie()) + ["gesprekken"] * talks
            label = " en ".join(tasks).capitalize()
            lines.append((label + " zonder {toestemming_hulp} voor wie van buiten de school komt", (self.fallback(),)))
        return lines

    def afspraken(self) -> list[str]:
        """The school's arrangements, for "Wie doet wat" (content text with slots)."""
        items = []
        if self.oudergesprek:
            items.append("Het gesprek met de ouders in stap 3 voert {oudergesprek_door}.")
        items += self._leerkracht_line()
        if self.leerlinggesprek:
            items.append("Het gesprek met de leerling voert {leerlinggesprek_door}.")
        if self.leerling_aanpak == "leerling_begint":
            items.append(
                "In het gesprek met de leerling begint de school niet zelf over een vermoeden van geweld of"
                " mishandeling; begint de leerling erover, dan luister je."
            )
        elif self.leerling_aanpak == "school_begint":
            items.append(
                "In het gesprek met de leerling bespreekt de school haar zorgen, passend bij leeftijd en ontwikkeling."
            )
        if self.veilig_thuis == "verplicht_bij_vermoeden":
            items.append(
                "Blijft er na het overleg in stap 2 of bij de weging in stap 4 een vermoeden, dan raadpleegt de school"
                " altijd Veilig Thuis."
            )
        elif self.veilig_thuis == "bij_twijfel":
            items.append("Bij twijfel vraagt de school advies aan Veilig Thuis.")
        items.append(self.bestuur_line())
        w = self.school.werkwijze
        if w["ondersteuningsteam.groot"]:
            first = "{Ondersteuningsteam} " + (
                "{team_taak}." if w["ondersteuningsteam.taak"] else "is het eerste overleg over zorgen om een leerling."
            )
            second = "{Groot_team} " + (
                "{groot_taak}."
                if w["ondersteuningsteam.groot_taak"]
                else "overlegt als de situatie lastig is of deskundigheid van buiten de school nodig is."
            )
            items.append("De school overlegt in twee teams. " + first + " " + second)
        elif w["ondersteuningsteam.taak"]:
            items.append("{Ondersteuningsteam} {team_taak}.")
        items.append(self.consent_line())
        if self.extern_steps():
            items.append(
                "Heeft iemand van buiten de school de regie of een gesprek in stap {extern_stappen}, dan neemt"
                " {regie_zonder_toestemming} dat over zolang er geen {toestemming_hulp} is om de leerling met naam"
                " met die persoon te bespreken."
            )
        if self.hulp_stap is not None:
            items.append(
                "Is {bestaande_hulp} al bij het gezin betrokken, dan informeert {bestaande_hulp_door} die hulpverlener"
                " in stap {bestaande_hulp_stap}, met {toestemming_hulp} van {toestemming_van}, en kijkt de school"
                " samen met die hulp of die kan worden versterkt. "
                + STEP_1_FACTS * (self.hulp_stap == 1)
                + HULP_GAAT_DOOR
            )
        if self.melding_ouders:
            # {melding_met}: from 18 the pupil, the parents only with the pupil's consent (BW 1:233, 1:245)
            items.append(
                "Over een voorgenomen melding bij Veilig Thuis praat {melding_ouders_door} met {melding_met}"
                "{melding_tenzij}."
            )
        if self.casemanager:
            items.append("Organiseert de school zelf hulp, zonder melding, dan is {casemanager} casemanager.")
        if self.verwijsindex:
            items.append("Een signaal in {verwijsindex} geeft alleen {verwijsindex_door} af.")
        return items

    def _leerkracht_line(self) -> list[str]:
        if self.leerkracht_bij_oudergesprek == "nooit":
            return ["{Leerkracht} is niet bij het gesprek met de ouders."]
        if self.leerkracht_bij_oudergesprek == "standaard":
            return [
                "{Leerkracht} is bij het gesprek met de ouders, tenzij de band met de leerling of de ouders daardoor"
                " in gevaar komt."
            ]
        if self.leerkracht_bij_oudergesprek == "in_overleg":
            return ["Per gesprek met de ouders wordt afgesproken of {leerkracht} erbij is."]
        return []

    def consent_line(self) -> str:
        """Who consents to a named discussion outside the school, and how."""
        kind = ("schriftelijke toestemming" if self.written else "toestemming") + (
            ":" if self.school.zestien or self.school.volwassenen else ""
        )
        if self.toestemming == "groot_team_schriftelijk":
            scope = "in {groot_team} of met andere deskundigen van buiten de school"
        else:
            scope = "buiten de school"
        return (
            f"Voor een bespreking met naam {scope} vraagt de school {kind} {{toestemming_aan}}." + CONSENT_EXCEPT_SCHOOL
        )

    def afspraken_for(self, role: Role) -> list[str]:
        """The arrangements that concern one role, for its "Ik ben" page (content text with slots)."""
        items = []
        me = [role]
        if self.does(me, self.oudergesprek):
            items.append(
                "Jij voert in stap 3 het gesprek met de ouders"
                + self._samen(role, self.oudergesprek, "mede_ouders")
                + "."
            )
        if role.key == "leerkracht" and self.leerkracht_bij_oudergesprek == "nooit":
            items.append(
                "Je bent niet bij het gesprek met de ouders in stap 3. Zo blijft je band met de leerling en de ouders"
                " zo goed mogelijk. Je levert wel de feiten aan."
            )
        if role.key == "leerkracht" and self.leerkracht_bij_oudergesprek == "standaard":
            items.append(
                "Je bent bij het gesprek met de ouders in stap 3, tenzij de band met de leerling of de ouders daardoor"
                " in gevaar komt."
            )
        if self.does(me, self.leerlinggesprek):
            items.append(
                "Jij voert in stap 3 het gesprek met de leerling"
                + self._samen(role, self.leerlinggesprek, "mede_leerling")
                + "."
            )
        if role.key == "vertrouwenspersoon" and self.does(me, self.oudergesprek + self.leerlinggesprek):
            # The interne vertrouwenspersoon of the klachtenregeling keeps what is told in confidence;
            # in a meldcode conversation nothing is kept back (review, December 2026).
            items.append(
                "In dat gesprek ben je niet de vertrouwenspersoon van de klachtenregeling: je belooft geen"
                " geheimhouding, en wat je hoort, geef je door aan wie de regie heeft, die het vastlegt."
            )
        if self.leerling_aanpak == "leerling_begint" and (
            role.key == "leerkracht" or self.does(me, self.leerlinggesprek)
        ):
            items.append(
                "Begin in een gesprek met een leerling zelf niet over een vermoeden van geweld of mishandeling. Begint"
                " de leerling er zelf over? Luister dan, stel open vragen en beloof nooit geheimhouding."
            )
        if self.bestuur_momenten and self.does(me, self.bestuur_door):
            items.append("Jij informeert het bestuur {bestuur_momenten}.")
        if self.hulp_stap is not None and self.does(me, self.hulp_door):
            items.append(
                "Is {bestaande_hulp} al bij het gezin betrokken? Dan informeer jij die hulpverlener in stap"
                " {bestaande_hulp_stap}, met {toestemming_hulp} van {toestemming_van}; zonder toestemming overleg je"
                " alleen anoniem. " + STEP_1_FACTS * (self.hulp_stap == 1) + HULP_GAAT_DOOR
            )
        if self.does(me, self.melding_ouders):
            items.append("Jij bespreekt een voorgenomen melding bij Veilig Thuis met {melding_met}{melding_tenzij}.")
        if role.extern:  # the same rule as the step boxes' "Van buiten de school" line
            # Leerplichtwet 1969 art. 21a (verzuim is reported by name) and 18 lid 3 (the school answers the
            # ambtenaar's questions): no consent needed for that (review 5, J4).
            lead = (
                "Verzuim meldt de school met naam, zoals de Leerplichtwet vraagt (artikel 21a), en jouw vragen"
                " daarover beantwoordt zij (artikel 18). Over een vermoeden van huiselijk geweld of"
                " kindermishandeling bespreekt de school"
                if role.key == "leerplicht"
                else "Je werkt buiten de school: de school bespreekt"
            )
            items.append(
                lead + " een leerling met jou alleen met naam als er {toestemming_hulp} is van {toestemming_van};"
                " anders anoniem."
            )
            # where what they write down goes (review 6, B6: Kwadraad's worker has no access)
            items.append("Waar het dossier staat en wie erbij kan: {dossier}")
        if self.extern_steps_of(role):
            items.append(
                "Wat jij in stap {eigen_stappen} doet, de regie of een gesprek, doe je alleen als er {toestemming_hulp}"
                " is van {toestemming_van} om de leerling met jou te bespreken; anders doet {regie_zonder_toestemming}"
                " het."
            )
        elif self.extern_steps() and self.does(me, (self.fallback(),)):
            items.append(
                "Heeft iemand van buiten de school de regie of een gesprek in stap {extern_stappen}, en is er geen"
                " {toestemming_hulp} om de leerling met naam met die persoon te bespreken? Dan doe jij dat."
            )
        if self.does(me, self.verwijsindex):
            items.append(
                "Jij bent de medewerker die een signaal in {verwijsindex} afgeeft, als dat in stap 3 nodig is. De"
                " voorwaarden staan in stap 3."
            )
        if self.does(me, self.casemanager):
            items.append(
                "Jij bent casemanager als de school zelf hulp organiseert, zonder melding: je houdt de regie op die"
                " hulp."
            )
        return items

    def _samen(self, role: Role, actors: tuple[Role, ...], slot: str) -> str:
        """Who else conducts it, as a {slot} of role_values (names are filled in and escaped by render._fill)."""
        return f", samen met {{{slot}}}" if self._others(role, actors) else ""

    def _others(self, role: Role, actors: tuple[Role, ...]) -> tuple[Role, ...]:
        return tuple(a for a in actors if not self.school.same(role, a))

    def role_values(self, role: Role) -> dict[str, str]:
        """The slots of one role's own sentences (afspraken_for): who conducts a conversation with them."""
        return {
            "eigen_stappen": dutch_list([str(n) for n in self.extern_steps_of(role)]),
            "mede_ouders": together([a.aanduiding for a in self._others(role, self.oudergesprek)]),
            "mede_leerling": together([a.aanduiding for a in self._others(role, self.leerlinggesprek)]),
        }

    def checklist(self) -> list[str]:
        """The checklist's items after a melding, about who is told (content text with slots)."""
        items = []
        if "melding" in self.bestuur_momenten:
            if self.does([self.school.melding_doen], self.bestuur_door):
                items.append("Informeer het bestuur ({bestuur_naam}) over de melding.")  # review 5, A13
            else:
                items.append("Laat {bestuur_door} weten dat je hebt gemeld: die informeert het bestuur.")
        directeur = self.school.roles["directeur"]
        if not self.school.same(self.school.melding_doen, directeur) and not (
            "melding" in self.bestuur_momenten and self.does([directeur], self.bestuur_door)
        ):
            # the directeur who took the decision knows of it: tell that it was made (review, December 2026)
            if self.school.same(self.school.besluit_melden, directeur):
                items.append(
                    "Laat {directeur} ({directeur_naam}) weten dat de melding is gedaan en wat er is afgesproken."
                )
            else:
                items.append("Informeer {directeur} ({directeur_naam}) over de melding.")
        return items

    def na_melding(self) -> list[str]:
        """The lines of "Na de beslissing" about who is told of a melding."""
        return ["{Bestuur_door} informeert het bestuur over de melding."] if "melding" in self.bestuur_momenten else []

    # -- rendering helpers --

    def who(self, actors: tuple[Role, ...], capital: bool = False) -> Markup:
        """Name the actors of a fact, escaped: one party, or several "samen"."""
        labels = [party_label([a], escape_text, capital=capital and i == 0) for i, a in enumerate(actors)]
        return Markup(together(labels))

    def overlegpartners(self) -> list[tuple[str, Contact | None]]:
        """Each overlegpartner with its entry on the sociale kaart, if it has one."""
        contacts = [c for _, items in self.school.sociale_kaart for c in items]
        return [(p, partner_contact(p, contacts)) for p in self.school.afspraken.overlegpartners]


def together(labels: list[str]) -> str:
    """Name several who act together, the first as the subject: 'A, samen met B en C' (a singular verb fits)."""
    if len(labels) <= 1:
        return "".join(labels)
    return f"{labels[0]}, samen met {dutch_list(labels[1:])}"


def _actors(value: object) -> tuple[Role, ...]:
    if isinstance(value, Role):
        return (value,)
    if isinstance(value, list | tuple):
        return tuple(v for v in value if isinstance(v, Role))
    return ()


def resolve(school: School) -> Procedure:
    """Resolve the school's werkwijze and the defaults into its Procedure."""
    w = school.werkwijze
    wanneer = w["bestuur_informeren.wanneer"]
    if isinstance(wanneer, str):
        wanneer = [wanneer]
    if wanneer is None:
        moments: tuple[str, ...] = DEFAULT_MOMENTS
    elif "nooit" in wanneer:
        moments = ()
    else:
        moments = tuple(m for m in ("vermoeden", "melding", "geen_oudergesprek") if m in wanneer)
    hulp_stap = w["bestaande_hulp.stap"]
    return Procedure(
        school=school,
        bestuur_door=_actors(w["bestuur_informeren.door"]) or (school.roles["directeur"],),
        bestuur_momenten=moments,
        oudergesprek=_actors(w["gesprek_ouders.voert"]),
        leerkracht_bij_oudergesprek=w["gesprek_ouders.leerkracht"],
        leerlinggesprek=_actors(w["gesprek_leerling.voert"]),
        leerling_aanpak=w["gesprek_leerling.aanpak"],
        melding_ouders=_actors(w["melding_ouders_informeren"]),
        casemanager=_actors(w["casemanager"]),
        verwijsindex=_actors(w["verwijsindex_signaal"]),
        veilig_thuis=w["veilig_thuis_raadplegen"],
        toestemming=w["ondersteuningsteam.toestemming"] or "extern",
        hulp_stap=int(hulp_stap) if hulp_stap else None,
        hulp_door=_actors(w["bestaande_hulp.informeert"]),
        # her role entry: with the phone and e-mail of her other entries (load._share_contacts)
        aandachtsfunctionaris=school.roles["aandachtsfunctionaris"].mensen[0],
    )
