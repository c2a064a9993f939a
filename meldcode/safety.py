"""Child safety first, defined once: the sentences that put 112 and Veilig Thuis before any choice.

In acute danger and where Veilig Thuis comes first (eergerelateerd geweld, huwelijksdwang,
vrouwelijke genitale verminking, seksueel geweld, a parent as the possible pleger), no choice of a
school may put a parent conversation, a consent request or a wait for help already involved before
Veilig Thuis. These texts say so; meldcode/procedure.py and meldcode/slots.py put them where a
choice applies, and tests/test_safety_precedence.py checks every page of every combination.
"""

from __future__ import annotations

# The forms of violence where Veilig Thuis comes before any conversation with the parents
# (basismodel meldcode, stap 2 and 3; Veilig Thuis' own advice for these forms).
VT_FIRST_FORMS = "eergerelateerd geweld, huwelijksdwang, vrouwelijke genitale verminking of seksueel geweld"
VT_FIRST = (
    "Vermoed je "
    + VT_FIRST_FORMS
    + ", of is een ouder mogelijk de pleger? Bel dan eerst Veilig Thuis: vóór een gesprek met de ouders, vóór een"
    " vraag om toestemming en zonder te wachten op hulp die er al is."
)
SAFETY_FIRST = "Veiligheid gaat voor. Is er acuut gevaar? Bel 112. " + VT_FIRST
# Where a leerkracht looks first: the start page, step 1, "Ik ben leerkracht", the poster.
INJURY = (
    "Zie je letsel? Neutraal vragen wat er is gebeurd, mag. De school onderzoekt letsel niet zelf en maakt geen"
    " foto's: vraag Veilig Thuis (die kan een vertrouwensarts inschakelen) of een deskundige in letselduiding, zoals de"
    " jeugdarts, om advies. Bij ernstig letsel bel je 112."
)
# In step 1 there is no suspicion yet to share, also not with help already involved (review 3).
STEP_1_FACTS = "In stap 1 deel je alleen wat je ziet en hoort, en noem je nog geen vermoeden. "
# Help already involved is informed, never waited for (stap 1-3, "Wie doet wat", "Ik ben").
HULP_GAAT_DOOR = (
    "De meldcode loopt intussen door: je wacht niet op die hulp. Is er acuut gevaar? Bel 112, en daarna of tegelijk"
    " Veilig Thuis. Gaat het om een vorm van geweld waarbij Veilig Thuis voorgaat? Bel dan eerst Veilig Thuis. Pas"
    " daarna vraag je om toestemming of informeer je die hulp."
)
# Where step 5 and the afwegingskader name the reasons to skip the conversation about a melding.
VT_FIRST_ALWAYS = (
    "Bij " + VT_FIRST_FORMS + ", of als een ouder mogelijk de pleger is, is dat altijd zo: spreek dan met Veilig"
    " Thuis af of en wanneer de ouders het horen."
)
# The exceptions to talking with the parents first, at a melding and at a request for consent
# (afwegingskader vraag 2; safety precedence; review 3, December 2026).
MELDING_EXCEPT = (
    ", behalve bij acute of structurele onveiligheid en waar Veilig Thuis voorgaat: dan wordt met Veilig Thuis"
    " afgesproken of en wanneer zij het horen"
)
CONSENT_EXCEPT = ", en waar Veilig Thuis voorgaat pas na overleg met Veilig Thuis"
# The same after the school's consent rule ("Wie doet wat"; review 5, A10).
CONSENT_EXCEPT_SCHOOL = " Waar Veilig Thuis voorgaat, vraagt de school pas om toestemming na overleg met Veilig Thuis."
# Step 1's everyday talk with the parents: not where Veilig Thuis comes first (review, December 2026).
VT_FIRST_PARENTS = (
    "Vermoed je " + VT_FIRST_FORMS + ", of is een ouder mogelijk de pleger? Deel je zorgen dan niet met de ouders,"
    " maar overleg eerst met de aandachtsfunctionaris en Veilig Thuis."
)
INJURY_SHORT = (
    "Letsel? De school onderzoekt letsel niet zelf en maakt geen foto's: vraag Veilig Thuis. Ernstig letsel: bel 112."
)
VT_FIRST_SHORT = (
    "Eergerelateerd geweld, huwelijksdwang, genitale verminking, seksueel geweld of een ouder als mogelijke pleger?"
    " Eerst Veilig Thuis: vóór een gesprek met de ouders, een vraag om toestemming of contact met hulp die er al is."
)
