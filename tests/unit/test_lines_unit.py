"""Lines to take: one bilingual file per answer; what an editor gets wrong is named, and an answer
not checked for a year is reported by `make status` and marked on the page."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from handbook.sources import lines
from handbook.sources.problems import DataError

GOOD = """id: {id}
topic: jobs
checked: {checked}
sources:
  - url: "https://example.org/law"
    title: {{bg: "Закон", en: "Law"}}
bg:
  question: "Вярно ли е?"
  answer: "Не."
en:
  question: "Is it true?"
  answer: "No."
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_answer_loads(tmp_path):
    line = lines.load(write(tmp_path, "a-b", GOOD.format(id="a-b", checked="2026-11-30")))
    assert line.topic == "jobs" and line.text["en"]["answer"] == "No."
    assert not line.stale(dt.date(2026, 12, 1)) and line.stale(dt.date(2028, 1, 1))


@pytest.mark.parametrize("change,message", [
    (lambda t: t.replace("id: a-b", "id: other"), "must equal the file name"),
    (lambda t: t.replace("topic: jobs", "topic: weather"), "is not one of"),
    (lambda t: t.replace("checked: 2026-11-30", "checked: soon"), "YYYY-MM-DD"),
    (lambda t: t.replace('url: "https://example.org/law"', 'url: "ftp://x"'), "https://"),
    (lambda t: t.replace('  answer: "No."', '  answer: ""'), "en.answer"),
    (lambda t: t + "extra: 1\n", "unknown ['extra']"),
])
def test_mistakes_name_the_file_and_the_field(tmp_path, change, message):
    path = write(tmp_path, "a-b", change(GOOD.format(id="a-b", checked="2026-11-30")))
    with pytest.raises(DataError, match=re.escape(message)) as error:
        lines.load(path)
    assert error.value.path == path


def test_status_lists_answers_to_recheck(tmp_path):
    from handbook.editors import status
    docs = tmp_path / "docs"
    for lang in ("bg", "en"):
        (docs / lang).mkdir(parents=True)
        (docs / lang / "index.md").write_text("# Home { #home }\n", encoding="utf-8")
    folder = docs / "data" / "lines-to-take"
    folder.mkdir(parents=True)
    write(folder, "old-one", GOOD.format(id="old-one", checked="2024-01-15"))
    write(folder, "new-one", GOOD.format(id="new-one", checked="2026-11-30"))
    report = status.collect(tmp_path, with_history=False, today=dt.date(2026, 12, 1))
    assert [path for path, _ in report.stale_lines] == ["docs/data/lines-to-take/old-one.yml"]
    text = status.render_text(report)
    assert "docs/data/lines-to-take/old-one.yml (checked 2024-01-15)" in text
    assert "new-one" not in text.split("re-check")[-1]


def test_mistakes_are_named_in_bulgarian_by_default(tmp_path):
    path = write(tmp_path, "a-b", GOOD.format(id="a-b", checked="2026-11-30").replace("topic: jobs", "topic: weather"))
    with pytest.raises(DataError) as error:
        lines.load(path)
    assert error.value.message.key == "lines.bad_topic"
    assert "topic “weather” is not one of benefits, jobs" in error.value.text("en")
    assert "темата „weather“ не е от допустимите – в topic изберете една от: benefits, jobs" in error.value.text("bg")
    title = GOOD.format(id="a-b", checked="2026-11-30").replace('en: "Law"', 'en: ""')
    with pytest.raises(DataError) as error:
        lines.load(write(tmp_path, "a-b", title))
    assert error.value.text("en").endswith("source 1, title en: missing or empty")
    assert error.value.text("bg").endswith("източник 1, заглавие на „en“: липсва текст – попълнете го")


def test_a_page_without_its_marker_is_named_in_both_languages():
    from handbook.render import lines as render
    with pytest.raises(DataError) as error:
        render.render_page("# Отговори\n", [], "bg", "docs/bg/lines-to-take.md")
    assert "the lines-to-take page needs the line <!-- lines-to-take -->" in error.value.text("en")
    assert "страницата „Отговори на често задавани въпроси“ трябва да съдържа реда <!-- lines-to-take -->" \
        in error.value.text("bg")
