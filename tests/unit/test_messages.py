"""The editors' messages: every key the code names exists in both languages, with the same values."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook import strings
from handbook.sources.problems import DataError, Problem
from handbook.strings import Message, editor_language, placeholders, say

SCRIPTS = Path(strings.__file__).resolve().parents[1]
LITERAL = re.compile(r'say\(\s*"([a-z_]+\.[a-z_0-9]+)"')


def _catalogue(lang):
    return {f"{area}.{name}": template for area, names in strings.table(lang)["messages"].items()
            for name, template in names.items()}


def test_every_message_the_code_names_exists_in_both_languages():
    used = {key for path in SCRIPTS.rglob("*.py") for key in LITERAL.findall(path.read_text(encoding="utf-8"))}
    assert len(used) > 150  # the scan finds the code's messages (not a vacuous pass)
    for lang in ("bg", "en"):
        missing = sorted(used - _catalogue(lang).keys())
        assert not missing, f"scripts/handbook/strings/{lang}.yml has no messages: {missing}"


def test_both_languages_take_the_same_values():
    english, bulgarian = _catalogue("en"), _catalogue("bg")
    assert english.keys() == bulgarian.keys()
    differ = [key for key in english if placeholders(english[key]) != placeholders(bulgarian[key])]
    assert not differ


def test_bulgarian_messages_use_bulgarian_quotes_and_dashes():
    """„…“ quotes and spaced en dashes; straight quotes only in what the editor types (make …,
    alt="…"), and the lint messages quote the wrong forms they report."""
    wrong = []
    for key, template in _catalogue("bg").items():
        if key.startswith("lint."):
            continue
        if template.count("„") != template.count("“") or "”" in template:
            wrong.append(key)
        if " - " in template.replace("- {{", "").replace(" -- ", ""):
            wrong.append(key)
    assert not wrong


@pytest.mark.parametrize("environ, expected", [
    ({}, "bg"),
    ({"LANG": "C.UTF-8"}, "bg"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "bg_BG.UTF-8"}, "bg"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "bg_BG.UTF-8"}, "en"),
    ({"HANDBOOK_LANG": "bg", "LANG": "en_GB.UTF-8"}, "bg"),
    ({"HANDBOOK_LANG": "en"}, "en"),
    ({"HANDBOOK_LANG": "de", "LANG": "de_DE.UTF-8"}, "bg"),
])
def test_the_tools_speak_bulgarian_unless_asked_otherwise(environ, expected):
    assert editor_language(environ) == expected


def test_a_problem_is_written_out_in_the_language_asked_for():
    problem = Problem("docs/bg/x.md", 3, say("structure.image_no_alt", src="a.png"))
    assert problem.text("en").startswith("docs/bg/x.md:3: ")
    assert problem.text("bg") != problem.text("en")
    assert "a.png" in problem.text("bg") and "a.png" in problem.text("en")
    error = DataError(Path("docs/data/glossary.yml"), say("data.not_utf8"))
    assert error.text("bg").startswith("docs/data/glossary.yml: ") and "UTF-8" in error.text("bg")
    assert str(error) == error.text("en")  # the tests run with HANDBOOK_LANG=en


def test_messages_nest_and_an_unknown_key_names_the_file_to_add_it_to():
    inner = say("worksheet.field_named", id="name")
    outer = say("data.missing_text", where=inner)
    assert outer.text("bg").startswith(inner.text("bg"))
    with pytest.raises(KeyError, match=r"strings/bg\.yml: no message messages\.nothing\.here"):
        Message("nothing.here").text("bg")
