"""The print output: table of contents, one-page poster, determinism, accessibility."""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import FIXTURES, ROOT, SLUGS, copy_schools, pdf_page_texts, run_build
from pypdf import PdfReader

from meldcode.content import load_content
from meldcode.load import load_config
from meldcode.pdf import write_poster

TEMPLATES = ROOT / "templates"


def _outline_starts(reader: PdfReader) -> dict[str, int]:
    starts = {}
    for item in reader.outline:
        if isinstance(item, list):
            continue
        number = reader.get_destination_page_number(item)
        assert item.title is not None and number is not None, item
        starts[item.title] = number + 1
    return starts


def test_toc_page_numbers_match_where_chapters_start(example_site):
    reader = PdfReader(example_site / "de-regenboog" / "meldcode-de-regenboog.pdf")
    texts = pdf_page_texts(example_site / "de-regenboog" / "meldcode-de-regenboog.pdf")
    toc_page = next(i for i, text in enumerate(texts) if "Inhoud" in text[:200])
    toc_text = texts[toc_page] + texts[toc_page + 1]
    entries = re.findall(r"^(.+?)[ .]*?(\d+)\s*$", toc_text, re.M)
    starts = _outline_starts(reader)
    checked = 0
    for title, number in entries:
        title = title.rstrip(" .")
        if title in starts:
            assert starts[title] == int(number), title
            page_text = texts[int(number) - 1]
            assert title.split(":")[0] in page_text
            checked += 1
    assert checked >= 15, (entries, starts)


def test_pdf_has_bookmarks_language_structure_and_embedded_fonts(example_site):
    reader = PdfReader(example_site / "de-wissel" / "meldcode-de-wissel.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "nl"
    assert "/StructTreeRoot" in root
    titles = list(_outline_starts(reader))
    assert any(t.startswith("Stap 1") for t in titles) and "Het afwegingskader" in titles
    assert reader.metadata.title.startswith("Meldcode huiselijk geweld")
    assert reader.metadata.author == "Stichting Vechtdal Scholen"
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]))
    assert any("Atkinson" in f for f in fonts)


@pytest.mark.parametrize("slug", SLUGS)
def test_wie_doet_wat_does_not_end_on_a_nearly_empty_page(example_site, slug):
    # Its tables once took four lines a row, and the chapter's last paragraph ran onto a
    # page of its own (the next chapter starts on a new page): a full page holds about 55 lines.
    pages = pdf_page_texts(example_site / slug / f"meldcode-{slug}.pdf")
    chapter = [p for p in pages if re.match(r".*\n+Wie doet wat\n", p)]  # the running head: school, chapter
    lines = [line for line in chapter[-1].splitlines() if line.strip()]
    assert len(lines) >= 14, lines


@pytest.mark.parametrize("slug", SLUGS)
def test_wie_doet_wat_tables_break_names_and_roles_between_words_only(example_site, slug):
    # Narrow columns made WeasyPrint hyphenate them: "(aandachtsfunctiona-|ris)", "Commissie van
    # begelei-|ding". Its hyphenation character is U+2010; a hyphen of the text itself is U+002D.
    text = "\n".join(pdf_page_texts(example_site / slug / f"meldcode-{slug}.pdf"))
    start = text.index("De mensen op")
    tables = text[start : text.index("Het besluit om te melden", start)]
    assert "Taakverdeling per stap" in tables
    assert [line for line in tables.splitlines() if line.endswith("\u2010")] == []


@pytest.mark.parametrize("slug", SLUGS)
def test_a_title_stays_on_the_line_of_its_name(example_site, slug):
    # "voorzitter: dr." | "Thomas Brouwer" (de Wissel's orthopedagoog).
    text = "\n".join(pdf_page_texts(example_site / slug / f"meldcode-{slug}.pdf"))
    assert re.findall(r".*(?<![\w.])(?:dr|drs|mr|ir|ing|prof)\.\n.*", text, flags=re.I) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_an_email_address_breaks_only_before_its_at_sign(example_site, slug):
    # "maarssen@buurtteamsutrecht-" | "west.nl" read as a hyphenated word, not as one address.
    path = example_site / slug / f"meldcode-{slug}.pdf"
    broken = []
    addresses = 0
    for page, page_text in zip(PdfReader(path).pages, pdf_page_texts(path), strict=True):
        text = page_text.replace("\n@", "@")
        for annotation in page.get("/Annots") or []:
            uri = annotation.get_object().get("/A", {}).get("/URI", "")
            if uri.startswith("mailto:"):
                addresses += 1
                if uri.removeprefix("mailto:") not in text:
                    broken.append(uri)
    assert addresses > 5 and broken == []


@pytest.mark.parametrize("slug", SLUGS)
def test_poster_is_one_page_for_every_example_school(example_site, slug):
    pages = pdf_page_texts(example_site / slug / f"poster-{slug}.pdf")
    assert len(pages) == 1
    text = " ".join(pages[0].split())
    assert "112" in text and "0800 2000" in text and "Zorgen over een leerling?" in text


@pytest.mark.parametrize("slug", SLUGS)
def test_poster_says_when_the_aandachtsfunctionaris_is_there_and_whom_to_go_to_otherwise(example_site, slug):
    school = next(s for s in load_config(ROOT / "schools", TEMPLATES).schools if s.slug == slug)
    text = " ".join(pdf_page_texts(example_site / slug / f"poster-{slug}.pdf")[0].split())
    af, directeur = school.aandachtsfunctionaris, school.directeur
    if af.bereikbaar:
        assert f"Bereikbaar: {af.bereikbaar}" in text
    assert directeur.naam != af.naam  # every example has both, so the fallback is tested
    assert f"Niet bereikbaar? Ga naar {directeur.naam} ({directeur.functie or 'directeur'})" in text
    assert str(directeur.telefoon) in text


@pytest.mark.parametrize("slug", SLUGS)
def test_poster_keeps_the_school_name_and_the_date_on_one_line(example_site, slug):
    school = next(s for s in load_config(ROOT / "schools", TEMPLATES).schools if s.slug == slug)
    lines = pdf_page_texts(example_site / slug / f"poster-{slug}.pdf")[0].splitlines()
    assert any(school.naam in line for line in lines), lines  # not "SO/VSO De" | "Brug"
    assert any(school.vaststelling.datum_tekst in line for line in lines), lines


def test_poster_stays_one_page_with_extremely_long_names(tmp_path):
    long = tmp_path / "lang.yaml"
    text = (FIXTURES / "good" / "minimal.yaml").read_text()
    text = text.replace("OBS Minimaal", "Openbare Basisschool " + "Heel Erg Lange Naam " * 12)
    text = text.replace("Petra Pieters", "Petronella " + "Wilhelmina-Alexandra " * 10 + "Pieters")
    contacts = "".join(
        f"\n  - organisatie: Organisatie nummer {i} met een lange naam\n    categorie: overig\n"
        f"    telefoon: 030-123 45 {i:02d}\n    toelichting: {'Lange toelichting. ' * 20}"
        for i in range(40)
    )
    long.write_text(text + "sociale_kaart:" + contacts + "\n")
    # Only the poster: no site or handbook of this school is needed.
    school = load_config(copy_schools(tmp_path, long, with_examples=False), TEMPLATES).schools[0]
    target = tmp_path / "poster-lang.pdf"
    assert write_poster(school, load_content(TEMPLATES), TEMPLATES, ROOT / "assets", target) < 1.0
    assert len(PdfReader(target).pages) == 1
    assert "Petronella" in pdf_page_texts(target)[0]


def test_two_builds_from_different_folders_give_byte_identical_pdfs_and_site(tmp_path):
    outputs = []
    for name in ("a", "b"):
        schools = copy_schools(tmp_path / f"checkout-{name}", with_examples=False)
        shutil.copy(ROOT / "schools" / "de-wissel.yaml", schools)
        run_build(schools, tmp_path / name)
        outputs.append(tmp_path / name)
    files_a = sorted(p.relative_to(outputs[0]) for p in outputs[0].rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(outputs[1]) for p in outputs[1].rglob("*") if p.is_file())
    assert files_a == files_b
    assert any(rel.suffix == ".pdf" for rel in files_a)
    for rel in files_a:
        assert (outputs[0] / rel).read_bytes() == (outputs[1] / rel).read_bytes(), rel


def test_pdf_text_is_extractable_and_dated_from_the_vaststelling(example_site):
    reader = PdfReader(example_site / "het-kompas" / "meldcode-het-kompas.pdf")
    assert "CBS Het Kompas" in pdf_page_texts(example_site / "het-kompas" / "meldcode-het-kompas.pdf")[0]
    assert reader.metadata["/CreationDate"].startswith("D:20260630")


@pytest.mark.parametrize("slug", SLUGS)
def test_each_form_fits_on_one_page(example_site, slug):
    reader = PdfReader(example_site / slug / f"formulieren-{slug}.pdf")
    titles = [" ".join(text.split())[:200] for text in pdf_page_texts(example_site / slug / f"formulieren-{slug}.pdf")]
    assert len(reader.pages) == 3, titles
    assert "Bijlage 1: Logboek" in titles[0] and "Bijlage 2: Gespreksverslag" in titles[1]


def test_forms_pdf_is_the_handbooks_appendices_without_its_page_numbers(example_site):
    forms = PdfReader(example_site / "het-kompas" / "formulieren-het-kompas.pdf")
    assert forms.metadata.title == "Formulieren bij de meldcode van CBS Het Kompas"
    assert forms.trailer["/Root"]["/Lang"] == "nl" and "/StructTreeRoot" in forms.trailer["/Root"]
    assert [item.title for item in forms.outline] == [
        "Bijlage 1: Logboek",
        "Bijlage 2: Gespreksverslag",
        "Bijlage 3: Checklist melding bij Veilig Thuis",
    ]
    assert len(forms.pages) == 3
    form_texts = pdf_page_texts(example_site / "het-kompas" / "formulieren-het-kompas.pdf")
    handbook_texts = pdf_page_texts(example_site / "het-kompas" / "meldcode-het-kompas.pdf")
    for form_page, handbook_page in zip(form_texts, handbook_texts[-3:], strict=True):
        text = " ".join(form_page.split())
        assert text == " ".join(handbook_page.split())
        assert "CBS Het Kompas" in text and "vertrouwelijk" in text and "pagina" not in text


def test_every_internal_reference_in_the_print_html_resolves():
    from html import unescape

    from meldcode.pdf import handbook_html

    config = load_config(ROOT / "schools", ROOT / "templates")
    content = load_content(ROOT / "templates")
    for school in config.schools:
        html = handbook_html(school, content, ROOT / "templates", ROOT / "mkdocs.yml")
        ids = {unescape(i) for i in re.findall(r'id="([^"]+)"', html)}
        refs = [unescape(r) for r in re.findall(r'href="#([^"]+)"', html) + re.findall(r"url\(#([^)]+)\)", html)]
        assert refs, "no internal references found"
        missing = sorted({r for r in refs if r not in ids})
        assert missing == [], (school.slug, missing)
