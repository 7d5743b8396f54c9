"""Downloadable worksheet files: a fillable, tagged A4 PDF and an editable DOCX per language, both
from the worksheet's definition and both handouts a trainer can print: each box to tick on its
label's line and left of it, single choices as round buttons, rating scales in one row, table
columns as wide as their headers ask, and room to write by hand (a one-line box or a table row at
least 12 mm high, a long answer 8 mm a line)."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field

from markupsafe import Markup

from handbook import strings, templates
from handbook.address import public
from handbook.downloads import pdf
from handbook.languages import format_date
from handbook.sources.worksheets import FIELD_TYPES, Field, Worksheet, choices

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
ROW_MM = 12  # the least height of a one-line box or a table row, to write in by hand
LINE_MM = 8  # the height of each line of a long answer


def _today() -> str:
    return datetime.date.today().isoformat()


@dataclass(frozen=True)
class Imprint:
    """What every downloaded file says about where it comes from. Its repr is part of every
    worksheet file's cache key, so the build date (in the DOCX properties and the ZIP entries) is
    an input like any other."""
    handbook: dict  # language -> handbook name
    site_url: str  # printed only when it is a public address (handbook.address.public)
    publisher: str | dict = ""  # who publishes it (one name, or language -> name); "": its authors
    date: str = field(default_factory=_today)  # the build date, ISO (2026-12-01)
    version: str = ""

    @property
    def address(self) -> str:
        return public(self.site_url)

    def publisher_name(self, lang: str) -> str:
        name = self.publisher.get(lang, "") if isinstance(self.publisher, dict) else self.publisher
        return name or strings.table(lang)["print"]["publisher_default"]

    def build_date(self) -> datetime.date:
        try:
            return datetime.date.fromisoformat(self.date[:10])
        except (TypeError, ValueError):
            return datetime.date(2020, 7, 14)

    def footer(self, lang: str) -> str:
        """The page footer's words: the handbook's name, and its address when it has a public one."""
        return " · ".join(part for part in (self.handbook[lang], self.address) if part)


def _within(text: str, limit: int) -> str:
    """The text, or its first sentences (else words) that fit in `limit` characters, with "…"."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: end + 1] if end > limit // 3 else cut.rsplit(" ", 1)[0] + "…"


def column_widths(columns, lang: str) -> list[float]:
    """Each column's share of a table's width, in per cent. A header's length is its column's
    weight, so "Message" gets more room than "Status"; every column has room for its longest word
    and a date written by hand (8 characters), and a long header (over 24 characters) wraps rather
    than taking the room of the others. The PDF and the DOCX share them."""
    weights = []
    for column in columns:
        words = column[lang].split()
        longest = max((len(word) for word in words), default=0)
        weights.append(max(8, longest + 5, min(24, len(" ".join(words)))))
    total = sum(weights)
    return [round(100 * weight / total, 1) for weight in weights]


def print_html(sheet: Worksheet, lang: str, imprint: Imprint, body_only: bool = False) -> str:
    """The worksheet's print document (templates/worksheet_print.html, each field drawn by its
    macro in fields.html); with body_only, the same body for the trainer edition's appendix (whose
    title then names the running page header), styled there by the same worksheet_form.css."""
    context = {"sheet": sheet, "lang": lang, "choices": choices, "column_widths": column_widths,
               "ui": strings.table(lang)["worksheet"]}
    if body_only:
        return templates.render("worksheet_print_body.html", running=True, **context)
    page = strings.table(lang)["page"]
    printed = strings.table(lang)["print"]
    meta = {"author": imprint.handbook[lang], "description": sheet.purpose[lang],
            "keywords": printed["keywords"], "dcterms.created": imprint.build_date().isoformat(),
            "dcterms.modified": imprint.build_date().isoformat(),
            "dcterms.license": LICENCE_URL, "dcterms.publisher": imprint.publisher_name(lang)}
    return templates.render(
        "worksheet_print.html", running=False, title=f"{sheet.code}. {sheet.title[lang]}", meta=meta,
        font_css=Markup(pdf.FONT_CSS), css=["worksheet_print.css", "worksheet_form.css"], page=page["page"],
        of=page["of"], footer=imprint.footer(lang), **context)


def zip_readme(sheets, lang: str, imprint: Imprint, kinds=("pdf", "docx")) -> str:
    """The index of the worksheet ZIP (README.txt), in the ZIP's language: what the files are, each
    worksheet's code, title and files, the licence and, when it has one, the handbook's address.
    Windows line ends, so that every text editor shows the lines."""
    ui, printed = strings.table(lang)["worksheet"], strings.table(lang)["print"]
    when = format_date(imprint.build_date(), lang)
    title = ui["readme_title"].format(handbook=imprint.handbook[lang])
    lines = [title, "=" * len(title), "",
             ui["readme_version"].format(version=imprint.version, date=when) if imprint.version
             else ui["readme_date"].format(date=when), "", ui["readme_intro"], ""]
    for sheet in sheets:
        lines.append(f"{sheet.code}. {sheet.title[lang]}")
        lines += [f"    {sheet.file_name(lang, kind)}" for kind in kinds]
    lines += ["", f"{printed['licence']} ({LICENCE_URL})", f"{printed['publisher']}: {imprint.publisher_name(lang)}"]
    if imprint.address:
        lines.append(f"{printed['online']}: {imprint.address}")
    return "\r\n".join(lines) + "\r\n"


def render_pdf(sheet: Worksheet, lang: str, imprint: Imprint) -> bytes:
    return pdf.render(print_html(sheet, lang, imprint), base_url=str(pdf.FONTS), forms=True)


# --- DOCX --------------------------------------------------------------------------------------

def _checkbox_run(paragraph, text: str) -> None:
    """A real, tickable Word check box (w14 content control) followed by its text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    sdt = OxmlElement("w:sdt")
    sdt_pr = OxmlElement("w:sdtPr")
    box = OxmlElement("w14:checkbox")
    checked = OxmlElement("w14:checked")
    checked.set(qn("w14:val"), "0")
    box.append(checked)
    for tag, char in (("w14:checkedState", "2612"), ("w14:uncheckedState", "2610")):
        state = OxmlElement(tag)
        state.set(qn("w14:val"), char)
        state.set(qn("w14:font"), "MS Gothic")
        box.append(state)
    sdt_pr.append(box)
    sdt.append(sdt_pr)
    content = OxmlElement("w:sdtContent")
    run = OxmlElement("w:r")
    run_pr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), "MS Gothic")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(int(_box_size().pt * 2)))
    run_pr.extend([fonts, size])
    run.append(run_pr)
    text_el = OxmlElement("w:t")
    text_el.text = "☐"
    run.append(text_el)
    content.append(run)
    sdt.append(content)
    paragraph._p.append(sdt)
    paragraph.add_run(f"\u00a0 {text}")  # the box stays on its label's line, left of it


def _box_size():
    from docx.shared import Pt
    return Pt(14)


def _choice_paragraph(document):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = 0
    paragraph.paragraph_format.keep_with_next = False
    return paragraph


def _twips(mm: float) -> str:
    return str(round(mm * 1440 / 25.4))


def _row_height(row, mm: float, header: bool = False) -> None:
    """A table row at least `mm` high (w:trHeight, rule atLeast) that never splits across pages;
    a header row (w:tblHeader) repeats at the top of every page the table runs onto."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if header:
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
    if mm:
        height = OxmlElement("w:trHeight")
        height.set(qn("w:val"), _twips(mm))
        height.set(qn("w:hRule"), "atLeast")
        tr_pr.append(height)


def _fixed_widths(table, widths_mm: list[float]) -> None:
    """Column widths that Word and LibreOffice both keep: a fixed layout, the grid and each cell."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm):
            cell.width = Mm(width)


TEXT_WIDTH_MM = 210 - 2 * 18  # A4 less the margins


# One function per field type (sources/worksheets.py FIELD_TYPES), each adding the field's body
# below its heading and hint: (document, field, language, worksheet strings) -> None.

def _docx_box(document, height_mm: float, text: str = "") -> None:
    """A framed box to write in by hand, at least `height_mm` high."""
    box = document.add_table(rows=1, cols=1)
    box.style = "Table Grid"
    _fixed_widths(box, [TEXT_WIDTH_MM])
    _row_height(box.rows[0], height_mm)
    cell = box.rows[0].cells[0]
    cell.text = text


def _docx_text(document, fld: Field, lang: str, ui: dict) -> None:
    _docx_box(document, ROW_MM)


def _docx_date(document, fld: Field, lang: str, ui: dict) -> None:
    _docx_box(document, ROW_MM, ui["date_hint"])


def _docx_long_text(document, fld: Field, lang: str, ui: dict) -> None:
    _docx_box(document, max(ROW_MM, fld.lines * LINE_MM))


def _docx_checkboxes(document, fld: Field, lang: str, ui: dict) -> None:
    for choice in choices(fld, lang):
        _checkbox_run(_choice_paragraph(document), choice)


def _docx_radio(document, fld: Field, lang: str, ui: dict) -> None:
    note = document.add_paragraph()
    note.add_run(f"({ui['choose_one']})").italic = True
    for choice in choices(fld, lang):
        paragraph = _choice_paragraph(document)
        paragraph.add_run("\u25ef").font.size = _box_size()  # ◯, a round button: mark one
        paragraph.add_run(f"\u00a0 {choice}")


def _docx_rating(document, fld: Field, lang: str, ui: dict) -> None:
    paragraph = _choice_paragraph(document)  # the five boxes in one row
    for number, choice in enumerate(choices(fld, lang)):
        _checkbox_run(paragraph, choice + ("" if number == 4 else "\u2003\u2003"))


def _docx_signature(document, fld: Field, lang: str, ui: dict) -> None:
    paragraph = document.add_paragraph(f"{'_' * 40}    {ui['date']}: {'_' * 15}")
    paragraph.paragraph_format.space_before = _box_size() * 2


def _docx_table(document, fld: Field, lang: str, ui: dict) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT

    table = document.add_table(rows=1 + fld.rows, cols=len(fld.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, [TEXT_WIDTH_MM * share / 100 for share in column_widths(fld.columns, lang)])
    for cell, column in zip(table.rows[0].cells, fld.columns):
        cell.text = ""
        cell.paragraphs[0].add_run(column[lang]).bold = True
    _row_height(table.rows[0], 0, header=True)
    for row in table.rows[1:]:
        _row_height(row, ROW_MM)


DOCX_FIELDS = {
    "text": _docx_text,
    "long_text": _docx_long_text,
    "date": _docx_date,
    "checkboxes": _docx_checkboxes,
    "radio": _docx_radio,
    "table": _docx_table,
    "rating": _docx_rating,
    "signature": _docx_signature,
}
if set(DOCX_FIELDS) != set(FIELD_TYPES):  # a new field type needs its DOCX function here
    raise RuntimeError(f"DOCX_FIELDS does not match FIELD_TYPES: {sorted(set(DOCX_FIELDS) ^ set(FIELD_TYPES))}")


def _docx_field(fld: Field):
    try:
        return DOCX_FIELDS[fld.type]
    except KeyError:
        raise LookupError(f"no DOCX renderer for the worksheet field type “{fld.type}”") from None


def render_docx(sheet: Worksheet, lang: str, imprint: Imprint) -> bytes:
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    ui = strings.table(lang)["worksheet"]
    document = Document()
    # A4 with 18 mm margins
    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(18))
        footer = section.footer.paragraphs[0]
        footer.text = imprint.footer(lang)
        footer.style = document.styles["Footer"]
        header = section.header.paragraphs[0]
        header.text = f"{sheet.code}. {sheet.title[lang]}"

    # Proofing language on the default run properties, so spell-checking uses bg-BG or en-GB.
    styles_root = document.styles.element
    rpr_default = styles_root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr_default.findall(qn("w:lang")):
        rpr_default.remove(old)
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), strings.table(lang)["locale"])
    lang_el.set(qn("w:eastAsia"), strings.table(lang)["locale"])
    lang_el.set(qn("w:bidi"), strings.table(lang)["locale"])
    rpr_default.append(lang_el)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)

    # The file's properties: python-docx's template says "python-docx" and 2013-12-23 otherwise.
    built = datetime.datetime.combine(imprint.build_date(), datetime.time(), datetime.timezone.utc)
    props = document.core_properties
    props.title = f"{sheet.code}. {sheet.title[lang]}"
    props.language = strings.table(lang)["locale"]
    props.author = props.last_modified_by = imprint.handbook[lang]
    props.subject = _within(sheet.purpose[lang], 255)  # Word's core properties hold 255 characters
    props.keywords = strings.table(lang)["print"]["keywords"]
    props.category = ui["worksheet"]
    props.comments = " · ".join(part for part in (f"{LICENCE} ({LICENCE_URL})", imprint.address) if part)
    props.created = props.modified = built
    props.revision = 1
    props.version = imprint.version

    document.add_heading(f"{sheet.code}. {sheet.title[lang]}", level=1)
    for key in ("purpose", "instructions"):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{ui[key]}: ").bold = True
        paragraph.add_run(getattr(sheet, key)[lang])

    for number, fld in enumerate(sheet.fields, start=1):
        draw = _docx_field(fld)
        document.add_heading(f"{number}. {fld.label[lang]}", level=2)
        if fld.hint:
            hint = document.add_paragraph(fld.hint[lang])
            hint.style = document.styles["Quote"] if "Quote" in document.styles else normal
        draw(document, fld, lang, ui)
    buffer = io.BytesIO()
    document.save(buffer)
    return _dated(buffer.getvalue(), imprint.build_date())


def _dated(package: bytes, day: datetime.date) -> bytes:
    """The DOCX package again, every part dated with the build date (python-docx stamps the time of
    saving), so the same definition and imprint always make the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            dated = zipfile.ZipInfo(info.filename, date_time=(day.year, day.month, day.day, 0, 0, 0))
            dated.compress_type = zipfile.ZIP_DEFLATED
            dated.external_attr = 0o644 << 16
            target.writestr(dated, source.read(info.filename))
    return out.getvalue()
