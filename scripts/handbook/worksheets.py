"""Worksheets: one bilingual definition per worksheet (docs/data/worksheets/*.yml), validated here
and turned into a web page per language (this module), a fillable PDF (pdf.py) and a DOCX
(docx_export.py)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from .content import LANGUAGES
from .data import DataError, load_yaml

FIELD_TYPES = ("text", "long_text", "date", "checkboxes", "table", "rating")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILE = re.compile(r"^w(?P<number>\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.yml$")
_TOP_KEYS = ("code", "title", "chapters", "purpose", "instructions", "training_use", "fields")

UI = {
    "bg": {
        "purpose": "За какво служи", "chapters": "Към кои глави", "training": "Как да го използвате в обучение",
        "instructions": "Как се попълва", "downloads": "Изтегляне", "preview": "Преглед на формуляра",
        "pdf": "PDF за попълване", "docx": "DOCX за редактиране", "rating_low": "слабо", "rating_high": "отлично",
        "preview_note": "Прегледът показва полетата на работния лист. За да го попълните, изтеглете PDF "
                        "(попълва се на екрана или на ръка) или DOCX (за Word и LibreOffice).",
        "row": "ред", "catalogue": "Работни листове", "code": "Код", "title": "Работен лист",
        "formats": "Файлове", "zip": "Всички работни листове в един архив (ZIP)",
        "date_hint": "дд.мм.гггг", "worksheet": "Работен лист",
    },
    "en": {
        "purpose": "What it is for", "chapters": "Chapters it serves", "training": "How to use it in a training",
        "instructions": "How to fill it in", "downloads": "Download", "preview": "Preview of the form",
        "pdf": "Fillable PDF", "docx": "Editable DOCX", "rating_low": "poor", "rating_high": "excellent",
        "preview_note": "The preview shows the fields of the worksheet. To fill it in, download the PDF "
                        "(fill it in on screen or by hand) or the DOCX (for Word and LibreOffice).",
        "row": "row", "catalogue": "Worksheets", "code": "Code", "title": "Worksheet",
        "formats": "Files", "zip": "All worksheets in one archive (ZIP)",
        "date_hint": "dd/mm/yyyy", "worksheet": "Worksheet",
    },
}


@dataclass(frozen=True)
class Field:
    id: str
    type: str
    label: dict
    hint: dict | None = None
    options: tuple = ()
    columns: tuple = ()
    rows: int = 5
    lines: int = 4


@dataclass(frozen=True)
class Worksheet:
    slug: str  # e.g. "w02-action-plan": the file stem, page name and download name
    code: str  # e.g. "W2"
    title: dict
    chapters: tuple
    purpose: dict
    instructions: dict
    training_use: dict
    fields: tuple
    source: Path = field(compare=False, default=None)

    @property
    def number(self) -> int:
        return int(self.slug[1:3])

    def text(self, lang: str, key: str) -> str:
        return getattr(self, key)[lang]

    def file_name(self, lang: str, ext: str) -> str:
        return f"{self.slug}-{lang}.{ext}"


def _bilingual(path: Path, where: str, value) -> dict:
    if not isinstance(value, dict):
        raise DataError(path, f"{where}: needs a Bulgarian and an English text ({{bg: …, en: …}})")
    out = {}
    for lang in LANGUAGES:
        text = value.get(lang)
        if not isinstance(text, str) or not text.strip():
            raise DataError(path, f"{where}: missing the “{lang}” translation")
        out[lang] = " ".join(text.split())
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise DataError(path, f"{where}: unknown language key(s) {', '.join(sorted(unknown))}")
    return out


def _field(path: Path, index: int, raw, seen: set) -> Field:
    if not isinstance(raw, dict):
        raise DataError(path, f"field {index}: must be a mapping with id, type and label")
    field_id = raw.get("id")
    where = f"field {index}" if not isinstance(field_id, str) else f"field “{field_id}”"
    if not isinstance(field_id, str) or not _ID.match(field_id):
        raise DataError(path, f"{where}: id must be lower-case ASCII words joined by hyphens")
    if field_id in seen:
        raise DataError(path, f"{where}: duplicate id (ids must be unique within a worksheet)")
    seen.add(field_id)
    kind = raw.get("type")
    if kind not in FIELD_TYPES:
        raise DataError(path, f"{where}: unknown field type “{kind}”; use one of {', '.join(FIELD_TYPES)}")
    label = _bilingual(path, f"{where}, label", raw.get("label"))
    hint = _bilingual(path, f"{where}, hint", raw["hint"]) if raw.get("hint") is not None else None
    options, columns = (), ()
    if kind == "checkboxes":
        raw_options = raw.get("options")
        if not isinstance(raw_options, list) or len(raw_options) < 1:
            raise DataError(path, f"{where}: a checkbox list needs options")
        options = tuple(_bilingual(path, f"{where}, option {n}", o) for n, o in enumerate(raw_options, 1))
    elif "options" in raw:
        raise DataError(path, f"{where}: only a checkbox list has options (type is {kind})")
    if kind == "table":
        raw_columns = raw.get("columns")
        if not isinstance(raw_columns, list) or not raw_columns:
            raise DataError(path, f"{where}: a table needs named columns")
        columns = tuple(_bilingual(path, f"{where}, column {n}", c) for n, c in enumerate(raw_columns, 1))
    elif "columns" in raw:
        raise DataError(path, f"{where}: only a table has columns (type is {kind})")
    rows, lines = raw.get("rows", 5), raw.get("lines", 4)
    for name, value in (("rows", rows), ("lines", lines)):
        if not isinstance(value, int) or not 1 <= value <= 30:
            raise DataError(path, f"{where}: {name} must be a whole number from 1 to 30")
    return Field(field_id, kind, label, hint, options, columns, rows, lines)


def load(path: Path, chapter_stems: set[str] | None = None) -> Worksheet:
    """Read and validate one definition; raise DataError naming the file, the field and the problem."""
    path = Path(path)
    match = _FILE.match(path.name)
    if not match:
        raise DataError(path, "file name must look like w02-action-plan.yml (w, two digits, kebab-case)")
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataError(path, "a worksheet definition must be a mapping (code, title, fields, …)")
    missing = [key for key in _TOP_KEYS if key not in data]
    if missing:
        raise DataError(path, f"missing {', '.join(missing)}")
    unknown = set(data) - set(_TOP_KEYS)
    if unknown:
        raise DataError(path, f"unknown key(s) {', '.join(sorted(unknown))}")
    code = data["code"]
    if code != f"W{int(match.group('number'))}":
        raise DataError(path, f"code “{code}” does not match the file name (expected W{int(match.group('number'))})")
    chapters = data["chapters"]
    if not isinstance(chapters, list) or not chapters or not all(isinstance(c, str) for c in chapters):
        raise DataError(path, "chapters: a list of chapter file names such as 09-action-plan")
    if chapter_stems is not None:
        unknown_chapters = [c for c in chapters if c not in chapter_stems]
        if unknown_chapters:
            raise DataError(path, f"chapters: no such chapter {', '.join(unknown_chapters)}")
    raw_fields = data["fields"]
    if not isinstance(raw_fields, list) or not raw_fields:
        raise DataError(path, "fields: a worksheet needs at least one field")
    seen: set = set()
    fields = tuple(_field(path, n, raw, seen) for n, raw in enumerate(raw_fields, 1))
    return Worksheet(
        slug=path.stem, code=code, title=_bilingual(path, "title", data["title"]),
        chapters=tuple(chapters), purpose=_bilingual(path, "purpose", data["purpose"]),
        instructions=_bilingual(path, "instructions", data["instructions"]),
        training_use=_bilingual(path, "training_use", data["training_use"]), fields=fields, source=path)


def load_all(folder: Path, chapter_stems: set[str] | None = None) -> list[Worksheet]:
    sheets = [load(path, chapter_stems) for path in sorted(Path(folder).glob("*.yml"))]
    codes: dict[str, Path] = {}
    for sheet in sheets:
        if sheet.code in codes:
            raise DataError(sheet.source, f"duplicate worksheet code {sheet.code} (also in {codes[sheet.code].name})")
        codes[sheet.code] = sheet.source
    return sorted(sheets, key=lambda s: s.number)


def choices(fld: Field, lang: str) -> list[str]:
    """The labels of the boxes of a checkbox list, or of a rating's five: "1 (poor)" … "5 (excellent)".
    The web preview, the PDF and the DOCX all use these."""
    if fld.type == "checkboxes":
        return [option[lang] for option in fld.options]
    ui = UI[lang]
    ends = {1: ui["rating_low"], 5: ui["rating_high"]}
    return [f"{n} ({ends[n]})" if n in ends else str(n) for n in range(1, 6)]


# --- the web page ------------------------------------------------------------------------------

def _e(text: str) -> str:
    return html.escape(text, quote=True)


def preview_html(sheet: Worksheet, lang: str) -> str:
    """An HTML rendering of the form, faithful to the PDF: same fields, order, options and columns."""
    ui = UI[lang]
    out = [f'<div class="worksheet-preview" role="group" aria-label="{_e(ui["preview"])}: {_e(sheet.code)}">']
    for number, fld in enumerate(sheet.fields, start=1):
        fid = f"{sheet.slug}-{fld.id}"
        label = f"{number}. {fld.label[lang]}"
        hint = f'<p class="worksheet-hint" id="{fid}-hint">{_e(fld.hint[lang])}</p>' if fld.hint else ""
        described = f' aria-describedby="{fid}-hint"' if fld.hint else ""
        out.append(f'<div class="worksheet-field worksheet-field--{fld.type}">')
        if fld.type in ("text", "date"):
            placeholder = f' placeholder="{_e(ui["date_hint"])}"' if fld.type == "date" else ""
            out.append(f'<label for="{fid}">{_e(label)}</label>{hint}'
                       f'<input type="text" id="{fid}" readonly{placeholder}{described}>')
        elif fld.type == "long_text":
            out.append(f'<label for="{fid}">{_e(label)}</label>{hint}'
                       f'<textarea id="{fid}" rows="{min(fld.lines, 6)}" readonly{described}></textarea>')
        elif fld.type in ("checkboxes", "rating"):
            kind = "checkbox" if fld.type == "checkboxes" else "radio"
            out.append(f'<fieldset{described}><legend>{_e(label)}</legend>{hint}<ul class="worksheet-choices">')
            for choice in choices(fld, lang):
                out.append(f'<li><label><input type="{kind}" name="{fid}" disabled> {_e(choice)}</label></li>')
            out.append("</ul></fieldset>")
        elif fld.type == "table":
            out.append(f'<p class="worksheet-table-label" id="{fid}">{_e(label)}</p>{hint}')
            out.append(f'<div class="md-typeset__scrollwrap"><table aria-labelledby="{fid}"><thead><tr>')
            out.append("".join(f'<th scope="col">{_e(c[lang])}</th>' for c in fld.columns))
            out.append("</tr></thead><tbody>")
            for _ in range(min(fld.rows, 3)):
                out.append("<tr>" + "<td></td>" * len(fld.columns) + "</tr>")
            out.append("</tbody></table></div>")
        out.append("</div>")
    out.append("</div>")
    return "\n".join(out)


def human_size(num_bytes: int, lang: str) -> str:
    unit = "КБ" if lang == "bg" else "KB"
    if num_bytes >= 1024 * 1024:
        unit = "МБ" if lang == "bg" else "MB"
        value = f"{num_bytes / (1024 * 1024):.1f}"
    else:
        value = f"{max(1, round(num_bytes / 1024))}"
    return f"{value.replace('.', ',') if lang == 'bg' else value} {unit}"


def download_links(files: dict[str, tuple[str, int]], lang: str, prefix: str = "") -> str:
    """Download buttons for {"pdf": (href, size), "docx": (href, size)}."""
    ui = UI[lang]
    buttons = []
    for kind in ("pdf", "docx"):
        if kind in files:
            href, size = files[kind]
            buttons.append(f'<a class="md-button md-button--primary worksheet-download" href="{_e(prefix + href)}" '
                           f'download>{_e(ui[kind])} <span class="worksheet-size">({kind.upper()}, {human_size(size, lang)})</span></a>')
    return '<p class="worksheet-downloads">' + " ".join(buttons) + "</p>"


def page_markdown(sheet: Worksheet, lang: str, files: dict, chapter_titles: dict) -> str:
    """The Markdown of the worksheet's page in one language."""
    ui = UI[lang]
    chapter_links = "\n".join(
        f"- [{chapter_titles.get(stem, stem)}](../chapters/{stem}.md)" if stem != "trainers-guide"
        else f"- [{chapter_titles.get(stem, stem)}](../trainers-guide.md)"
        for stem in sheet.chapters)
    return "\n".join([
        f"# {sheet.code}. {sheet.title[lang]} {{ #worksheet }}",
        "",
        sheet.purpose[lang],
        "",
        f"## {ui['downloads']} {{ #downloads }}",
        "",
        download_links(files, lang),
        "",
        f"## {ui['chapters']} {{ #chapters }}",
        "",
        chapter_links,
        "",
        f"## {ui['instructions']} {{ #instructions }}",
        "",
        sheet.instructions[lang],
        "",
        f"## {ui['training']} {{ #training-use }}",
        "",
        sheet.training_use[lang],
        "",
        f"## {ui['preview']} {{ #preview }}",
        "",
        ui["preview_note"],
        "",
        preview_html(sheet, lang),
        "",
    ])


def catalogue_markdown(sheets: list[Worksheet], lang: str, files: dict, zip_file: tuple[str, int] | None,
                       chapter_titles: dict) -> str:
    """The catalogue table (inserted into worksheets/index.md at its marker)."""
    ui = UI[lang]
    head = {"bg": ("Код", "Работен лист", "За какво служи", "Глава", "Файлове"),
            "en": ("Code", "Worksheet", "Purpose", "Chapter", "Files")}[lang]
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|---|---|"]
    for sheet in sheets:
        main = sheet.chapters[0]
        chapter = (f"[{chapter_titles.get(main, main)}](../chapters/{main}.md)" if main != "trainers-guide"
                   else f"[{chapter_titles.get(main, main)}](../trainers-guide.md)")
        links = []
        for kind in ("pdf", "docx"):
            if (sheet.slug, kind) in files:
                href, size = files[(sheet.slug, kind)]
                links.append(f'<a href="{_e(href)}" download>{kind.upper()}, {human_size(size, lang)}</a>')
        purpose = sheet.purpose[lang].split(". ")[0].rstrip(".") + "."
        rows.append(f"| {sheet.code} | [{sheet.title[lang]}]({sheet.slug}.md) | {purpose} | {chapter} | "
                    + " · ".join(links) + " |")
    out = "\n".join(rows)
    if zip_file:
        href, size = zip_file
        out += (f'\n\n<p class="worksheet-downloads"><a class="md-button md-button--primary" href="{_e(href)}" '
                f'download>{_e(ui["zip"])} <span class="worksheet-size">(ZIP, {human_size(size, lang)})</span></a></p>')
    return out


CATALOGUE_MARKER = "<!-- worksheets-catalogue -->"
