"""Worksheets: one bilingual definition per worksheet (docs/data/worksheets/*.yml), read and
validated here. handbook.render.worksheet_pages turns it into a web page per language,
handbook.downloads.worksheet_files into a fillable PDF and a DOCX."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from handbook import strings
from handbook.sources.problems import DataError, load_yaml, require_bilingual
from handbook.strings import say

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


def _field(path: Path, index: int, raw, seen: set) -> Field:
    if not isinstance(raw, dict):
        raise DataError(path, say("worksheet.field_not_mapping", index=index))
    field_id = raw.get("id")
    where = say("worksheet.field_number", index=index) if not isinstance(field_id, str) \
        else say("worksheet.field_named", id=field_id)
    if not isinstance(field_id, str) or not _ID.match(field_id):
        raise DataError(path, say("data.bad_id", where=where))
    if field_id in seen:
        raise DataError(path, say("worksheet.duplicate_field_id", where=where))
    seen.add(field_id)
    kind = raw.get("type")
    if kind not in FIELD_TYPES:
        raise DataError(path, say("worksheet.unknown_field_type", where=where, kind=kind,
                                  types=", ".join(FIELD_TYPES)))
    label = require_bilingual(path, say("worksheet.field_label", field=where), raw.get("label"))
    hint = raw.get("hint")
    hint = None if hint is None else require_bilingual(path, say("worksheet.field_hint", field=where), hint)
    options, columns = (), ()
    if kind in CHOICE_TYPES:
        raw_options = raw.get("options")
        if not isinstance(raw_options, list) or len(raw_options) < (1 if kind == "checkboxes" else 2):
            raise DataError(path, say("worksheet.checkboxes_need_options" if kind == "checkboxes"
                                      else "worksheet.radio_needs_options", where=where))
        options = tuple(require_bilingual(path, say("worksheet.field_option", field=where, number=n), o)
                        for n, o in enumerate(raw_options, 1))
    elif "options" in raw:
        raise DataError(path, say("worksheet.options_not_allowed", where=where, kind=kind))
    if kind == "table":
        raw_columns = raw.get("columns")
        if not isinstance(raw_columns, list) or not raw_columns:
            raise DataError(path, say("worksheet.table_needs_columns", where=where))
        columns = tuple(require_bilingual(path, say("worksheet.field_column", field=where, number=n), c)
                        for n, c in enumerate(raw_columns, 1))
    elif "columns" in raw:
        raise DataError(path, say("worksheet.columns_not_allowed", where=where, kind=kind))
    rows, lines = raw.get("rows", 5), raw.get("lines", 4)
    for name, value in (("rows", rows), ("lines", lines)):
        if not isinstance(value, int) or not 1 <= value <= 30:
            raise DataError(path, say("worksheet.bad_size", where=where, name=name))
    return Field(field_id, kind, label, hint, options, columns, rows, lines)


def load(path: Path, chapter_stems: set[str] | None = None) -> Worksheet:
    """Read and validate one definition; raise DataError naming the file, the field and the problem."""
    path = Path(path)
    match = _FILE.match(path.name)
    if not match:
        raise DataError(path, say("worksheet.bad_file_name"))
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataError(path, say("worksheet.not_mapping"))
    missing = [key for key in _TOP_KEYS if key not in data]
    if missing:
        raise DataError(path, say("worksheet.missing_keys", keys=", ".join(missing)))
    unknown = set(data) - set(_TOP_KEYS)
    if unknown:
        raise DataError(path, say("worksheet.unknown_keys", keys=", ".join(sorted(map(str, unknown)))))
    code = data["code"]
    expected = f"W{int(match.group('number'))}"
    if code != expected:
        raise DataError(path, say("worksheet.code_mismatch", code=code, expected=expected))
    chapters = data["chapters"]
    if not isinstance(chapters, list) or not chapters or not all(isinstance(c, str) for c in chapters):
        raise DataError(path, say("worksheet.bad_chapters"))
    if chapter_stems is not None:
        unknown_chapters = [c for c in chapters if c not in chapter_stems]
        if unknown_chapters:
            raise DataError(path, say("worksheet.unknown_chapters", chapters=", ".join(unknown_chapters)))
    raw_fields = data["fields"]
    if not isinstance(raw_fields, list) or not raw_fields:
        raise DataError(path, say("worksheet.no_fields"))
    seen: set = set()
    if len(raw_fields) > MAX_FIELDS:
        raise DataError(path, say("worksheet.too_many_fields", count=len(raw_fields), max=MAX_FIELDS))
    fields = tuple(_field(path, n, raw, seen) for n, raw in enumerate(raw_fields, 1))
    return Worksheet(
        slug=path.stem, code=code, title=require_bilingual(path, "title", data["title"]),
        chapters=tuple(chapters), purpose=require_bilingual(path, "purpose", data["purpose"]),
        instructions=require_bilingual(path, "instructions", data["instructions"]),
        training_use=require_bilingual(path, "training_use", data["training_use"]), fields=fields, source=path)


def load_all(folder: Path, chapter_stems: set[str] | None = None) -> list[Worksheet]:
    sheets = [load(path, chapter_stems) for path in sorted(Path(folder).glob("*.yml"))]
    codes: dict[str, Path] = {}
    for sheet in sheets:
        if sheet.code in codes:
            raise DataError(sheet.source, say("worksheet.duplicate_code", code=sheet.code,
                                              other=codes[sheet.code].name))
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
