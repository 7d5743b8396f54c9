"""Downloadable worksheet files: a fillable, tagged A4 PDF and an editable DOCX per language."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass

from handbook.downloads import pdf
from handbook import strings
from handbook.sources.worksheets import Worksheet, choices



@dataclass(frozen=True)
class Imprint:
    """What every downloaded file says about where it comes from."""
    handbook: dict  # language -> handbook name
    site_url: str


def _e(text: str) -> str:
    return html.escape(text, quote=True)


PRINT_CSS = """
@page {
  size: A4; margin: 22mm 16mm 20mm 16mm;
  @top-left { content: string(sheet-title); font: 700 9pt "Sofia Sans"; color: #333; }
  @bottom-left { content: "%(imprint)s"; font: 8pt "Sofia Sans"; color: #444; }
  @bottom-right { content: "%(page)s " counter(page) " %(of)s " counter(pages); font: 8pt "Sofia Sans"; color: #444; }
}
html { font-family: "Sofia Sans", sans-serif; font-size: 10.5pt; line-height: 1.35; color: #000; }
h1 { font-size: 17pt; margin: 0 0 3mm; string-set: sheet-title content(); }
.intro { margin: 0 0 2mm; }
.intro-label { font-weight: 700; }
.field { margin: 0 0 4mm; break-inside: avoid; }
.label { font-weight: 700; display: block; margin-bottom: 1mm; }
.hint { font-size: 9pt; color: #333; margin: 0 0 1mm; }
input[type=text], textarea {
  display: block; width: 100%%; box-sizing: border-box; border: 0.6pt solid #555;
  font: 10pt "Sofia Sans"; background: #fff;
}
input[type=text] { height: 9mm; }
textarea { resize: none; }
ul.choices { list-style: none; margin: 0; padding: 0; columns: 2; column-gap: 8mm; }
ul.choices.rating { columns: 1; display: block; }
ul.choices li { margin: 0 0 1.2mm; break-inside: avoid; }
ul.rating li { display: inline-block; margin-right: 7mm; }
input[type=checkbox] { width: 4mm; height: 4mm; border: 0.6pt solid #333; vertical-align: -0.6mm; margin: 0 1.5mm 0 0; }
table { width: 100%%; border-collapse: collapse; table-layout: fixed; }
th { font-size: 9pt; text-align: left; background: #eee; border: 0.6pt solid #555; padding: 1mm; }
td { border: 0.6pt solid #555; padding: 0; height: 10mm; }
td input[type=text] { border: 0; height: 9.6mm; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
"""


def print_html(sheet: Worksheet, lang: str, imprint: Imprint, body_only: bool = False) -> str:
    """The worksheet's print document; with body_only, its body for the trainer edition's appendix
    (whose title then names the running page header)."""
    ui = strings.table(lang)["worksheet"]
    page, of = strings.table(lang)["page"]["page"], strings.table(lang)["page"]["of"]
    css = PRINT_CSS % {"imprint": f"{imprint.handbook[lang]} · {imprint.site_url}".replace('"', "'"),
                       "page": page, "of": of}
    head = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{_e(sheet.code)}. {_e(sheet.title[lang])}</title>",
        f'<meta name="author" content="{_e(imprint.handbook[lang])}">',
        f'<meta name="description" content="{_e(sheet.purpose[lang])}">',
        f"<style>{pdf.FONT_CSS}\n{css}</style></head><body>",
    ]
    running = ' style="string-set: running-title content(text)"' if body_only else ""
    parts = [
        f"<h1{running}>{_e(sheet.code)}. {_e(sheet.title[lang])}</h1>",
        f'<p class="intro"><span class="intro-label">{_e(ui["purpose"])}:</span> {_e(sheet.purpose[lang])}</p>',
        f'<p class="intro"><span class="intro-label">{_e(ui["instructions"])}:</span> {_e(sheet.instructions[lang])}</p>',
    ]
    for number, fld in enumerate(sheet.fields, start=1):
        name = fld.id
        label = f"{number}. {fld.label[lang]}"
        hint = f'<p class="hint">{_e(fld.hint[lang])}</p>' if fld.hint else ""
        parts.append('<div class="field">')
        if fld.type in ("text", "date"):
            extra = f' ({ui["date_hint"]})' if fld.type == "date" else ""
            parts.append(f'<label class="label" for="{name}">{_e(label)}{_e(extra)}</label>{hint}'
                         f'<input type="text" id="{name}" name="{name}" title="{_e(fld.label[lang])}">')
        elif fld.type == "long_text":
            parts.append(f'<label class="label" for="{name}">{_e(label)}</label>{hint}'
                         f'<textarea id="{name}" name="{name}" title="{_e(fld.label[lang])}" '
                         f'style="height: {fld.lines * 8}mm"></textarea>')
        elif fld.type in ("checkboxes", "rating"):
            css_class = "choices rating" if fld.type == "rating" else "choices"
            parts.append(f'<span class="label">{_e(label)}</span>{hint}<ul class="{css_class}">')
            for n, choice in enumerate(choices(fld, lang), start=1):
                parts.append(f'<li><input type="checkbox" id="{name}-{n}" name="{name}-{n}" '
                             f'title="{_e(fld.label[lang])}: {_e(choice)}"><label for="{name}-{n}">{_e(choice)}</label></li>')
            parts.append("</ul>")
        elif fld.type == "table":
            parts.append(f'<span class="label">{_e(label)}</span>{hint}<table><thead><tr>')
            parts.append("".join(f"<th>{_e(c[lang])}</th>" for c in fld.columns))
            parts.append("</tr></thead><tbody>")
            for row in range(1, fld.rows + 1):
                cells = "".join(
                    f'<td><input type="text" name="{name}-r{row}c{col}" '
                    f'title="{_e(c[lang])}, {ui["row"]} {row}"></td>'
                    for col, c in enumerate(fld.columns, start=1))
                parts.append(f"<tr>{cells}</tr>")
            parts.append("</tbody></table>")
        parts.append("</div>")
    if body_only:
        return "\n" + "\n".join(parts) + "\n"
    return "\n".join(head + parts + ["</body></html>"])


def form_field_count(sheet: Worksheet) -> int:
    """How many fillable fields the PDF carries (the tests compare this with the PDF)."""
    count = 0
    for fld in sheet.fields:
        if fld.type in ("text", "date", "long_text"):
            count += 1
        elif fld.type == "checkboxes":
            count += len(fld.options)
        elif fld.type == "rating":
            count += 5
        elif fld.type == "table":
            count += fld.rows * len(fld.columns)
    return count


def render_pdf(sheet: Worksheet, lang: str, imprint: Imprint) -> bytes:
    return pdf.render(print_html(sheet, lang, imprint), base_url=str(pdf.FONTS), forms=True)


# --- DOCX --------------------------------------------------------------------------------------

def render_docx(sheet: Worksheet, lang: str, imprint: Imprint) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
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
        footer.text = f"{imprint.handbook[lang]} · {imprint.site_url}"
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

    props = document.core_properties
    props.title = f"{sheet.code}. {sheet.title[lang]}"
    props.language = strings.table(lang)["locale"]
    props.author = imprint.handbook[lang]
    props.subject = sheet.purpose[lang]
    props.comments = imprint.site_url

    def checkbox_run(paragraph, text):
        """A real, tickable Word check box (w14 content control) followed by its text."""
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
        text_el = OxmlElement("w:t")
        text_el.text = "☐"
        run.append(text_el)
        content.append(run)
        sdt.append(content)
        paragraph._p.append(sdt)
        paragraph.add_run(f" {text}")

    document.add_heading(f"{sheet.code}. {sheet.title[lang]}", level=1)
    for key in ("purpose", "instructions"):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{ui[key]}: ").bold = True
        paragraph.add_run(getattr(sheet, key)[lang])

    for number, fld in enumerate(sheet.fields, start=1):
        document.add_heading(f"{number}. {fld.label[lang]}", level=2)
        if fld.hint:
            hint = document.add_paragraph(fld.hint[lang])
            hint.style = document.styles["Quote"] if "Quote" in document.styles else normal
        if fld.type in ("text", "date", "long_text"):
            lines = fld.lines if fld.type == "long_text" else 1
            box = document.add_table(rows=1, cols=1)
            box.style = "Table Grid"
            cell = box.rows[0].cells[0]
            cell.text = ui["date_hint"] if fld.type == "date" else ""
            for _ in range(lines - 1):
                cell.add_paragraph("")
        elif fld.type == "checkboxes":
            for choice in choices(fld, lang):
                checkbox_run(document.add_paragraph(), choice)
        elif fld.type == "rating":
            paragraph = document.add_paragraph()
            for choice in choices(fld, lang):
                checkbox_run(paragraph, choice + "   ")
        elif fld.type == "table":
            table = document.add_table(rows=1 + fld.rows, cols=len(fld.columns))
            table.style = "Table Grid"
            table.alignment = WD_TABLE_ALIGNMENT.CENTER
            for cell, column in zip(table.rows[0].cells, fld.columns):
                cell.text = ""
                cell.paragraphs[0].add_run(column[lang]).bold = True
            # the header row repeats on every page
            tr_pr = table.rows[0]._tr.get_or_add_trPr()
            repeat = OxmlElement("w:tblHeader")
            repeat.set(qn("w:val"), "true")
            tr_pr.append(repeat)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
