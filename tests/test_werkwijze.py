"""Every werkwijze choice changes the text of the website and the PDF.

The example schools between them use every choice, with different values (see
schools/); their site and PDFs are built once per session (conftest.example_site).
The rest is checked by rendering pages directly, which is cheap.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, copy_schools, pdf_page_texts, visible_text, without_werkwijze

from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.model import School
from meldcode.pages import pages_for, render_page

TEMPLATES = ROOT / "templates"
CONTENT = load_content(TEMPLATES)

# (school, value it shows, page, text on that page of the website and somewhere in the handbook PDF)
BOTH_OUTPUTS = [
    (
        "de-regenboog",
        "gesprek_ouders.voert",
        "stap-3",
        "Het gesprek met de ouders voert de intern begeleider (Fatima el Amrani)",
    ),
    (
        "de-regenboog",
        "gesprek_ouders.leerkracht: nooit",
        "stap-3",
        "De leerkracht is niet bij het gesprek met de ouders.",
    ),
    (
        "het-kompas",
        "gesprek_ouders.leerkracht: standaard",
        "stap-3",
        "De leerkracht is bij het gesprek met de ouders, want die kent de leerling het best.",
    ),
    ("de-wissel", "gesprek_ouders.leerkracht: in_overleg", "stap-3", "Overweeg of de leerkracht erbij is."),
    (
        "de-regenboog",
        "gesprek_leerling.voert",
        "stap-3",
        "Het gesprek met de leerling voert de vertrouwenspersoon (Sanne de Graaf).",
    ),
    (
        "de-regenboog",
        "gesprek_leerling.aanpak: leerling_begint",
        "stap-3",
        "begin zelf niet over een vermoeden van geweld of mishandeling. Begint de leerling er zelf over?",
    ),
    (
        "het-kompas",
        "gesprek_leerling.aanpak: school_begint",
        "stap-3",
        "Praat ook met de leerling als dat past bij leeftijd en ontwikkeling. Stel open vragen",
    ),
    (
        "de-regenboog",
        "veilig_thuis_raadplegen: verplicht_bij_vermoeden",
        "stap-2",
        "Dan raadpleeg je Veilig Thuis. Op OBS De Regenboog is dat verplicht",
    ),
    (
        "de-regenboog",
        "veilig_thuis_raadplegen: verplicht_bij_vermoeden",
        "stap-4",
        "raadpleegt Veilig Thuis als er een vermoeden blijft.",
    ),
    (
        "het-kompas",
        "veilig_thuis_raadplegen: bij_twijfel",
        "stap-4",
        "Twijfel je of er een vermoeden is, of hoe je moet wegen? Vraag dan advies aan Veilig Thuis.",
    ),
    (
        "de-regenboog",
        "bestuur_informeren.wanneer: vermoeden",
        "stap-4",
        "(vraag 1 van het afwegingskader)? Dan informeert de directeur (Henk Bosman) het bestuur.",
    ),
    (
        "de-regenboog",
        "bestuur_informeren.wanneer: melding",
        "stap-5",
        "Doe je een melding, dan informeert de directeur (Henk Bosman) het bestuur.",
    ),
    (
        "het-kompas",
        "bestuur_informeren.wanneer: geen_oudergesprek",
        "stap-3",
        "Gaat het gesprek met de ouders niet door? Dan informeert de zorgcoördinator (Pieter van Leeuwen) het bestuur",
    ),
    ("het-kompas", "ondersteuningsteam.groot", "stap-2", "Bespreek de leerling dan in het groot ondersteuningsteam."),
    (
        "het-kompas",
        "ondersteuningsteam.groot",
        "stap-4",
        "Is de afweging lastig? Weeg dan in het groot ondersteuningsteam; met naam alleen met",
    ),
    (
        "het-kompas",
        "ondersteuningsteam.groot_taak",
        "wie-doet-wat",
        "Het groot ondersteuningsteam weegt lastige situaties samen met",
    ),
    (
        "de-wissel",
        "ondersteuningsteam.taak",
        "wie-doet-wat",
        "stelt bij zorgen over veiligheid samen een plan van aanpak op en verdeelt de taken.",
    ),
    (
        "de-regenboog",
        "ondersteuningsteam.toestemming: extern",
        "stap-2",
        "het samenwerkingsverband, vraag je de ouders om toestemming, en waar Veilig Thuis voorgaat pas na overleg",
    ),
    (
        "de-wissel",
        "ondersteuningsteam.toestemming: extern_schriftelijk",
        "stap-2",
        "het samenwerkingsverband, vraag je de ouders om schriftelijke toestemming, en waar Veilig Thuis voorgaat",
    ),
    (
        "het-kompas",
        "ondersteuningsteam.toestemming: groot_team_schriftelijk",
        "stap-2",
        "Voor een bespreking met naam in het groot ondersteuningsteam of met andere deskundigen",
    ),
    (
        "de-wissel",
        "bestaande_hulp.stap: 1",
        "stap-1",
        "Is het buurtteam al bij het gezin betrokken? Dan vraagt de aandachtsfunctionaris (Naima Ouali) de ouders"
        " om schriftelijke toestemming om met",
    ),
    (
        "de-regenboog",
        "bestaande_hulp.stap: 2",
        "stap-2",
        "Is het buurtteam al bij het gezin betrokken? Dan vraagt de aandachtsfunctionaris (Fatima el Amrani) de ouders"
        " om toestemming om de zorgen",
    ),
    (
        "het-kompas",
        "bestaande_hulp.stap: 3",
        "stap-3",
        "Is het Centrum voor Jeugd en Gezin al bij het gezin betrokken? Dan vraagt",
    ),
    (
        "de-regenboog",
        "bestaande_hulp.informeert",
        "stap-2",
        "Bestaande hulp informeren: Fatima el Amrani (aandachtsfunctionaris)",
    ),
    (
        "het-kompas",
        "bestaande_hulp",
        "stap-5",
        "al bij het gezin betrokken? Bouw de hulp dan samen met die hulpverlener uit",
    ),
    (
        "de-regenboog",
        "melding_ouders_informeren",
        "stap-5",
        "Het gesprek over de voorgenomen melding voert de directeur (Henk Bosman).",
    ),
    (
        "het-kompas",
        "melding_ouders_informeren",
        "stap-5",
        "Het gesprek over de voorgenomen melding voert de zorgcoördinator (Pieter van Leeuwen).",
    ),
    ("de-regenboog", "casemanager", "stap-5", "Dan is de intern begeleider (Fatima el Amrani) casemanager."),
    ("de-wissel", "casemanager", "stap-5", "Dan is de schoolmaatschappelijk werker (Naima Ouali) casemanager."),
    (
        "het-kompas",
        "casemanager",
        "afwegingskader",
        "De zorgcoördinator (Pieter van Leeuwen) is casemanager; spreek af wie verder wat doet.",
    ),
]

# (school, role page, text): the "Ik ben" pages (website only)
IK_BEN = [
    ("de-regenboog", "ik-ben-leerkracht", "Je bent niet bij het gesprek met de ouders in stap 3."),
    ("het-kompas", "ik-ben-leerkracht", "Je bent bij het gesprek met de ouders in stap 3, tenzij"),
    ("de-regenboog", "ik-ben-intern-begeleider", "Jij voert in stap 3 het gesprek met de ouders."),
    ("de-regenboog", "ik-ben-leerkracht", "Begin in een gesprek met een leerling zelf niet over een vermoeden"),
    ("de-regenboog", "ik-ben-aandachtsfunctionaris", "raadpleegt Veilig Thuis als er een vermoeden blijft."),
    ("het-kompas", "ik-ben-zorgcoordinator", "brengt de leerling zo nodig in bij het groot ondersteuningsteam."),
    (
        "het-kompas",
        "ik-ben-zorgcoordinator",
        "schriftelijke toestemming voor bespreking in het groot ondersteuningsteam",
    ),
    (
        "de-regenboog",
        "ik-ben-aandachtsfunctionaris",
        "Veilig Thuis houdt dan voor het gezin geheim wie er meldde (Uitvoeringsbesluit",
    ),
    ("de-regenboog", "ik-ben-intern-begeleider", "Jij bent casemanager als de school zelf hulp organiseert"),
    ("de-regenboog", "ik-ben-vertrouwenspersoon", "Jij voert in stap 3 het gesprek met de leerling."),
    (
        "de-regenboog",
        "ik-ben-aandachtsfunctionaris",
        "Is het buurtteam al bij het gezin betrokken? Dan informeer jij die hulpverlener in stap 2, met"
        " toestemming van de ouders; zonder toestemming overleg je alleen anoniem. De meldcode loopt intussen door",
    ),
    (
        "het-kompas",
        "ik-ben-zorgcoordinator",
        "Jij bespreekt een voorgenomen melding bij Veilig Thuis met de ouders en, als dat passend is, met de leerling,",
    ),
    (
        "het-kompas",
        "ik-ben-zorgcoordinator",
        "Jij informeert het bestuur bij een melding bij Veilig Thuis en als het gesprek met de ouders",
    ),
    (
        "het-kompas",
        "ik-ben-schoolmaatschappelijk-werker",
        "Jij voert in stap 3 het gesprek met de ouders, samen met de zorgcoördinator",
    ),
    ("de-wissel", "ik-ben-schoolmaatschappelijk-werker", "Jij bent casemanager als de school zelf hulp organiseert"),
]


def flat(text: str) -> str:
    """Whitespace folded, hyphenation at line ends undone (the PDF hyphenates)."""
    text = " ".join(text.split())
    return re.sub(r"(\w)[-\u2010] (\w)", r"\1\2", text)


def pdf_text(path: Path) -> str:
    return flat(" ".join(pdf_page_texts(path)))


@pytest.mark.parametrize("slug,choice,page,text", BOTH_OUTPUTS, ids=[f"{s}-{c}-{p}" for s, c, p, _ in BOTH_OUTPUTS])
def test_a_choice_shows_on_the_website_and_in_the_pdf(example_site, slug, choice, page, text):
    html = (example_site / slug / f"{page}.html").read_text(encoding="utf-8")
    assert text in visible_text(html), f"{choice} not on {slug}/{page}"
    assert flat(text) in pdf_text(example_site / slug / f"meldcode-{slug}.pdf"), f"{choice} not in the PDF of {slug}"


@pytest.mark.parametrize("slug,page,text", IK_BEN, ids=[f"{s}-{p}" for s, p, _ in IK_BEN])
def test_a_choice_shows_on_the_ik_ben_page_of_the_role_it_names(example_site, slug, page, text):
    html = (example_site / slug / f"{page}.html").read_text(encoding="utf-8")
    assert text in visible_text(html)


def test_choices_that_differ_between_schools_give_different_texts(example_site):
    def step(slug: str, n: int) -> str:
        return visible_text((example_site / slug / f"stap-{n}.html").read_text(encoding="utf-8"))

    assert "Vraag bij twijfel altijd advies aan Veilig Thuis." not in step("de-regenboog", 4)
    assert "Overweeg of de leerkracht erbij is." not in step("de-regenboog", 3) + step("het-kompas", 3)
    # het-kompas informs the bestuur at a melding and when step 3 is skipped, not at a suspicion
    assert "het bestuur op de hoogte" not in step("het-kompas", 4)


# Direct rendering: cheap checks on choices the examples do not cover.


@pytest.fixture(scope="module")
def school_with(tmp_path_factory):
    """Return a function: the minimal school with extra YAML appended to its file, loaded."""
    base = tmp_path_factory.mktemp("werkwijze")

    def load(extra: str, stichting_extra: str = "", board_werkwijze: bool = True) -> tuple[School | None, list]:
        folder = base / f"s{len(list(base.iterdir()))}"
        folder.mkdir()
        school_file = folder / "minimaal.yaml"
        school_file.write_text(
            (FIXTURES / "good" / "minimal.yaml").read_text(encoding="utf-8") + extra, encoding="utf-8"
        )
        schools = copy_schools(folder, school_file, with_examples=False)
        path = schools / "_stichting.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text((text if board_werkwijze else without_werkwijze(text)) + stichting_extra, encoding="utf-8")
        config = load_config(schools, TEMPLATES)
        return (config.schools[0] if config.schools else None), config.problems

    return load


def page_markdown(school: School, slug: str, output: str = "web") -> str:
    page = next(p for p in pages_for(school, CONTENT) if p.slug == slug)
    return render_page(page, school, CONTENT, TEMPLATES, output)


def page_text(school: School, slug: str, output: str = "web") -> str:
    """The page's Markdown with our character references decoded, to compare with plain text."""
    return html.unescape(page_markdown(school, slug, output))


def test_a_school_overrides_one_key_and_keeps_the_boards_other_keys(school_with):
    school, problems = school_with("werkwijze:\n  gesprek_ouders:\n    leerkracht: nooit\n")
    assert not problems
    assert school.werkwijze["gesprek_ouders.leerkracht"] == "nooit"
    assert school.werkwijze["veilig_thuis_raadplegen"] == "verplicht_bij_vermoeden"  # from the example stichting
    assert school.werkwijze["bestuur_informeren.door"].key == "directeur"


def test_another_role_informing_the_bestuur_shows_in_steps_roles_and_kader(school_with):
    school, problems = school_with(
        "werkwijze:\n  bestuur_informeren:\n    door: aandachtsfunctionaris\n    wanneer: [vermoeden]\n"
    )
    assert not problems
    assert "Dan informeert de aandachtsfunctionaris (Petra Pieters) het bestuur." in page_text(school, "stap-4")
    assert "Informeer de directeur" not in page_text(school, "stap-5")  # the directeur leads step 5 himself
    kader = page_text(school, "afwegingskader", "print")
    assert "De aandachtsfunctionaris (Petra Pieters) informeert het bestuur." in kader
    wie = page_text(school, "wie-doet-wat")
    assert "informeert het bestuur bij een melding" not in wie  # not the directeur's task any more
    assert "Het bestuur wordt door de aandachtsfunctionaris (Petra Pieters) geïnformeerd bij een vermoeden" in wie
    ik = page_text(school, "ik-ben-aandachtsfunctionaris")
    assert "Jij informeert het bestuur bij een vermoeden van huiselijk geweld" in ik


def test_explicit_standard_values_give_the_standard_text(school_with):
    school, problems = school_with(
        "werkwijze:\n  gesprek_ouders:\n    leerkracht: in_overleg\n  gesprek_leerling:\n    aanpak: school_begint\n"
        "  veilig_thuis_raadplegen: bij_twijfel\n  ondersteuningsteam:\n    toestemming: extern\n",
        board_werkwijze=False,
    )
    assert not problems
    golden = FIXTURES / "expected" / "minimal" / "web"
    for step in (2, 3, 4):
        standard = (golden / f"stap-{step}.md").read_text(encoding="utf-8")
        assert page_markdown(school, f"stap-{step}").replace("OBS Minimaal", "") == standard.replace("OBS Minimaal", "")


def test_a_role_the_school_lacks_in_the_boards_werkwijze_names_the_school(school_with):
    _, problems = school_with("", "werkwijze:\n  casemanager: intern_begeleider\n", board_werkwijze=False)
    (problem,) = problems
    assert problem.file == "schools/_stichting.yaml" and problem.field == "werkwijze.casemanager"
    assert "bestaat niet bij schools/minimaal.yaml" in problem.message


def test_the_bestuur_cannot_be_the_one_who_informs_the_bestuur(school_with):
    _, problems = school_with("werkwijze:\n  bestuur_informeren:\n    door: bestuur\n")
    assert [p.field for p in problems] == ["werkwijze.bestuur_informeren.door"]


def test_conditions_in_our_content_name_only_real_choices(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(TEMPLATES / "data", data)
    stappen = data / "stappen.yaml"
    stappen.write_text(
        stappen.read_text(encoding="utf-8").replace("{casemanager: gekozen}", "{casemanger: gekozen}", 1)
    )
    from meldcode.content import load_content as fresh

    with pytest.raises(ValueError, match="casemanger"):
        fresh.__wrapped__(tmp_path)


def test_the_poster_shows_the_choices_that_apply_to_it(example_site):
    regenboog = pdf_text(example_site / "de-regenboog" / "poster-de-regenboog.pdf")
    kompas = pdf_text(example_site / "het-kompas" / "poster-het-kompas.pdf")
    assert "Raadpleeg altijd Veilig Thuis." in regenboog and "Raadpleeg altijd Veilig Thuis." not in kompas
    assert "De leerkracht is niet bij het gesprek met de ouders." in regenboog
    assert "Gesprek met de ouders: Fatima el Amrani (intern begeleider)" in regenboog
    assert "Casemanager bij hulp zonder melding: Pieter van Leeuwen (zorgcoördinator)" in kompas
    assert "Gesprek met de leerling: Sanne de Graaf (vertrouwenspersoon)" in regenboog
