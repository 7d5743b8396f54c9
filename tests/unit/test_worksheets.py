"""Worksheet definitions: one bilingual file each, numbered without gaps; bad definitions name the
file, the field and the problem; unchanged worksheets are not rendered again."""

from __future__ import annotations

import pytest

from handbook.sources import worksheets
from handbook.sources.problems import DataError

from support import ROOT
DEFINITIONS = ROOT / "docs" / "data" / "worksheets"
SHEETS = worksheets.load_all(DEFINITIONS)


def test_worksheets_are_numbered_without_gaps():
    assert [s.code for s in SHEETS] == [f"W{n}" for n in range(1, len(SHEETS) + 1)]
    assert len(SHEETS) >= 14


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
    (lambda t: t.replace("type: text", "type: slider"),
     "field “name”: unknown field type “slider”"),
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


# --- the editor's language ---------------------------------------------------------------------

@pytest.mark.parametrize("change, key, english, bulgarian", [
    (lambda t: t.replace("label: {bg: Име, en: Name}", "label: {bg: Име}"), "data.missing_translation",
     "field “name”, label: missing the “en” translation", "поле „name“, надпис (label): липсва текстът на езика „en“"),
    (lambda t: t.replace("type: text", "type: slider"), "worksheet.unknown_field_type",
     "field “name”: unknown field type “slider”", "поле „name“: непознат вид поле „slider“"),
    (lambda t: t.split("    columns:")[0], "worksheet.table_needs_columns",
     "field “plan”: a table needs named columns", "запишете имената на колоните в columns"),
    (lambda t: t.replace("code: W3", "code: W7"), "worksheet.code_mismatch",
     "code “W7” does not match the file name (expected W3)", "запишете code: W3"),
])
def test_mistakes_are_named_in_bulgarian_by_default(tmp_path, change, key, english, bulgarian):
    with pytest.raises(DataError) as caught:
        worksheets.load(write(tmp_path, change(GOOD)))
    error = caught.value
    assert error.message.key == key
    assert english in error.text("en")
    assert bulgarian in error.text("bg") and english not in error.text("bg")


def test_the_shared_bilingual_check_keeps_the_place_in_both_languages(tmp_path):
    from handbook.sources.problems import require_bilingual
    assert require_bilingual(tmp_path, "title", {"bg": " Заглавие\n на  две ", "en": "Title"}) == \
        {"bg": "Заглавие на две", "en": "Title"}
    with pytest.raises(DataError) as caught:
        require_bilingual(tmp_path, "title", {"bg": "Т", "en": "T", "fr": "T"})
    assert caught.value.message.key == "data.unknown_languages"
    assert "title: unknown language key(s) fr" in caught.value.text("en")
    assert "title: освен bg и en не се допускат други езици (тук има: fr)" in caught.value.text("bg")


def test_statement_translations_name_their_mistakes_in_both_languages(tmp_path):
    from handbook.downloads import translations
    path = tmp_path / "w11-informed-consent.yml"
    path.write_text("worksheet: w11-informed-consent\nlanguages:\n  uk:\n    title: Згода\n    statement: текст\n",
                    encoding="utf-8")
    with pytest.raises(DataError) as caught:
        translations.load(path)
    assert caught.value.message.key == "translations.statement_not_list"
    assert "languages.uk.statement: a list of paragraphs" in caught.value.text("en")
    assert "languages.uk.statement: запишете текста като списък от абзаци" in caught.value.text("bg")


def test_a_statement_without_its_worksheet_is_a_problem(tmp_path):
    from handbook.project import Project
    docs = tmp_path / "docs"
    for folder in ("worksheets", "translations"):
        (docs / "data" / folder).mkdir(parents=True)
    write(docs / "data" / "worksheets", GOOD.replace("[04-effective-campaigns]", "[trainers-guide]"))
    (docs / "data" / "translations" / "w09-missing.yml").write_text(
        "worksheet: w09-missing\nlanguages: {}\n", encoding="utf-8")
    _, problems = Project.load(docs)
    [problem] = [p for p in problems if p.path == "docs/data/translations/w09-missing.yml"]
    assert problem.message.key == "project.no_worksheet"
    assert "no worksheet w09-missing: name the worksheet file" in problem.text("en")
    assert "няма работен лист w09-missing – наречете файла с преводите" in problem.text("bg")
