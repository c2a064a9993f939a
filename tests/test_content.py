"""What the handbook says: sector and age texts, the appendices, and the editorial fixes of issue 12."""

from __future__ import annotations

import re
import shutil
from functools import cache
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, SLUGS, pdf_page_texts, visible_text
from pypdf import PdfReader

from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.pages import pages_for, render_page

TEMPLATES = ROOT / "templates"
CONTENT = load_content(TEMPLATES)
VO, SO_ADULTS, PRIMARY = "vechtdal-college", "de-brug", ("de-regenboog", "het-kompas")
APPENDICES = {"signalenlijst": "Signalenlijst", "gesprekstips": "Tips voor het gesprek", "bronnen": "Bronnen"}

# Texts only a school with pupils of that kind may show.
VO_TEXTS = ["In het voortgezet onderwijs", "Sexting en sextortion", "Uitbuiting en loverboys", "de mentor"]
ADULT_TEXTS = [
    "18 jaar en ouder",
    "16 en 17 jaar",
    "curator of wettelijk mentor",
    "spreek je niet meer van kindermishandeling. Geweld door iemand uit de huiselijke kring is dan huiselijk geweld",
]

# Sentences a reviewer quoted from the built examples (issue 12); none may come back.
QUOTED = [
    "Het onderwijsondersteunend personeel schrijft op wat je ziet",
    "Blijf er voor de leerling, houd het logboek bij",
    "vóór een besluit in stap 5 zijn ze alle vijf gezet",
    "Laat letsel beoordelen",
    "voor Luc Stevensschool",
]


@cache
def site_text(site: Path, slug: str) -> str:
    """All visible text of one school's website."""
    return "\n".join(visible_text(p.read_text(encoding="utf-8")) for p in sorted((site / slug).glob("*.html")))


@cache
def pdf_reader(site: Path, slug: str) -> PdfReader:
    return PdfReader(site / slug / f"meldcode-{slug}.pdf")


@cache
def pdf_text(site: Path, slug: str) -> str:
    text = " ".join(" ".join(page.split()) for page in pdf_page_texts(site / slug / f"meldcode-{slug}.pdf"))
    # Join words the layout hyphenated at a line end ("kinder- mishandeling").
    return re.sub(r"[-\u2010]\s+(?=[a-zà-ÿ])", "", text.replace("\u00ad", ""))


@pytest.mark.parametrize("slug", [VO, SO_ADULTS])
def test_vo_and_adult_pupil_schools_get_their_texts_on_site_and_in_pdf(example_site, slug):
    texts = ADULT_TEXTS + (VO_TEXTS if slug == VO else ["Sexting en sextortion"])
    for text in texts:
        assert text in site_text(example_site, slug), text
        assert text in pdf_text(example_site, slug), text


@pytest.mark.parametrize("slug", PRIMARY)
def test_primary_schools_get_no_vo_or_adult_texts(example_site, slug):
    for text in VO_TEXTS + ADULT_TEXTS:
        assert text not in site_text(example_site, slug), text
        assert text not in pdf_text(example_site, slug), text


def test_the_vo_school_names_the_mentor_and_docent_and_the_vo_law(example_site):
    text = site_text(example_site, VO)
    assert "Ik ben docent" in text and "Ik ben mentor" in text
    assert "Wet voortgezet onderwijs 2020" in text
    so_intro = visible_text((example_site / SO_ADULTS / "inleiding.html").read_text(encoding="utf-8"))
    assert "Wet op de expertisecentra" in so_intro and "Wet op het primair onderwijs" not in so_intro


@pytest.mark.parametrize("slug", SLUGS)
def test_every_school_has_the_appendices_on_site_and_in_pdf_contents_and_bookmarks(example_site, slug):
    for page, title in APPENDICES.items():
        html = (example_site / slug / f"{page}.html").read_text(encoding="utf-8")
        assert re.search(rf"<h1[^>]*>{title}</h1>", html), page
    reader = pdf_reader(example_site, slug)
    bookmarks = [item.title for item in reader.outline if not isinstance(item, list)]
    pages = pdf_page_texts(example_site / slug / f"meldcode-{slug}.pdf")
    toc = next(text for text in pages if re.search(r"(?m)^Inhoud$", text))  # below the running head
    for title in APPENDICES.values():
        assert title in bookmarks, (title, bookmarks)
        assert title in toc, title
    # The appendices come before the forms, which end the handbook.
    assert bookmarks.index("Bronnen") < next(i for i, t in enumerate(bookmarks) if "Logboek" in t)


@pytest.mark.parametrize("slug", SLUGS)
def test_no_quoted_sentence_of_the_review_remains(example_site, slug):
    for text in (site_text(example_site, slug), pdf_text(example_site, slug)):
        for sentence in QUOTED:
            assert sentence not in text, sentence


@pytest.mark.parametrize("slug", ["de-brug", "de-regenboog", "vechtdal-college"])
def test_step_5_box_gives_each_line_its_own_paragraph(example_site, slug):
    html = (example_site / slug / "stap-5.html").read_text(encoding="utf-8")
    box = html[html.index('<div class="wie">') :].split("</div>", 1)[0]
    assert "<p><strong>Eindverantwoordelijk voor het besluit over melden:</strong>" in box
    assert "<p><strong>Melding doen:</strong>" in box


@pytest.fixture(scope="module")
def luc_stevens(tmp_path_factory):
    schools = tmp_path_factory.mktemp("luc") / "schools"
    schools.mkdir()
    shutil.copy(ROOT / "schools" / "_stichting.yaml", schools)
    shutil.copy(ROOT / "schools" / "logo-vechtdal.svg", schools)
    shutil.copy(FIXTURES / "good" / "luc-stevensschool.yaml", schools)
    config = load_config(schools, TEMPLATES)
    assert not config.problems, config.problems
    return config.schools[0]


def test_running_text_names_the_school_with_its_article(luc_stevens):
    for output in ("web", "print"):
        text = "\n".join(
            render_page(p, luc_stevens, CONTENT, TEMPLATES, output) for p in pages_for(luc_stevens, CONTENT)
        )
        assert "de Luc Stevensschool" in text
        bare = re.findall(r"\b(?:voor|op|van|die|heeft) Luc Stevensschool", text)
        assert not bare, bare


def test_speciaal_onderwijs_without_ages_counts_in_the_vso_up_to_20(luc_stevens):
    assert luc_stevens.leeftijd == (4, 20)
    assert luc_stevens.zestien and luc_stevens.volwassenen and luc_stevens.primair
    page = next(p for p in pages_for(luc_stevens, CONTENT) if p.slug == "dossier-en-privacy")
    text = render_page(page, luc_stevens, CONTENT, TEMPLATES, "web")
    assert "18 jaar en ouder" in text and "Jonger dan 16" in text


def test_staff_member_route_gives_the_bevoegd_gezag_its_whole_duty(example_site):
    text = (example_site / "de-regenboog" / "signalen-over-medewerker.html").read_text(encoding="utf-8")
    text = visible_text(text)
    for duty in (
        "overlegt direct met een vertrouwensinspecteur",
        "doet aangifte bij de politie",
        "informeert vooraf",
        "neemt maatregelen zolang het onderzoek loopt",
        "zorgt voor de leerling",
        "Ga niet zelf op onderzoek uit",
        "Meld het direct bij het bestuur",
    ):
        assert duty in text, duty
    assert "leerling van 18 of ouder" not in text  # a primary school has no adult pupils


def test_professionele_norm_is_named_where_meldrecht_is_explained(example_site):
    for page in ("inleiding", "afwegingskader", "begrippen"):
        text = visible_text((example_site / "het-kompas" / f"{page}.html").read_text(encoding="utf-8"))
        assert "professionele norm" in text.lower(), page
    start = visible_text((example_site / "het-kompas" / "index.html").read_text(encoding="utf-8"))
    assert "Bij acuut gevaar wacht je niet op de stappen" in start
