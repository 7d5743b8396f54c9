"""Worksheets in the built site: a page, a fillable tagged PDF and a DOCX per language, listed in a
catalogue and packed in one ZIP per language."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from handbook.sources import worksheets
from handbook.sources.problems import DataError
from support.sitemodel import BuiltPage, file_for

from support import ROOT
DEFINITIONS = ROOT / "docs" / "data" / "worksheets"
SHEETS = worksheets.load_all(DEFINITIONS)
LANGS = {"bg": "", "en": "en/"}


def form_field_count(sheet: worksheets.Worksheet) -> int:
    """How many fillable fields the PDF should carry, from the definition alone."""
    count = 0
    for fld in sheet.fields:
        if fld.type in ("text", "date", "long_text"):
            count += 1
        elif fld.type == "checkboxes":
            count += len(fld.options)
        elif fld.type == "radio":
            count += 1  # one group, however many buttons
        elif fld.type == "rating":
            count += 5
        elif fld.type == "table":
            count += fld.rows * len(fld.columns)
    return count


# --- the built files ---------------------------------------------------------------------------

def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.slug)
def test_worksheet_page_has_its_form_and_downloads(site, lang, sheet):
    page = BuiltPage(site, file_for(site, f"/{LANGS[lang]}worksheets/{sheet.slug}/"))
    assert page.soup.html["lang"] == lang
    assert sheet.title[lang] in page.soup.h1.get_text()
    form = page.soup.select_one("form.wf")
    assert form is not None
    for field in sheet.fields:
        assert field.label[lang] in form.get_text(), f"the form lacks {field.id}"
    links = {a["href"]: a.get_text(" ", strip=True) for a in page.soup.select("a.worksheet-download")}
    assert len(links) == 2
    for href, text in links.items():
        target, _ = page.resolve(href)
        path = file_for(site, target)
        assert path.exists(), href
        assert re.search(r"\((PDF|DOCX), [\d,.]+ (KB|КБ|MB|МБ)\)", text), text
    # chapters it serves are linked
    for stem in sheet.chapters:
        assert page.soup.select(f'a[href*="{stem}"]'), f"no link to {stem}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.slug)
def test_worksheet_pdf(site, lang, sheet):
    path = site / LANGS[lang] / "worksheets" / "files" / sheet.file_name(lang, "pdf")
    reader = PdfReader(path)
    assert 1 <= len(reader.pages) <= 8
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root, "PDF must be tagged"
    assert reader.metadata.title == f"{sheet.code}. {sheet.title[lang]}"
    # pypdf lists a radio group twice ("x" and "x.x", its buttons); the form's own fields are the
    # names without a dot (field ids never have one)
    fields = {name for name in reader.get_fields() if "." not in name}
    assert len(fields) == form_field_count(sheet)
    text = " ".join(pdf_text(path).split())
    assert sheet.title[lang] in text
    for field in sheet.fields:
        assert " ".join(field.label[lang].split()) in text, f"label of {field.id} missing"
    page_word = "Стр." if lang == "bg" else "Page"
    assert f"{page_word} 1 " in text
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font["/BaseFont"]


@pytest.mark.parametrize("lang", LANGS)
def test_form_fields_use_a_font_with_the_whole_alphabet(site, lang):
    """Typed text needs glyphs the page itself never used: the font named by every field's
    default appearance (/DA) is embedded whole, with the Bulgarian and Latin alphabets."""
    import io
    from fontTools.ttLib import TTFont
    path = site / LANGS[lang] / "worksheets" / "files" / SHEETS[0].file_name(lang, "pdf")
    reader = PdfReader(path)
    acroform = reader.trailer["/Root"]["/AcroForm"]
    fonts = acroform["/DR"]["/Font"]
    text_fields = [f.get_object() for f in acroform["/Fields"] if f.get_object()["/FT"] == "/Tx"]
    assert text_fields
    for field in text_fields:
        font_name = "/" + re.search(r"/(\S+) [\d.]+ Tf", field["/DA"]).group(1)
        font = fonts[font_name].get_object()
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        cmap = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data())).getBestCmap()
        alphabet = "абвгдежзийклмнопрстуфхцчшщъьюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯabcxyzABCXYZ0123456789"
        missing = [c for c in alphabet if ord(c) not in cmap]
        assert not missing, f"{field['/T']}: font lacks {''.join(missing)}"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.slug)
def test_worksheet_docx(site, lang, sheet):
    path = site / LANGS[lang] / "worksheets" / "files" / sheet.file_name(lang, "docx")
    document = Document(path)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == f"{sheet.code}. {sheet.title[lang]}"
    for number, field in enumerate(sheet.fields, start=1):
        assert f"{number}. {field.label[lang]}" in headings
    tables = [t for t in document.tables if len(t.columns) > 1]
    expected = [f for f in sheet.fields if f.type == "table"]
    assert len(tables) == len(expected)
    for table, field in zip(tables, expected):
        assert [c.text for c in table.rows[0].cells] == [c[lang] for c in field.columns]
    lang_el = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert lang_el.get(qn("w:val")) == {"bg": "bg-BG", "en": "en-GB"}[lang]
    assert document.core_properties.language == {"bg": "bg-BG", "en": "en-GB"}[lang]
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    checkboxes = document.element.body.findall(".//" + qn("w14:checkbox"))
    expected_boxes = sum(len(f.options) for f in sheet.fields if f.type == "checkboxes") + \
        5 * sum(1 for f in sheet.fields if f.type == "rating")
    assert len(checkboxes) == expected_boxes


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_and_zip(site, lang):
    page = BuiltPage(site, file_for(site, f"/{LANGS[lang]}worksheets/"))
    text = page.soup.select_one("article").get_text(" ", strip=True)
    for sheet in SHEETS:
        assert sheet.title[lang] in text
        assert page.soup.select(f'a[href="files/{sheet.file_name(lang, "pdf")}"]')
        assert page.soup.select(f'a[href="files/{sheet.file_name(lang, "docx")}"]')
    zip_link = page.soup.select_one(f'a[href="files/clarinet-worksheets-{lang}.zip"]')
    assert zip_link is not None and "ZIP" in zip_link.get_text()
    with zipfile.ZipFile(site / LANGS[lang] / "worksheets" / "files" / f"clarinet-worksheets-{lang}.zip") as archive:
        names = set(archive.namelist())
    # one folder named like the ZIP, with an index (README.txt) beside the worksheets
    assert {name.split("/", 1)[0] for name in names} == {f"clarinet-worksheets-{lang}"}
    assert {name.split("/", 1)[1] for name in names} == {s.file_name(lang, kind) for s in SHEETS
                                                        for kind in ("pdf", "docx")} | {"README.txt"}
