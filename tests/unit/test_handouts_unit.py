"""Worksheets and print editions as handouts a trainer can use, checked on the renderers directly
(no site build): boxes beside their labels, single choices round, tables sized by their headers and
high enough to write in, DOCX rows and properties, the worksheet ZIP's folder and index, and no
address on paper unless the handbook has a public one."""

from __future__ import annotations

import html
import io
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import html as lxml_html
from pypdf import PdfReader

from handbook import strings
from handbook.downloads import editions, worksheet_files
from handbook.downloads.cache import WorksheetOutputs, reproducible_zip, zip_folder, zip_name
from handbook.address import public as public_address
from handbook.downloads.worksheet_files import Imprint, column_widths
from handbook.languages import LANGUAGES
from handbook.sources import worksheets

from support import ROOT

SHEETS = worksheets.load_all(ROOT / "docs" / "data" / "worksheets")
NAMES = {"bg": "Наръчник", "en": "Handbook"}
LOOPBACK = ["", None, "http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]:8000/",
            "http://0.0.0.0/", "https://docs.localhost/", "file:///tmp/site/"]
MM = 72 / 25.4  # PDF points in a millimetre


def imprint(url: str = "https://handbook.example.org/", **extra) -> Imprint:
    return Imprint(NAMES, url, date="2026-12-01", version="1.2", **extra)


def sheet(code: str) -> worksheets.Worksheet:
    return next(s for s in SHEETS if s.code == code)


def sheet_with(field_type: str) -> worksheets.Worksheet:
    return next(s for s in SHEETS if any(f.type == field_type for f in s.fields))


# --- the address --------------------------------------------------------------------------------

@pytest.mark.parametrize("url", LOOPBACK)
def test_no_public_address(url):
    assert public_address(url) == ""
    assert imprint(url).footer("en") == "Handbook"


@pytest.mark.parametrize("url", ["https://handbook.example.org/", "http://192.0.2.10/handbook/"])
def test_public_address(url):
    assert public_address(url) == url
    assert imprint(url).footer("bg") == f"Наръчник · {url}"


def test_publisher_defaults_to_the_authors_and_can_be_set():
    assert imprint().publisher_name("bg") == "Авторите на наръчника"
    assert imprint().publisher_name("en") == "The authors of the handbook"
    assert imprint(publisher="Foundation").publisher_name("bg") == "Foundation"
    assert imprint(publisher={"bg": "Фондация", "en": "Foundation"}).publisher_name("en") == "Foundation"


# --- the print form -----------------------------------------------------------------------------

def test_column_widths_follow_the_headers():
    columns = ({"en": "Status"}, {"en": "Key message for this audience"}, {"en": "Contact"})
    widths = column_widths(columns, "en")
    assert abs(sum(widths) - 100) < 0.5
    assert widths[1] > widths[2] >= widths[0]
    # a long header wraps instead of taking the whole table; a short one has room for its word
    many = tuple({"en": text} for text in ("Date", "Reach", "Responsible", "a long header of many words " * 3))
    shares = column_widths(many, "en")
    assert max(shares) < 50 and min(shares) > 10


def test_print_form_fields():
    for s in SHEETS:
        for lang in LANGUAGES:
            body = lxml_html.fragment_fromstring(worksheet_files.print_html(s, lang, imprint(), body_only=True),
                                                 create_parent="div")
            for fld in s.fields:
                if fld.type == "radio":  # one group of round buttons, "(mark one)" in the label
                    radios = body.xpath(f'.//input[@type="radio"][@name="{fld.id}"]')
                    assert len(radios) == len(fld.options)
                    label = radios[0].xpath("ancestor::div[contains(@class, 'field')][1]//span[@class='label']")[0]
                    assert strings.table(lang)["worksheet"]["choose_one"] in label.text_content()
                if fld.type == "long_text":
                    height = float(re.search(r"height: (\d+)mm", body.xpath(f'.//textarea[@name="{fld.id}"]')[0]
                                             .get("style")).group(1))
                    assert height >= max(12, fld.lines * 8)
                if fld.type == "table":
                    cols = body.xpath(f'.//input[starts-with(@name, "{fld.id}-r1c")]/ancestor::table[1]/colgroup/col')
                    assert len(cols) == len(fld.columns)


def test_the_appendix_uses_the_worksheets_own_body_and_form_css():
    s = sheet("W1")
    whole = worksheet_files.print_html(s, "bg", imprint())
    body = worksheet_files.print_html(s, "bg", imprint(), body_only=True)
    without_running = body.replace(' style="string-set: running-title content(text)"', "")
    assert without_running.strip() in whole
    document = editions.handbook_html([], "bg", "", "Наръчник", "trainer", "1.2", "2026-12-01", [body])
    assert body.strip() in document
    assert "ul.choices.rating li { display: inline-block" in document  # the very worksheet_form.css
    assert ".worksheet ul.choices { list-style: none; padding: 0; columns: 2; }" not in document


# --- boxes beside their labels in the PDF -------------------------------------------------------

def words_on(path: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) of a page, y from the top, as poppler's pdftotext -bbox
    (ligatures such as "ﬁ" spelt out)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(unicodedata.normalize("NFKC", html.unescape(m.group(5))), *map(float, m.group(1, 2, 3, 4)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                                 out)]


def boxes_beside_labels(path: Path, sheet_def: worksheets.Worksheet, lang: str) -> int:
    """Checks that every check box and round button of the PDF sits left of its label's first word,
    on the same line (the word's middle within the box's height), at most 6 mm away. Returns how
    many boxes it checked."""
    labels = {f.id: f.label[lang] for f in sheet_def.fields}
    reader = PdfReader(path)
    checked = 0
    for number, page in enumerate(reader.pages, start=1):
        height = float(page.mediabox.height)
        words = None
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/FT") != "/Btn" and annot.get("/Parent", {}).get("/FT") != "/Btn":
                continue
            name = str(annot.get("/T") or annot["/Parent"]["/T"])
            field_id = next(i for i in labels if name == i or re.fullmatch(rf"{re.escape(i)}-\d+", name))
            choice = str(annot["/TU"])[len(labels[field_id]) + 2:]
            x0, y0, x1, y1 = [float(v) for v in annot["/Rect"]]
            right = max(x0, x1)
            top, bottom = height - max(y0, y1), height - min(y0, y1)
            words = words if words is not None else words_on(path, number)
            first = choice.split()[0]
            beside = [w for w in words if w[0] == first and 0 <= w[1] - right <= 6 * MM
                      and top <= (w[2] + w[4]) / 2 <= bottom]
            assert beside, f"{path.name} p.{number}: the box of “{choice}” is not left of its label on its line"
            checked += 1
    return checked


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_boxes_sit_left_of_their_labels(tmp_path, lang):
    s = sheet("W11")  # the consent form: check boxes and round buttons
    path = tmp_path / "w11.pdf"
    path.write_bytes(worksheet_files.render_pdf(s, lang, imprint("http://127.0.0.1:8000/")))
    expected = sum(len(f.options) for f in s.fields if f.type in ("checkboxes", "radio"))
    assert boxes_beside_labels(path, s, lang) == expected
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "127.0.0.1" not in text
    info = PdfReader(path).metadata
    assert "CC BY 4.0" in info["/Keywords"] and info["/CreationDate"].startswith("D:20261201")
    # the licence's address, once pdf.py asks WeasyPrint for custom_metadata
    assert info.get("/dcterms.license", worksheet_files.LICENCE_URL) == worksheet_files.LICENCE_URL


def test_pdf_rating_scale_is_one_row_and_rows_are_high_enough(tmp_path):
    s = sheet_with("rating")
    path = tmp_path / "rating.pdf"
    path.write_bytes(worksheet_files.render_pdf(s, "bg", imprint()))
    rating = next(f for f in s.fields if f.type == "rating")
    rects = {}
    for page in PdfReader(path).pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            rects[str(annot.get("/T"))] = [float(v) for v in annot["/Rect"]]
    ys = {round(min(rects[f"{rating.id}-{n}"][1::2])) for n in range(1, 6)}
    assert len(ys) == 1, "the five boxes of a rating are in one row"
    for name, (x0, y0, x1, y1) in rects.items():
        if re.fullmatch(r".+-r\d+c\d+", name):  # a table cell: its row is at least 12 mm high
            assert abs(y1 - y0) >= 9.5 * MM  # the box, inside a 12 mm row less its padding


# --- DOCX ---------------------------------------------------------------------------------------

def test_docx_rows_header_and_properties():
    s = sheet_with("table")
    data = worksheet_files.render_docx(s, "en", imprint("http://localhost:8000/"))
    document = Document(io.BytesIO(data))
    props = document.core_properties
    assert props.created.date().isoformat() == "2026-12-01" == props.modified.date().isoformat()
    assert props.title == f"{s.code}. {s.title['en']}" and props.language == "en-GB"
    assert props.author == "Handbook" and props.subject and "python-docx" not in (props.comments or "")
    xml = document.element.xml + "".join(sec.footer._element.xml for sec in document.sections)
    assert "localhost" not in xml and "127.0.0.1" not in xml
    tables = [t for t in document.tables if len(t.columns) > 1]
    assert tables
    for table in tables:
        header = table.rows[0]._tr.trPr
        assert header.find(qn("w:tblHeader")) is not None
        for row in table.rows[1:]:
            height = row._tr.trPr.find(qn("w:trHeight"))
            assert int(height.get(qn("w:val"))) >= round(12 * 1440 / 25.4) - 1
            assert height.get(qn("w:hRule")) == "atLeast"
        widths = [cell.width for cell in table.rows[0].cells]
        assert len(set(widths)) > 1, "columns are sized by their headers, not equal"
    boxes = [t for t in document.tables if len(t.columns) == 1]
    for box in boxes:
        height = box.rows[0]._tr.trPr.find(qn("w:trHeight"))
        assert int(height.get(qn("w:val"))) >= round(12 * 1440 / 25.4) - 1
    # the same input makes the same bytes (every part dated with the build date)
    assert worksheet_files.render_docx(s, "en", imprint("http://localhost:8000/")) == data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert {info.date_time[:3] for info in package.infolist()} == {(2026, 12, 1)}


def test_docx_single_choice_says_mark_one():
    s = sheet_with("radio")
    document = Document(io.BytesIO(worksheet_files.render_docx(s, "bg", imprint())))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "(отбележете едно)" in text and "\u25ef" in text


# --- the worksheet ZIP --------------------------------------------------------------------------

def test_reproducible_zip_takes_bytes_and_a_date(tmp_path):
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    data = reproducible_zip([("top/README.txt", b"hi"), ("top/a.pdf", tmp_path / "a.pdf")],
                            date_time=(2026, 12, 1, 0, 0, 0))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["top/README.txt", "top/a.pdf"]
        assert {i.date_time for i in archive.infolist()} == {(2026, 12, 1, 0, 0, 0)}


@pytest.mark.parametrize("url", ["https://handbook.example.org/", "http://127.0.0.1:8000/"])
def test_zip_readme(url):
    for lang in LANGUAGES:
        text = worksheet_files.zip_readme(SHEETS, lang, imprint(url))
        assert "\r\n" in text and "CC BY 4.0" in text and worksheet_files.LICENCE_URL in text
        for s in SHEETS:
            assert f"{s.code}. {s.title[lang]}" in text
            assert s.file_name(lang, "pdf") in text and s.file_name(lang, "docx") in text
        assert ("handbook.example.org" in text) == (url.startswith("https"))
        assert "127.0.0.1" not in text


def test_worksheet_zip_unpacks_into_a_folder_with_an_index(tmp_path):
    few = SHEETS[:2]
    outputs = WorksheetOutputs(tmp_path, imprint()).build(few)
    for lang in LANGUAGES:
        with zipfile.ZipFile(outputs.zips[lang]) as archive:
            names = archive.namelist()
            assert zip_folder(lang) == zip_name(lang).removesuffix(".zip")
            assert all(name.startswith(f"{zip_folder(lang)}/") for name in names)
            assert names[0] == f"{zip_folder(lang)}/README.txt"
            assert {n.split("/", 1)[1] for n in names[1:]} == {s.file_name(lang, k) for s in few for k in ("pdf", "docx")}
            assert {i.date_time for i in archive.infolist()} == {(2026, 12, 1, 0, 0, 0)}
    # the build date is an input: another date, another ZIP
    later = WorksheetOutputs(tmp_path, Imprint(NAMES, "https://handbook.example.org/", date="2026-12-02",
                                               version="1.2")).build(few)
    assert later.zips["bg"] != outputs.zips["bg"]


# --- the print editions -------------------------------------------------------------------------

ARTICLE = ('<h1 id="campaigns">4. Effective campaigns</h1><p>See <a href="../05-media/">chapter 5</a> and '
           '<a href="https://example.org/doc">a source</a>.</p>'
           '<details class="trainer"><summary>For the trainer: discussion (10 minutes)</summary><p>Ask.</p></details>')
PAGE = editions.PrintPage("4. Effective campaigns", ARTICLE, "/en/chapters/04-effective-campaigns/", "campaigns")


@pytest.mark.parametrize("url", LOOPBACK[:4])
def test_no_address_on_paper_without_a_public_one(url):
    for document in (editions.chapter_html(PAGE, "en", url or "", "Handbook", "reader", "1.2", "2026-12-01"),
                     editions.handbook_html([PAGE], "en", url or "", "Handbook", "trainer", "1.2", "2026-12-01")):
        assert "127.0.0.1" not in document and "localhost" not in document and "[::1]" not in document
        assert "Online version" not in document
        assert "chapter 5" in document  # the words of a link to another page stay


def test_chapter_pdfs_reader_and_trainer():
    reader = editions.chapter_html(PAGE, "en", "https://h.example.org/", "Handbook", "reader", "1.2", "2026-12-01")
    trainer = editions.chapter_html(PAGE, "en", "https://h.example.org/", "Handbook", "trainer", "1.2", "2026-12-01")
    assert "For the trainer" not in reader and "For the trainer" in trainer
    head = lxml_html.fromstring(trainer).xpath("//header[@class='imprint-head']")[0].text_content()
    assert "Handbook" in head and "Trainer edition" in head and "1.2" in head
    assert "Online version" in reader and "https://h.example.org/en/chapters/04-effective-campaigns/" in reader
    assert editions.chapter_trainer_file("04-x", "bg") == "chapter-04-x-trainer-bg.pdf"
    assert editions.chapter_file("04-x", "bg") == "chapter-04-x-bg.pdf"


def test_cover_and_contents():
    body = worksheet_files.print_html(sheet("W1"), "bg", imprint(), body_only=True)
    document = editions.handbook_html([PAGE], "bg", "https://h.example.org/", "Наръчник", "trainer", "1.2",
                                      "2026-12-01", [body], publisher="Фондация")
    root = lxml_html.fromstring(document)
    cover = root.xpath("//section[@class='cover']")[0].text_content()
    t = editions.labels("bg")
    for words in ("Издател: Фондация", t["funding"], t["licence"], worksheet_files.LICENCE_URL, t["disclaimer"],
                  "1 декември 2026 г.",
                  "Как да говорим за миграцията и интеграцията. Наръчник за обучение, който надгражда проекта "
                  "CLARINET. Версия 1.2, 2026. Лиценз CC BY 4.0. https://h.example.org/"):
        assert words in " ".join(cover.split()), words
    emblem = root.xpath("//section[@class='cover']//img")[0]
    assert emblem.get("src").startswith("file://") and emblem.get("src").endswith("eu-emblem.svg")
    assert emblem.get("alt")
    toc = root.xpath("//nav[@class='toc']")[0]
    entries = [(a.text_content(), a.get("href")) for a in toc.xpath(".//a")]
    assert ("4. Effective campaigns", "#p1--campaigns") in entries
    assert (f"W1. {sheet('W1').title['bg']}", f"#{sheet('W1').slug}") in entries
    assert root.xpath(f"//h1[@id='{sheet('W1').slug}']")
    meta = {m.get("name"): m.get("content") for m in root.xpath("//meta[@name]")}
    assert meta["dcterms.license"] == worksheet_files.LICENCE_URL and meta["dcterms.created"] == "2026-12-01"
    assert meta["author"] == "Наръчник" and meta["description"] and meta["keywords"]


def test_editions_keep_get_by_name_and_offer_the_trainer_chapter(tmp_path):
    printed = editions.Editions(editions.PdfCache(tmp_path))
    printed.files[("en", editions.chapter_trainer_file("04-x", "en"))] = "T"
    printed.files[("en", editions.chapter_file("04-x", "en"))] = "R"
    assert printed.get("en", "chapter-04-x-trainer-en.pdf") == "T"
    assert printed.chapter_links("en", "04-x") == {"pdf": "R", "chapter_trainer": "T"}
