"""Worksheets: one bilingual definition each, built into a page, a fillable tagged PDF and a DOCX
per language, listed in a catalogue and packed in one ZIP per language; bad definitions stop the
build with a message naming the file, the field and the problem."""

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
from handbook.downloads.worksheet_files import form_field_count
from sitemodel import BuiltPage, file_for

ROOT = Path(__file__).resolve().parents[1]
DEFINITIONS = ROOT / "docs" / "data" / "worksheets"
SHEETS = worksheets.load_all(DEFINITIONS)
LANGS = {"bg": "", "en": "en/"}


def test_eleven_worksheets_are_defined():
    assert [s.code for s in SHEETS] == [f"W{n}" for n in range(1, 12)]


# --- bad input ---------------------------------------------------------------------------------

GOOD = """code: W3
title: {bg: Заглавие, en: Title}
chapters: [04-effective-campaigns]
purpose: {bg: Цел., en: Purpose.}
instructions: {bg: Указания., en: Instructions.}
training_use: {bg: В обучение., en: In training.}
fields:
  - id: name
    type: text
    label: {bg: Име, en: Name}
  - id: plan
    type: table
    label: {bg: План, en: Plan}
    columns:
      - {bg: Дата, en: Date}
      - {bg: Задача, en: Task}
"""


def write(tmp_path, text, name="w03-test.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_definition_loads(tmp_path):
    sheet = worksheets.load(write(tmp_path, GOOD))
    assert sheet.code == "W3" and [f.id for f in sheet.fields] == ["name", "plan"]


@pytest.mark.parametrize("change, expected", [
    (lambda t: t.replace("label: {bg: Име, en: Name}", "label: {bg: Име}"),
     "field “name”, label: missing the “en” translation"),
    (lambda t: t.replace("type: text", "type: signature"),
     "field “name”: unknown field type “signature”"),
    (lambda t: t.replace("id: plan", "id: name"),
     "field “name”: duplicate id"),
    (lambda t: t.split("    columns:")[0],
     "field “plan”: a table needs named columns"),
    (lambda t: t.replace("title: {bg: Заглавие, en: Title}", "title: {bg: Заглавие, en: Title"),
     "malformed YAML at line"),
    (lambda t: t.replace("purpose: {bg: Цел., en: Purpose.}\n", ""),
     "missing purpose"),
])
def test_bad_definitions_name_the_file_field_and_problem(tmp_path, change, expected):
    path = write(tmp_path, change(GOOD))
    with pytest.raises(DataError) as caught:
        worksheets.load(path)
    assert str(path) in str(caught.value)
    assert expected in str(caught.value)


def test_duplicate_worksheet_codes_are_rejected(tmp_path):
    write(tmp_path, GOOD, "w03-one.yml")
    write(tmp_path, GOOD, "w03-two.yml")
    with pytest.raises(DataError, match="duplicate worksheet code W3"):
        worksheets.load_all(tmp_path)


def test_a_bad_definition_fails_the_build(project_copy, tmp_path):
    from conftest import mkdocs_build
    path = project_copy / "docs/data/worksheets/w04-media-plan.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: long_text", "type: essay", 1), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "w04-media-plan.yml" in output and "unknown field type “essay”" in output
    assert not list((tmp_path / "out").rglob("*.pdf")), "a failed build must not publish downloads"


# --- the built files ---------------------------------------------------------------------------

def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.slug)
def test_worksheet_page_has_preview_and_downloads(site, lang, sheet):
    page = BuiltPage(site, file_for(site, f"/{LANGS[lang]}worksheets/{sheet.slug}/"))
    assert page.soup.html["lang"] == lang
    assert sheet.title[lang] in page.soup.h1.get_text()
    preview = page.soup.select_one(".worksheet-preview")
    assert preview is not None
    for field in sheet.fields:
        assert field.label[lang] in preview.get_text(), f"preview lacks {field.id}"
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
    fields = reader.get_fields()
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
    assert names == {s.file_name(lang, kind) for s in SHEETS for kind in ("pdf", "docx")}


def test_unchanged_worksheets_are_not_rendered_again(tmp_path):
    from handbook.downloads.cache import WorksheetOutputs
    from handbook.downloads.worksheet_files import Imprint
    folder = tmp_path / "defs"
    folder.mkdir()
    write(folder, GOOD, "w03-test.yml")
    write(folder, GOOD.replace("code: W3", "code: W4"), "w04-test.yml")
    imprint = Imprint({"bg": "Наръчник", "en": "Handbook"}, "https://example.org/")
    first = WorksheetOutputs(tmp_path / "cache", imprint).build(worksheets.load_all(folder))
    assert (first.rendered, first.reused) == (4 * 2 + 2, 0)  # 2 sheets × 2 languages × (PDF, DOCX) + 2 ZIPs
    second = WorksheetOutputs(tmp_path / "cache", imprint).build(worksheets.load_all(folder))
    assert (second.rendered, second.reused) == (0, 10)
    write(folder, GOOD.replace("code: W3", "code: W4").replace("Name}", "Full name}"), "w04-test.yml")
    third = WorksheetOutputs(tmp_path / "cache", imprint).build(worksheets.load_all(folder))
    assert third.rendered == 4 + 2  # the changed sheet in both languages and formats, and both ZIPs
    assert not list((tmp_path / "cache").glob("*.part")), "no half-written files"
