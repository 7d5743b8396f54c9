"""Downloads a trainer can hand out, in the built site: worksheet PDFs with each box left of its
label on its line, ratings in one row, DOCX rows high enough to write in with repeating header
rows and real properties, the worksheet ZIP in a named folder with an index, chapter PDFs for
readers and trainers that name the handbook, and editions whose cover carries the publisher, the
EU emblem and funding statement, the licence and how to cite, and whose trainer contents list
every worksheet. No file prints a loopback address."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
import zipfile
from pathlib import Path

import pikepdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from handbook import strings
from handbook.downloads import editions as printing
from handbook.downloads.worksheet_files import LICENCE_URL
from handbook.sources import worksheets

from support import ROOT, pdfs

DOCS = ROOT / "docs"
SHEETS = worksheets.load_all(DOCS / "data" / "worksheets")
CHAPTERS = sorted(p.stem for p in (DOCS / "bg" / "chapters").glob("*.md"))
LANGS = {"bg": "", "en": "en/"}
MM = 72 / 25.4
LOOPBACK = re.compile(r"127\.0\.0\.1|localhost|\[::1\]")


def files(site, lang) -> Path:
    return site / LANGS[lang] / "worksheets" / "files"


def downloads(site, lang) -> Path:
    return site / LANGS[lang] / "downloads"


def text_of(path: Path, first: int = 0, last: int = 0) -> str:
    """The text of pages first..last (all when not given), whitespace collapsed (support/pdfs.py:
    pdftotext runs once per file in the test run)."""
    return pdfs.text(path, first, last)


def words_on(path: Path, page: int) -> list[tuple]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(unicodedata.normalize("NFKC", html.unescape(m.group(5))), *map(float, m.group(1, 2, 3, 4)))
            for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
                                 out)]


# --- worksheet PDFs -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.slug)
def test_worksheet_boxes_sit_left_of_their_labels(site, lang, sheet):
    """Each check box and round button: on its label's line, left of its first word, within 6 mm;
    the five boxes of a rating in one row."""
    path = files(site, lang) / sheet.file_name(lang, "pdf")
    labels = {f.id: f.label[lang] for f in sheet.fields}
    rows: dict[str, set] = {}
    reader = PdfReader(path)
    for number, page in enumerate(reader.pages, start=1):
        height, words = float(page.mediabox.height), None
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if "/Btn" not in (annot.get("/FT"), annot.get("/Parent", {}).get("/FT")):
                continue
            name = str(annot.get("/T") or annot["/Parent"]["/T"])
            field_id = next(i for i in labels if name == i or re.fullmatch(rf"{re.escape(i)}-\d+", name))
            choice = str(annot["/TU"])[len(labels[field_id]) + 2:]
            x0, y0, x1, y1 = [float(v) for v in annot["/Rect"]]
            top, bottom, right = height - max(y0, y1), height - min(y0, y1), max(x0, x1)
            words = words if words is not None else words_on(path, number)
            first = unicodedata.normalize("NFKC", choice.split()[0])
            assert [w for w in words if w[0] == first and 0 <= w[1] - right <= 6 * MM
                    and top <= (w[2] + w[4]) / 2 <= bottom], f"p.{number}: the box of “{choice}” is not beside it"
            rows.setdefault(field_id, set()).add((number, round(min(y0, y1))))
    for fld in sheet.fields:
        if fld.type == "rating":
            assert len(rows[fld.id]) == 1, f"the rating {fld.id} is not one row"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sheet", [s for s in SHEETS if any(f.type == "table" for f in s.fields)],
                         ids=lambda s: s.slug)
def test_worksheet_table_cells_fit_handwriting(site, lang, sheet):
    path = files(site, lang) / sheet.file_name(lang, "pdf")
    for fld in (f for f in sheet.fields if f.type == "table"):
        cells = {}
        for page in PdfReader(path).pages:
            for annot in page.get("/Annots", []):
                annot = annot.get_object()
                match = re.fullmatch(rf"{re.escape(fld.id)}-r1c(\d+)", str(annot.get("/T")))
                if match:
                    x0, y0, x1, y1 = [float(v) for v in annot["/Rect"]]
                    cells[int(match.group(1))] = (abs(x1 - x0), abs(y1 - y0))
        assert len(cells) == len(fld.columns)
        assert all(h >= 9.5 * MM for _, h in cells.values()), "a 12 mm row holds a box at least 9.5 mm high"
        lengths = [len(c[lang]) for c in fld.columns]
        if max(lengths) >= 2 * min(lengths) and max(lengths) > 12:
            widest = max(range(len(lengths)), key=lengths.__getitem__)
            narrowest = min(range(len(lengths)), key=lengths.__getitem__)
            assert cells[widest + 1][0] > cells[narrowest + 1][0], "columns are not sized by their headers"


@pytest.mark.parametrize("lang", LANGS)
def test_no_loopback_address_in_any_download(site, lang):
    paths = sorted(files(site, lang).glob("*.pdf")) + sorted(downloads(site, lang).glob("*.pdf"))
    pdfs.read_all(paths)
    for path in paths:
        assert not LOOPBACK.search(text_of(path)), path.name
        info = pdfs.info(path)
        assert not any(LOOPBACK.search(str(value)) for value in info.values()), path.name
    for path in sorted(files(site, lang).glob("*.docx")):
        document = Document(path)
        xml = "".join(s.footer._element.xml for s in document.sections) + (document.core_properties.comments or "")
        assert not LOOPBACK.search(xml), path.name


# --- worksheet DOCX -----------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sheet", SHEETS, ids=lambda s: s.slug)
def test_worksheet_docx_rows_and_properties(site, lang, sheet):
    document = Document(files(site, lang) / sheet.file_name(lang, "docx"))
    least = round(12 * 1440 / 25.4) - 1  # 12 mm in twips
    for table in document.tables:
        rows = table.rows[1:] if len(table.columns) > 1 else table.rows
        if len(table.columns) > 1:
            assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None, "header row does not repeat"
        for row in rows:
            height = row._tr.trPr.find(qn("w:trHeight"))
            assert height is not None and int(height.get(qn("w:val"))) >= least
            assert height.get(qn("w:hRule")) == "atLeast"
    props = document.core_properties
    assert props.created.year >= 2026 and props.created == props.modified
    assert props.title == f"{sheet.code}. {sheet.title[lang]}"
    assert props.language == strings.table(lang)["locale"] and props.author and props.subject
    assert "python-docx" not in f"{props.author} {props.comments} {props.last_modified_by}"


# --- the worksheet ZIP --------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_worksheet_zip_has_a_folder_and_an_index(site, lang):
    top = f"clarinet-worksheets-{lang}"
    with zipfile.ZipFile(files(site, lang) / f"{top}.zip") as archive:
        names = archive.namelist()
        readme = archive.read(f"{top}/README.txt").decode("utf-8-sig")
        dates = {info.date_time for info in archive.infolist()}
    assert all(name.startswith(f"{top}/") for name in names)
    assert set(names) == {f"{top}/README.txt"} | {f"{top}/{s.file_name(lang, k)}" for s in SHEETS for k in ("pdf", "docx")}
    for sheet in SHEETS:
        assert f"{sheet.code}. {sheet.title[lang]}" in readme
        assert sheet.file_name(lang, "pdf") in readme and sheet.file_name(lang, "docx") in readme
    assert "CC BY 4.0" in readme and LICENCE_URL in readme and not LOOPBACK.search(readme)
    assert len(dates) == 1 and dates != {(2020, 7, 14, 0, 0, 0)}, "entries carry the build date"


# --- chapter PDFs -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stem", CHAPTERS)
def test_chapter_pdfs_for_readers_and_trainers(site, lang, stem):
    reader_path = downloads(site, lang) / printing.chapter_file(stem, lang)
    trainer_path = downloads(site, lang) / printing.chapter_trainer_file(stem, lang)
    t = printing.labels(lang)
    first = text_of(reader_path, 1, 1)
    handbook_name = pdfs.info(reader_path)["/Author"]
    assert first.startswith(f"{handbook_name} · {t['reader_edition']}"), first[:120]  # above the title
    assert re.search(rf"{re.escape(t['version'])} \S+", first[:200])
    assert text_of(trainer_path, 1, 1).startswith(f"{handbook_name} · {t['trainer_edition']}")
    md = (DOCS / lang / "chapters" / f"{stem}.md").read_text(encoding="utf-8")
    reader, trainer = text_of(reader_path), text_of(trainer_path)
    for note in re.findall(r'^\?\?\? trainer "([^"]+)"', md, re.MULTILINE):
        note = " ".join(note.split())
        assert note in trainer and note not in reader
    number = int(stem[:2])
    assert re.search(rf"(?<!\d){number}\. ", first), "the chapter's title carries its number"


# --- the editions -------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("edition", ["reader", "trainer"])
def test_edition_cover(site, lang, edition):
    path = downloads(site, lang) / printing.handbook_file(edition, lang)
    t = printing.labels(lang)
    cover = text_of(path, 1, 1)
    for words in (t["publisher"], t["funding"], t["licence"], LICENCE_URL, t["how_to_cite"], t["disclaimer"][:60]):
        assert " ".join(words.split()) in cover, words
    cite = t["cite"].split("{version}")[0]
    assert cite in cover
    with pikepdf.open(path) as pdf:  # pypdf reads the whole page tree of an edition to give its first page
        first_page = pdf.pages[0].obj
        resources = first_page.Resources

        def drawing() -> bytes:
            contents = first_page.Contents
            parts = contents if isinstance(contents, pikepdf.Array) else [contents]
            return b"\n".join(part.read_bytes() for part in parts)

        assert len(resources.get("/XObject", pikepdf.Dictionary()).keys()) > 0 or "/Pattern" in resources \
            or b"re" in drawing(), "the EU emblem is drawn on the cover"
    info = pdfs.info(path)
    assert info["/Title"] and info["/Author"] and info["/Subject"] and "CC BY 4.0" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:20")


@pytest.mark.parametrize("lang", LANGS)
def test_trainer_contents_list_every_worksheet_and_the_appendix_matches_the_handouts(site, lang):
    path = downloads(site, lang) / printing.handbook_file("trainer", lang)
    count = pdfs.page_count(path)
    contents = " ".join(text_of(path, 2, 4).split())
    starts = {}
    for sheet in SHEETS:
        title = f"{sheet.code}. {sheet.title[lang]}"
        match = re.search(rf"{re.escape(title[:40])}[^.]*?\s*\.{{3,}}\s*(\d+)", contents)
        assert match, f"{title} is not in the contents"
        starts[sheet.code] = int(match.group(1))
        assert title[:30] in text_of(path, starts[sheet.code], starts[sheet.code])
    # each worksheet takes as many pages in the appendix as its own PDF: one body, one stylesheet
    ends = [starts[s.code] for s in SHEETS[1:]] + [count + 1]
    for sheet, end in zip(SHEETS, ends):
        own = pdfs.page_count(files(site, lang) / sheet.file_name(lang, "pdf"))
        assert end - starts[sheet.code] == own, f"{sheet.code}: {end - starts[sheet.code]} pages, its PDF {own}"
