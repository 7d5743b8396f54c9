"""Worksheets: one bilingual definition per worksheet (docs/data/worksheets/*.yml), read and
validated here. handbook.render.worksheet_pages turns it into a web page per language,
handbook.downloads.worksheet_files into a fillable PDF and a DOCX."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from handbook import strings
from handbook.languages import LANGUAGES
from handbook.sources.problems import DataError, load_yaml

FIELD_TYPES = ("text", "long_text", "date", "checkboxes", "radio", "table", "rating", "signature")
CHOICE_TYPES = ("checkboxes", "radio")
MAX_FIELDS = 60  # rows of a table and lines of a long text: 1 to 30 (checked in _field)  # the types with options: several boxes, or one of them
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_FILE = re.compile(r"^w(?P<number>\d{2})-[a-z0-9]+(?:-[a-z0-9]+)*\.yml$")
_TOP_KEYS = ("code", "title", "chapters", "purpose", "instructions", "training_use", "fields")

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
    if kind in CHOICE_TYPES:
        raw_options = raw.get("options")
        if not isinstance(raw_options, list) or len(raw_options) < (1 if kind == "checkboxes" else 2):
            raise DataError(path, f"{where}: a {'checkbox list' if kind == 'checkboxes' else 'single choice'} "
                                  f"needs options ({'one' if kind == 'checkboxes' else 'two'} or more)")
        options = tuple(_bilingual(path, f"{where}, option {n}", o) for n, o in enumerate(raw_options, 1))
    elif "options" in raw:
        raise DataError(path, f"{where}: only a checkbox list or a single choice (radio) has options (type is {kind})")
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
    if len(raw_fields) > MAX_FIELDS:
        raise DataError(path, f"has {len(raw_fields)} fields; a worksheet is a handout of a few pages with at most "
                              f"{MAX_FIELDS} fields: split it into two worksheets")
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
    if fld.type in CHOICE_TYPES:
        return [option[lang] for option in fld.options]
    ui = strings.table(lang)["worksheet"]
    ends = {1: ui["rating_low"], 5: ui["rating_high"]}
    return [f"{n} ({ends[n]})" if n in ends else str(n) for n in range(1, 6)]


# --- the web page ------------------------------------------------------------------------------
