"""The aandachtspunten a school can have: each check's code, title and advice, defined once.

Validation reads the codes (a school may accept a point by its code) and the checks
module finds the points; neither imports the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """One kind of aandachtspunt: its code (used to accept it), title and standard advice."""

    code: str
    titel: str  # short Dutch title: the overview, the CSV, docs/configuratie.md
    advies: str  # what to do, in one or two sentences
    tip: bool = False  # a hint: listed, but not counted and never an error with --strict


_ALL = [
    # Besluit verplichte meldcode, art. 2: what every meldcode contains.
    Check(
        "besluit-stappenplan",
        "Stappenplan (Besluit art. 2, onder a)",
        "Zorg dat het handboek alle vijf stappen van het basismodel bevat, elk met wat je doet.",
    ),
    Check(
        "besluit-taakverdeling",
        "Wie doet wat, en wie beslist over melden (Besluit art. 2, onder b)",
        "Wijs bij 'taakverdeling.besluit_melden' een rol met een naam aan, bijvoorbeeld de directeur.",
    ),
    Check(
        "besluit-bijzondere-vormen",
        "Bijzondere vormen van geweld (Besluit art. 2, onder c)",
        "Zorg dat het handboek een pagina heeft over eergerelateerd geweld en vrouwelijke genitale verminking.",
    ),
    Check(
        "besluit-verwijsindex",
        "Verwijsindex (Besluit art. 2, onder d)",
        "Zorg dat het stappenplan noemt wanneer de school een signaal in de verwijsindex afgeeft.",
    ),
    Check(
        "besluit-kindcheck",
        "Kindcheck (Besluit art. 2, onder e)",
        "Zorg dat het stappenplan de kindcheck beschrijft: welke kinderen wonen er nog meer in het gezin?",
    ),
    Check(
        "besluit-gegevens",
        "Vertrouwelijke gegevens (Besluit art. 2, onder f)",
        "Zorg dat het handboek beschrijft waar het dossier staat en wie het mag inzien.",
    ),
    Check(
        "besluit-afwegingskader",
        "Afwegingskader onderwijs (sinds 2019)",
        "Zorg dat stap 4 en 5 het afwegingskader met de vijf afwegingsvragen gebruiken.",
    ),
    Check(
        "besluit-beslissingen",
        "Twee beslissingen in stap 5 (sinds 2019)",
        "Zorg dat stap 5 twee beslissingen beschrijft: is melden noodzakelijk, en is hulp bieden of organiseren"
        " ook mogelijk?",
    ),
    # People and policy the handbook names.
    Check(
        "geen-vertrouwenspersoon",
        "Geen vertrouwenspersoon genoemd",
        "Voeg onder 'rollen' een 'vertrouwenspersoon' toe met naam en contactgegevens.",
    ),
    Check(
        "commissie-buiten-speciaal-onderwijs",
        "Commissie van begeleiding op een school zonder speciaal onderwijs",
        "Een commissie van begeleiding hoort bij het speciaal (basis)onderwijs. Haal 'commissie_van_begeleiding'"
        " weg onder 'rollen', of zet de leden onder een eigen rol met een eigen 'titel'; klopt de sector niet,"
        " pas dan 'sector' aan.",
    ),
    Check(
        "geen-intern-begeleider",
        "Geen intern begeleider of zorgcoördinator genoemd",
        "Voeg onder 'rollen' een 'intern_begeleider' of 'zorgcoordinator' toe met naam.",
    ),
    Check(
        "teamnaam-met-komma",
        "Naam van het ondersteuningsteam met een komma",
        "Deze naam staat midden in zinnen ('bespreek het in ...'): schrijf één naam zonder komma of puntkomma,"
        " bijvoorbeeld 'het zorgteam (ZAT)', en noem de leden bij de rol 'ondersteuningsteam'. Vanaf versie 2.0"
        " van de tool is een komma hier een fout.",
    ),
    Check(
        "regie-zonder-telefoon",
        "Regiehouder zonder telefoonnummer",
        "Vul bij deze persoon een 'telefoon' in: wie zich zorgen maakt, moet wie de regie heeft snel kunnen bellen.",
    ),
    Check(
        "bestuur-zonder-telefoon",
        "Aanspreekpunt van het bestuur zonder telefoonnummer",
        "Vul in _stichting.yaml bij 'bestuur' een 'telefoon' in: wie een signaal over een medewerker heeft, moet"
        " het bestuur direct kunnen bellen (de poster en de route bij signalen over een medewerker noemen het).",
    ),
    Check(
        "geen-bewaartermijn",
        "Geen bewaartermijn van het dossier",
        "Vul in _stichting.yaml 'privacy.bewaartermijn' in: hoe lang het meldcodedossier bewaard blijft.",
    ),
    Check(
        "geen-fg",
        "Geen functionaris gegevensbescherming",
        "Vul in _stichting.yaml 'privacy.functionaris_gegevensbescherming' in, met naam en e-mailadres.",
    ),
    Check(
        "medezeggenschap-advies",
        "Meldcode vastgesteld na advies in plaats van instemming",
        "De (G)MR heeft instemmingsrecht op regels over veiligheid en welzijn (Wet medezeggenschap op scholen,"
        " artikel 10 onder e). Vraag de (G)MR om instemming en schrijf dat bij 'vaststelling.medezeggenschap',"
        " bijvoorbeeld 'met instemming van de GMR op 16 juni 2026'.",
    ),
    Check(
        "geen-medezeggenschap",
        "Rol van de medezeggenschapsraad niet vermeld",
        "Vul bij 'vaststelling.medezeggenschap' in hoe de (G)MR erbij betrokken was,"
        " bijvoorbeeld 'met instemming van de GMR op 12 juni 2026'.",
    ),
    Check(
        "evaluatie-voorbij",
        "Evaluatiedatum voorbij",
        "Evalueer de meldcode, stel hem opnieuw vast en vul de nieuwe 'vaststelling.datum' en"
        " 'vaststelling.evaluatie' in.",
    ),
    Check(
        "evaluatie-binnenkort",
        "Evaluatie binnen drie maanden",
        "Plan de evaluatie nu, zodat de meldcode op tijd opnieuw kan worden vastgesteld.",
    ),
    # The sociale kaart.
    Check(
        "overlegpartner-niet-op-kaart",
        "Overlegpartner staat niet op de sociale kaart",
        "Zet de organisatie onder 'sociale_kaart', met telefoon, e-mail of website; stap 2 noemt dan haar nummer.",
    ),
    Check(
        "dubbel-op-sociale-kaart",
        "Dubbele vermelding op de sociale kaart",
        "Haal de dubbele vermelding weg; het handboek toont de organisatie maar één keer.",
    ),
    # Text that would go to print.
    Check(
        "verouderde-term",
        "Verouderde term",
        "Gebruik de huidige naam.",
    ),
    Check(
        "invulvoorbeeld",
        "Invulvoorbeeld of nepgegeven",
        "Vul het echte gegeven in, of laat het veld weg als het niet verplicht is.",
    ),
    Check(
        "dubbele-rol",
        "Eén persoon met rollen die elkaar controleren",
        "Overweeg een tweede persoon voor een van de rollen, zodat niemand alleen zijn eigen afweging toetst.",
        tip=True,
    ),
    Check(
        "acceptatie-overbodig",
        "Geaccepteerd aandachtspunt komt niet meer voor",
        "Haal deze regel onder 'geaccepteerd' weg.",
    ),
]


CHECKS: dict[str, Check] = {check.code: check for check in _ALL}


# Text that is a placeholder rather than a value.
PLACEHOLDERS = [
    # example.nl and its look-alikes (example-school.nl, voorbeeld.nl, www.voorbeeld-bs.nl): a domain label
    # that is the word itself, or starts with it and a hyphen
    (
        re.compile(r"(?:^|[@./])(?:example|voorbeeld)(?:-[\w-]*)?\.[a-z]{2,}\b", re.I),
        "een voorbeelddomein als example.nl of voorbeeld.nl",
    ),
    (re.compile(r"(?:^|\W)N\.\s?N\.(?:\W|$)|^\s*NN\s*$"), '"N.N."'),
    (re.compile(r"x{3,}", re.I), '"xxx"'),
    (re.compile(r"\b(?:TODO|FIXME)\b"), '"TODO"'),
    (re.compile(r"\[[^\]]{1,40}\]|<[^>]{1,40}>"), "een invulveld tussen haken"),
    (re.compile(r"\blorem ipsum\b|\bnog invullen\b|\bin te vullen\b", re.I), "een invultekst"),
]
