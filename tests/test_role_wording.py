"""Who does what, in the example handbooks and on the poster (review findings 6, 8, 10, 11, 14, 18, 20, 24, 25).

Pages are rendered directly (no site build): the assertions are on the Markdown
and on the poster's HTML.
"""

from __future__ import annotations

import dataclasses
import html
import re

import pytest
from conftest import ROOT, visible_text

from meldcode.content import load_content
from meldcode.grammar import PLURAL, first_word, plural_sentence
from meldcode.load import load_config
from meldcode.model import School
from meldcode.pages import pages_for, render_page
from meldcode.pdf import poster_html
from meldcode.render import environment
from meldcode.wording import party_label

TEMPLATES = ROOT / "templates"
CONTENT = load_content(TEMPLATES)


@pytest.fixture(scope="module")
def schools() -> dict[str, School]:
    config = load_config(ROOT / "schools", TEMPLATES)
    assert not config.problems
    return {s.slug: s for s in config.schools}


def page(school: School, slug: str) -> str:
    """One page of a school's handbook as text (web Markdown, references resolved)."""
    found = next(p for p in pages_for(school, CONTENT) if p.slug == slug)
    # a title is joined to its name by a no-break space ("dr. Thomas Brouwer"): compare it as a space
    return html.unescape(render_page(found, school, CONTENT, TEMPLATES, "web")).replace("\xa0", " ")


def poster(school: School) -> str:
    """The poster's HTML, as WeasyPrint gets it."""
    return poster_html(school, CONTENT, TEMPLATES)


def test_every_role_sentence_starts_with_a_verb_the_plural_knows():
    """A new sentence with a verb missing from meldcode.grammar.PLURAL fails here, not in a handbook."""
    texts = [
        item if isinstance(item, str) else item["tekst"]
        for step in CONTENT.steps
        for key in ("regie", "betrokken")
        for item in step[key]
    ]
    for role in CONTENT.roles.values():
        for taken in [role["taken"]] + [v["taken"] for v in (role.get("per_sector") or {}).values() if "taken" in v]:
            texts += [t if isinstance(t, str) else t["tekst"] for t in taken]
    texts = [t for t in texts if not t.startswith("{")]  # the school's own text ({team_taak}): a team's, never plural
    unknown = sorted({first_word(t) for t in texts} - set(PLURAL))
    assert not unknown, unknown


def test_the_plural_changes_every_verb_of_the_subject_and_nothing_else():
    assert (
        plural_sentence("raadpleegt Veilig Thuis als er een vermoeden blijft, en legt het advies vast;")
        == "raadplegen Veilig Thuis als er een vermoeden blijft, en leggen het advies vast;"
    )
    assert plural_sentence("levert de feiten aan, maar is zelf niet bij dat gesprek") == (
        "leveren de feiten aan, maar zijn zelf niet bij dat gesprek"
    )
    assert plural_sentence("bereidt het gesprek voor met X, die het gesprek voert") == (
        "bereiden het gesprek voor met X, die het gesprek voert"
    )


def test_the_aandachtsfunctionaris_is_not_merged_with_the_two_zorgcoordinatoren(schools):
    vechtdal = schools["vechtdal-college"]
    stap3 = page(vechtdal, "stap-3")
    assert "**Regie:** Samira Benali (aandachtsfunctionaris)" in stap3
    stap2 = page(vechtdal, "stap-2")
    assert "**Regie:** de zorgcoördinator van de leerling (onderbouw: Samira Benali, bovenbouw: Ruben de Wit)" in stap2
    for slug in ("stap-2", "stap-3", "stap-4", "wie-doet-wat", "index"):
        assert "aandachtsfunctionaris, zorgcoördinator" not in page(vechtdal, slug)
        assert "zorgcoördinator, aandachtsfunctionaris" not in page(vechtdal, slug)
    taken = page(vechtdal, "wie-doet-wat").split("## Taken per rol")[1]
    assert "### Aandachtsfunctionaris\n\nSamira Benali\n" in taken
    assert "### Zorgcoördinatoren\n\nSamira Benali (zorgcoördinator onderbouw) en Ruben de Wit" in taken
    assert "Regie: de zorgcoördinator van de leerling (onderbouw: Samira Benali, bovenbouw: Ruben de Wit)" in (
        visible_text(poster(vechtdal))
    )


def without_functies(school: School, *keys: str) -> School:
    """Return the school with the people of these roles without a functie (nothing says who has which pupils)."""
    roles = dict(school.roles)
    for key in keys:
        roles[key] = dataclasses.replace(
            roles[key], mensen=[dataclasses.replace(p, functie=None) for p in roles[key].mensen], delen={}
        )
    tv = {
        n: dataclasses.replace(a, regie=roles[a.regie.key], betrokken=[roles[r.key] for r in a.betrokken])
        for n, a in school.taakverdeling.items()
    }
    return dataclasses.replace(school, roles=roles, taakverdeling=tv)


def test_two_people_in_one_role_get_a_plural_title_and_plural_verbs(schools):
    stap4 = page(without_functies(schools["vechtdal-college"], "teamleider", "zorgcoordinator"), "stap-4")
    assert "**Ellen Stam en Kees Brink (teamleiders)**:\n\n- wegen mee en brengen eigen kennis" in stap4
    assert "**Regie: Samira Benali en Ruben de Wit (zorgcoördinatoren)**\n\n- leiden de weging" in stap4
    assert "(teamleider)" not in page(schools["de-brug"], "stap-3")


def test_the_commissie_van_begeleiding_is_shown_as_the_commissie_with_its_chair(schools):
    brug = schools["de-brug"]
    stap2, stap4 = page(brug, "stap-2"), page(brug, "stap-4")
    assert "**Regie:** de commissie van begeleiding (voorzitter: Youssef Amrani)" in stap2
    assert "als de zorgen blijven, in de commissie van begeleiding" not in stap2
    assert "Daarna wordt de leerling besproken in de commissie van begeleiding (CvB)." in stap2
    assert "Weeg in de commissie van begeleiding (CvB) als de afweging lastig is" not in stap4
    assert "De weging gebeurt altijd in de commissie van begeleiding (CvB);" in stap4
    for slug in ("index", "wie-doet-wat", "stap-2", "stap-4", "stap-5"):
        assert "Youssef Amrani (commissie van begeleiding" not in page(brug, slug)
        assert "commissie van begeleiding, aandachtsfunctionaris" not in page(brug, slug)
    assert "### Aandachtsfunctionaris\n" in page(brug, "wie-doet-wat")


def test_participants_get_tasks_that_fit_them(schools):
    regenboog = page(schools["de-regenboog"], "stap-3")  # the vertrouwenspersoon talks with the pupil there
    directeur = regenboog.split("**Henk Bosman (directeur)**:")[1].split("**Iedere andere medewerker**")[0]
    assert "gaat met de leerling in gesprek" not in directeur
    assert "is beschikbaar als de ouders heftig reageren" in directeur
    team = page(schools["de-regenboog"], "stap-2").split("**Het zorgteam van De Regenboog**:")[1].split("**")[0]
    assert "verder observeren" not in team
    assert "bepaalt welke informatie ontbreekt en legt de afspraken vast" in team


def test_informing_existing_help_asks_consent_and_names_no_suspicion_in_step_1(schools):
    regie_2 = page(schools["de-regenboog"], "stap-2").split("## Wie doet wat in deze stap?")[1]
    assert "zo ja, vraagt de ouders om toestemming, deelt dan de zorgen met die hulpverlener" in regie_2
    wissel = page(schools["de-wissel"], "stap-1")
    assert "zo ja, vraagt de ouders om schriftelijke toestemming voor overleg met die hulpverlener" in wissel
    assert "deelt daarin alleen feiten (nog geen vermoeden)" in wissel
    assert "Informeer die hulpverlener dan eerst over de zorgen" not in wissel


@pytest.mark.parametrize("slug", ["vechtdal-college", "de-brug"])
def test_one_person_talks_with_the_parents_about_a_melding(schools, slug):
    stap5 = page(schools[slug], "stap-5")
    regie = stap5.split("**Regie: ")[1].split("**Iedere andere")[0].split("\n\n**")[0]
    # the regie prepares it with the one who holds it; vechtdal (12-20) talks with the pupil first, de-brug
    # (4-20) with the parents first and from 16 with the pupil (review 3, December 2026)
    first = (
        "met de leerling en" if slug == "vechtdal-college" else "met de ouders en, als dat passend is, met de leerling"
    )
    assert "- bespreekt een voorgenomen melding met" not in regie
    assert f"het gesprek over een voorgenomen melding voor, {first}" in regie
    assert "De commissie van begeleiding legt vast wie de melding doet, wie de ouders informeert" not in stap5
    name = schools[slug].aandachtsfunctionaris.naam
    # from 16 the pupil comes first (review December 2026): the label names the pupil too
    label = (  # review 5, A8; a school from 4 to 20 names no order in the label (review 6, B7)
        "Gesprek over een melding (met wie: per leeftijd, zie stap 5)"
        if slug == "de-brug"
        else "Gesprek met de leerling (en bij een minderjarige de ouders) over een melding"
    )
    assert f"{label}: {name} (aandachtsfunctionaris)" in visible_text(poster(schools[slug]))


def test_the_collega_who_noticed_the_signals_is_named_without_an_ambiguous_ze(schools):
    stap1 = page(schools["de-regenboog"], "stap-1")
    assert "bespreekt de signalen met de collega die ze opmerkte en helpt om ze concreet" in stap1
    assert "met wie ze opmerkte" not in stap1


def test_the_poster_names_the_bestuur_contact_and_keeps_the_school_name_whole(schools):
    text = visible_text(poster(schools["de-brug"]))
    assert "Gaat het om een medewerker? Meld het direct bij het bestuur: Marieke Verhoef" in text
    assert "0346 250 180" in text
    assert '<span class="heel">SO/VSO</span> De Brug' in poster(schools["de-brug"])


def test_the_veilig_thuis_number_is_written_as_configured_everywhere(schools):
    for slug in ("stap-2", "begrippen"):
        text = page(schools["de-regenboog"], slug)
        assert "0800-2000" not in text
        assert re.search(r'href="tel:\+318002000" class="tel">0800 2000<', text), slug


def test_a_role_of_several_people_in_a_sentence_about_one_of_them_stays_singular(schools):
    kompas = without_functies(schools["het-kompas"], "intern_begeleider")
    ib = kompas.roles["intern_begeleider"]
    assert ib.plural, "the example needs a role of two people"
    school = dataclasses.replace(kompas, werkwijze={**kompas.werkwijze, "casemanager": ib})
    stap5 = page(school, "stap-5")
    assert f"Dan is de intern begeleider ({ib.namen}) casemanager." in stap5
    assert f"**Casemanager bij hulp zonder melding:** {ib.namen} (intern begeleiders)" in stap5
    # where their functies divide the pupils: the one of the pupil
    ib = schools["het-kompas"].roles["intern_begeleider"]
    school = dataclasses.replace(schools["het-kompas"], werkwijze={**kompas.werkwijze, "casemanager": ib})
    parts = "groep 1 tot en met 4: Esther Kok, groep 5 tot en met 8: Mohamed Bakkali"
    assert f"Dan is de intern begeleider van de leerling ({parts}) casemanager." in page(school, "stap-5")


# A team or group after a label, a colon or a semicolon: "Ook betrokken: de leerkracht; het zorgteam".
MID_SENTENCE_CAPITAL = re.compile(r"(?:\*\* |: |; )(?:De|Het) [a-z]")


@pytest.mark.parametrize("slug", ["de-brug", "de-regenboog", "de-wissel", "het-kompas", "vechtdal-college"])
@pytest.mark.parametrize("output", ["web", "print"])
def test_a_team_or_group_gets_a_capital_only_where_it_starts_an_item(schools, slug, output):
    school = schools[slug]
    names = tuple(p.naam for role in school.roles.values() for p in role.mensen)  # keep their own letters
    for number in range(1, 6):
        found = next(p for p in pages_for(school, CONTENT) if p.slug == f"stap-{number}")
        markdown = html.unescape(render_page(found, school, CONTENT, TEMPLATES, output))
        box = markdown.split('<div class="wie" markdown="1">')[1].split("</div>")[0]
        assert not MID_SENTENCE_CAPITAL.search(box), (number, box)
        regie = markdown.split("## Wie doet wat in deze stap?")[1].split("\n\n")[1]
        assert not MID_SENTENCE_CAPITAL.search(regie), (number, regie)
        # a party heading of its own ("**De mentor**:") starts an item and keeps its capital
        for heading in re.findall(r"^\*\*(.+)\*\*:$", markdown.split("## Wie doet wat in deze stap?")[1], re.M):
            assert heading[:1].isupper() or heading.startswith(names), (number, heading)
    wie = visible_text(poster(school)).split("Beslissen over melden en hulp")[0]
    assert not MID_SENTENCE_CAPITAL.search(wie), wie
    # in the table of Wie doet wat each party starts a line of a cell: with a capital
    table = page(school, "wie-doet-wat").split("## Taakverdeling per stap")[1].split("</div>")[0]
    for row in re.findall(r"^\| \[.*$", table, re.M):
        for cell in row.strip("|").split(" | ")[1:]:
            assert all(line[:1].isupper() or line.startswith(names) for line in cell.strip().split("<br>")), row


def test_a_template_must_say_whether_a_party_starts_an_item(schools):
    env = environment(TEMPLATES)
    template = env.from_string('{% import "handbook/_macros.md.j2" as m %}{{ m.who_group(roles) }}')
    with pytest.raises(TypeError, match="capital"):
        template.render(roles=[schools["de-brug"].roles["leerkracht"]])


def test_a_team_is_headed_by_its_own_name_and_called_the_ondersteuningsteam_once(schools):
    brug = page(schools["de-brug"], "wie-doet-wat").split("## Taken per rol")[1]
    heading = (
        "### Commissie van begeleiding (CvB)\n\nHet ondersteuningsteam van de school; voorzitter: Youssef Amrani.\n"
    )
    assert heading in brug
    assert "Ondersteuningsteam en commissie van begeleiding" not in brug
    assert brug.count("### Commissie van begeleiding") == 1
    items = re.findall(r"^- (.*)$", brug.split("### Commissie van begeleiding (CvB)")[1].split("###")[0], re.M)
    # the standard first task of an ondersteuningsteam overlaps the commissie's own first task
    assert len(items) == 6 and items[0].startswith("De commissie van begeleiding (CvB) "), items
    vechtdal = page(schools["vechtdal-college"], "wie-doet-wat").split("## Taken per rol")[1]
    assert "### Zorg- en adviesteam (ZAT)\n\nHet ondersteuningsteam van de school.\n" in vechtdal
    # named "ondersteuningsteam" already: no line to say so
    kompas = page(schools["het-kompas"], "wie-doet-wat").split("## Taken per rol")[1]
    assert "### Ondersteuningsteam (OT)\n\n- Het ondersteuningsteam (OT) bespreekt" in kompas


def test_the_teamleider_of_an_so_vso_school_leads_leerkrachten_not_mentoren(schools):
    brug = schools["de-brug"]
    for slug in ("wie-doet-wat", "ik-ben-teamleider"):
        text = page(brug, slug)
        assert "mentoren en docenten" not in text, slug
        assert "leiding aan de leerkrachten van een afdeling" in text, slug
    assert "leiding aan de mentoren en docenten van een afdeling" in page(schools["vechtdal-college"], "wie-doet-wat")


def test_a_title_before_a_name_is_capitalised_only_where_the_party_starts_an_item(schools):
    # de Wissel's orthopedagoog is "dr. Thomas Brouwer"; the title stays on the line of the name.
    ortho = [schools["de-wissel"].roles["orthopedagoog"]]
    assert party_label(ortho, capital=True).startswith("Dr. Thomas Brouwer (")
    assert party_label(ortho, capital=False).startswith("dr. Thomas Brouwer (")
    assert environment(TEMPLATES).filters["partij"](ortho, True).startswith("Dr&#46;\xa0Thomas Brouwer (")
    assert "(voorzitter: dr. Thomas Brouwer)" in page(schools["de-wissel"], "stap-2")


def wie(markdown: str) -> str:
    """The box at the top of a step page: Regie and Ook betrokken."""
    return markdown.split("## Wat doe je?")[0]


def test_who_leads_a_step_is_not_listed_again_as_involved(schools):
    """Review finding 1: dr. Thomas Brouwer chairs the CvB that leads steps 2 and 4, so is not also involved.

    Where the regie is divided over the pupils (Vechtdal's zorgcoördinatoren: onderbouw Samira
    Benali, bovenbouw Ruben de Wit), Samira stays involved as aandachtsfunctionaris: in a
    bovenbouw case Ruben leads and she is not the regie.
    """
    vechtdal, wissel = schools["vechtdal-college"], schools["de-wissel"]
    for slug in ("stap-2", "stap-4"):
        also = [line for line in wie(page(vechtdal, slug)).splitlines() if line.startswith("**Ook betrokken")]
        assert also and "Samira Benali (aandachtsfunctionaris)" in also[0], (slug, also)
        box = wie(page(wissel, slug))
        assert "voorzitter: dr. Thomas Brouwer" in box and "Thomas Brouwer (orthopedagoog" not in box, box
        assert "**dr. Thomas Brouwer" not in page(wissel, slug).split("## Wie doet wat in deze stap?")[1]
    # The zorgcoördinatoren involved in step 3 divide the pupils: "the pupil's zorgcoördinator" takes
    # part, which is Ruben de Wit for a bovenbouw pupil only (review, December 2026: naming Ruben alone
    # put the bovenbouw's zorgcoördinator at the table for every pupil).
    stap3 = page(vechtdal, "stap-3")
    also = next(line for line in wie(stap3).splitlines() if line.startswith("**Ook betrokken"))
    assert "de zorgcoördinator van de leerling (onderbouw: Samira Benali, bovenbouw: Ruben de Wit)" in also, also
    assert "**Ruben de Wit (zorgcoördinator" not in stap3
    wdw = page(vechtdal, "wie-doet-wat").split("## Taakverdeling per stap")[1].split("\n\n**")[0]
    row3 = next(line for line in wdw.splitlines() if line.startswith("| [3."))
    assert "bovenbouw: Ruben de Wit" in row3 and "| Ruben de Wit (zorgcoördinator" not in row3, row3


def test_someone_who_shares_the_regie_reads_so_on_their_own_page(schools):
    vechtdal = schools["vechtdal-college"]
    af = page(vechtdal, "ik-ben-aandachtsfunctionaris")
    stap2 = af.split("### Stap 2")[1].split("### Stap 3")[0]
    # The regie is divided over the pupils: hers for the onderbouw, Ruben de Wit's for the bovenbouw,
    # where she takes part (review, December 2026: the page gave her the regie for every pupil).
    own, rest = stap2.split("**Bij de andere leerlingen**")
    assert "**Bij een leerling uit jouw deel (onderbouw) heb je de regie.**" in own, stap2
    assert "- brengt de leerling in bij het zorg- en adviesteam (ZAT) en zorgt voor een verslag." in own
    assert rest.startswith(" ligt de regie bij Ruben de Wit (zorgcoördinator bovenbouw); dan ben je betrokken."), rest
    assert "- denkt mee over de betekenis van de signalen" in rest and "brengt de leerling in" not in rest, rest
    ortho = page(schools["de-wissel"], "ik-ben-orthopedagoog").split("### Stap 4")[1].split("### Stap 5")[0]
    assert "**Je deelt de regie**; die ligt bij de commissie van begeleiding (CvB) (voorzitter" not in ortho
    assert "**Je deelt de regie**; die ligt bij de commissie van begeleiding" in ortho, ortho


def taken_per_rol(school: School, heading: str) -> str:
    """One entry of "Taken per rol" on Wie doet wat, from its heading to the next."""
    taken = page(school, "wie-doet-wat").split("## Taken per rol")[1]
    return taken.split(f"### {heading}\n")[1].split("\n### ")[0]


def test_the_team_gets_the_schools_own_task_and_the_groot_team_an_entry(schools):
    """Review finding 3: het Kompas's OT meets internally; the groot OT brings in outsiders."""
    kompas = schools["het-kompas"]
    ot = taken_per_rol(kompas, "Ondersteuningsteam (OT)")
    assert "deskundigen van binnen en buiten de school" not in ot
    assert (
        "- Het ondersteuningsteam (OT) bespreekt wekelijks de zorgen over leerlingen,"
        " met de intern begeleiders en de zorgcoördinator." in ot
    )
    groot = taken_per_rol(kompas, "Groot ondersteuningsteam")
    assert "- Het groot ondersteuningsteam weegt lastige situaties samen met de schoolmaatschappelijk werker" in groot
    # a school without its own description keeps the standard task
    assert "met deskundigen van buiten de school" in taken_per_rol(schools["de-regenboog"], "Zorgteam van De Regenboog")


def test_a_team_is_named_once_in_full_then_by_its_abbreviation(schools):
    """Review finding 4: one line under the heading, the CvB introduced once, no overlapping first task."""
    regenboog = taken_per_rol(schools["de-regenboog"], "Zorgteam van De Regenboog")
    assert regenboog.startswith("\nHet ondersteuningsteam van de school.\n{: .namen }"), regenboog
    for slug in ("de-brug", "de-wissel"):
        cvb = taken_per_rol(schools[slug], "Commissie van begeleiding (CvB)")
        chair = "Youssef Amrani" if slug == "de-brug" else "dr. Thomas Brouwer"
        assert f"\nHet ondersteuningsteam van de school; voorzitter: {chair}.\n" in cvb, cvb
        items = [line for line in cvb.splitlines() if line.startswith("- ")]
        assert items[0].startswith("- De commissie van begeleiding (CvB) ")
        assert all(item.startswith("- De CvB ") for item in items[1:]), items
        assert not any("bespreekt zorgen over leerlingen met deskundigen" in item for item in items)
        own = page(schools[slug], "ik-ben-commissie-van-begeleiding").split("## Jouw taken")[1].split("##")[0]
        items = [line for line in own.splitlines() if line.startswith("- ")]
        assert items[0].startswith("- De commissie van begeleiding (CvB) ") and items[1].startswith("- De CvB "), items
    zat = taken_per_rol(schools["vechtdal-college"], "Zorg- en adviesteam (ZAT)")
    assert "- Het zorg- en adviesteam (ZAT) komt elke drie weken" in zat and "- Het ZAT helpt" in zat


def test_a_short_name_is_only_made_of_an_abbreviation_in_brackets():
    from meldcode.grammar import short_name

    assert short_name("de commissie van begeleiding (CvB)") == "de CvB"
    assert short_name("het ondersteuningsteam (OT)") == "het OT"
    assert short_name("het zorgteam van De Regenboog") == "het zorgteam van De Regenboog"
    assert short_name("het team (voor de onderbouw)") == "het team (voor de onderbouw)"


def test_people_who_divide_the_pupils_are_named_with_their_part_and_one_acts(schools):
    """Review finding 2: which of the two zorgcoördinatoren takes a case, from their functies."""
    vechtdal = schools["vechtdal-college"]
    stap4 = page(vechtdal, "stap-4")
    regie = "de zorgcoördinator van de leerling (onderbouw: Samira Benali, bovenbouw: Ruben de Wit)"
    assert f"**Regie:** {regie}" in stap4
    assert f"**Regie: {regie}**\n\n- leidt de weging" in stap4
    teamleider = "De teamleider van de leerling (onderbouw: Ellen Stam, bovenbouw: Kees Brink)"
    assert f"**{teamleider}**:\n\n- weegt mee en brengt eigen kennis" in stap4
    assert f"Regie: {regie}" in page(vechtdal, "index")
    kompas = page(schools["het-kompas"], "stap-1")
    assert (
        "**Regie:** de intern begeleider van de leerling"
        " (groep 1 tot en met 4: Esther Kok, groep 5 tot en met 8: Mohamed Bakkali)" in kompas
    )
    # Taken per rol still introduces them together, with their functies
    taken = taken_per_rol(vechtdal, "Zorgcoördinatoren")
    assert "Samira Benali (zorgcoördinator onderbouw) en Ruben de Wit (zorgcoördinator bovenbouw)" in taken
    assert "- De zorgcoördinatoren coördineren de ondersteuning" in taken


def test_people_are_divided_only_where_their_functies_say_how():
    from meldcode.load import _split
    from meldcode.model import Person

    info = {"titel": "Zorgcoördinator", "verdeeld": True}
    a, b = Person("A", "zorgcoördinator onderbouw"), Person("B", "zorgcoördinator bovenbouw")
    assert _split(info, [a, b]) == {"A": ("zorgcoördinator", "onderbouw"), "B": ("zorgcoördinator", "bovenbouw")}
    assert _split({**info, "verdeeld": False}, [a, b]) == {}
    assert _split(info, [a, Person("B", "zorgcoördinator onderbouw")]) == {}  # the same part
    assert _split(info, [a, Person("B", "docent en zorgcoördinator")]) == {}  # no part
    assert _split(info, [a, Person("B")]) == {}


def test_a_person_is_named_with_the_title_of_their_own_functie(schools):
    """Review finding 5: 'Ingrid Smulders (jeugdverpleegkundige)', not '(jeugdarts of jeugdverpleegkundige)'."""
    regenboog = page(schools["de-regenboog"], "stap-2")
    assert (
        "**Ook betrokken:** de leerkracht; het zorgteam van De Regenboog; Ingrid Smulders (jeugdverpleegkundige)"
        in (regenboog)
    )
    assert "Karin Lammers (jeugdarts)" in page(schools["de-wissel"], "stap-2")
    assert "**Regie:** Joris Hazenberg (rector)" in page(schools["vechtdal-college"], "stap-5")
    # the role itself takes the title when its one person carries it: "neemt de rector" (review 6, B3)
    assert "neemt de rector (Joris Hazenberg)" in page(schools["vechtdal-college"], "wie-doet-wat")
    shown = re.sub(r"\]\([^)]*\)", "]", page(schools["vechtdal-college"], "wie-doet-wat"))  # not the link targets
    assert "directeur" not in shown
    # a functie that is not a title of the role says nothing about it
    vp = schools["de-regenboog"].roles["vertrouwenspersoon"]
    assert vp.mensen[0].functie == "leerkracht groep 6" and vp.own_title(vp.mensen[0]) == "vertrouwenspersoon"
    leerplicht = schools["vechtdal-college"].roles["leerplicht"]  # 'leerplichtambtenaar en RMC-consulent ...'
    assert leerplicht.own_title(leerplicht.mensen[0]) == "leerplichtambtenaar of RMC-consulent"


def test_a_schoolarts_is_named_as_such_not_as_jeugdarts_of_jeugdverpleegkundige(schools):
    """Seed review (Luc Stevensschool): Tom Brink's functie is 'schoolarts', an older name of the jeugdarts."""
    role = schools["de-wissel"].roles["jeugdarts"]
    person = dataclasses.replace(role.mensen[0], functie="schoolarts")
    assert role.own_title(person) == "schoolarts"
