"""Broken or hostile files are reported quickly with the file and what to do, never read in a way
that hangs, crashes or eats memory."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from handbook.checks import structure
from handbook.sources import worksheets
from handbook.sources.problems import DataError, load_yaml

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, "
    f"*{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}, *{chr(97 + n)}]\n" for n in range(8))


def test_a_yaml_alias_bomb_is_refused_at_once(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text(BOMB, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DataError, match="anchors and aliases"):
        load_yaml(path)
    assert time.perf_counter() - started < 5


def test_a_data_file_that_is_not_utf8_is_named(tmp_path):
    path = tmp_path / "w01-x.yml"
    path.write_bytes("title: Работен лист\n".encode("cp1251"))
    with pytest.raises(DataError, match="not UTF-8"):
        load_yaml(path)


def _docs(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    for lang in ("bg", "en"):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "index.md").write_text("# Home { #home }\n", encoding="utf-8")
    return docs


@pytest.mark.parametrize("make,expected", [
    (lambda d: (d / "bg" / "page.md").write_bytes("# Глава\n".encode("cp1251")), "is not UTF-8 text"),
    (lambda d: (d / "bg" / "page.md").write_bytes(b"# T\n\x00\x01\x02"), "contains NUL bytes"),
    (lambda d: (d / "bg" / "page.md").write_text("# T { #t }\n" + "дума " * 200_000, encoding="utf-8"),
     "split it into several pages"),
    (lambda d: (d / "bg" / "my page.md").write_text("# T { #t }\n", encoding="utf-8"), "rename it"),
    (lambda d: (d / "bg" / "глава.md").write_text("# T { #t }\n", encoding="utf-8"), "rename it"),
    (lambda d: os.symlink("/etc/hostname", d / "bg" / "secret.md"), "outside docs/"),
])
def test_unsafe_files_are_reported_before_anything_reads_them(tmp_path, make, expected):
    docs = _docs(tmp_path)
    make(docs)
    problems = structure.check_files(docs)
    assert any(expected in p.text("en") and p.path.startswith("docs/bg/") for p in problems), problems


def test_a_heading_with_html_is_reported():
    problems = structure.check_page("docs/bg/x.md", "# Заглавие { #t }\n\n## <b>Важно</b> { #important }\n")
    assert any(p.message.key == "structure.html_in_heading" and p.line == 3 for p in problems)
    assert any("заглавието „<b>Важно</b>“ съдържа HTML: напишете го като обикновен текст" in p.text("bg")
               for p in problems)


def test_a_worksheet_with_hundreds_of_fields_is_refused(tmp_path):
    fields = "".join(f"  - {{id: f{n}, type: text, label: {{bg: Поле, en: Field}}}}\n" for n in range(300))
    path = tmp_path / "w01-huge.yml"
    path.write_text("code: W1\ntitle: {bg: Т, en: T}\nchapters: [01-introduction]\npurpose: {bg: а, en: a}\n"
                    "instructions: {bg: а, en: a}\ntraining_use: {bg: а, en: a}\nfields:\n" + fields, encoding="utf-8")
    with pytest.raises(DataError, match="at most 60 fields"):
        worksheets.load(path)


@pytest.mark.parametrize("make,expected", [
    (lambda d: (d / "bg" / "page.md").write_bytes("# Глава\n".encode("cp1251")),
     "docs/bg/page.md:1: файлът не е текст в UTF-8: отворете го в текстов редактор"),
    (lambda d: (d / "bg" / "my page.md").write_text("# T { #t }\n", encoding="utf-8"),
     "docs/bg/my page.md: името на файла „my page.md“ съдържа интервали, главни букви или букви извън "
     "латинските a–z: преименувайте го, например на „my-page.md“"),
    (lambda d: (d / "bg" / "глава").write_text("# T { #t }\n", encoding="utf-8"), "например на „ime-na-latinica“"),
])
def test_unsafe_files_are_reported_in_bulgarian(tmp_path, make, expected):
    docs = _docs(tmp_path)
    make(docs)
    assert any(expected in p.text("bg") for p in structure.check_files(docs))


def test_the_real_docs_pass():
    assert structure.check_files(Path(__file__).resolve().parents[2] / "docs") == []
