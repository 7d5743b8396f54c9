"""The messages of the Markdown lint, the spelling check and `linkcheck` are Messages: English on
request (the tests' HANDBOOK_LANG=en), Bulgarian by default, with the same file, line and rule."""

from __future__ import annotations

import pytest

from handbook.checks import links, lint, spelling
from handbook.sources.problems import Problem
from handbook.strings import say


def _findings(markdown: str, language: str = "bg") -> dict[str, lint.Finding]:
    findings, _ = lint.lint_text("docs/bg/about.md", markdown, language)
    return {finding.message.key: finding for finding in findings}


def test_lint_findings_are_problems_with_a_rule_and_a_message_key():
    found = _findings("# За наръчника { #about }\n\nТекст с \"кавички\" - и тире.   \n")
    assert set(found) == {"lint.trailing_space", "lint.dash", "lint.quotes_bg"}
    dash = found["lint.dash"]
    assert isinstance(dash, Problem) and dash.rule == "dash" and dash.fixable and dash.line == 3
    assert str(dash) == "docs/bg/about.md:3: a spaced hyphen “ - ” between words is a dash: “ – ” [dash]"
    assert dash.text("bg") == "docs/bg/about.md:3: дефис с интервали „ - “ между думи е тире: запишете „ – “ [dash]"


def test_lint_messages_in_bulgarian_say_what_to_do():
    found = _findings("# За наръчника { #about }\n\n!!! exmaple \"Пример\"\n    Текст.\n\n"
                      "Виж https://example.org/report тук.\n\n[изчезнала]()\n")
    kind = found["lint.admonition_type"]
    assert not kind.fixable
    assert kind.text("en") == ("docs/bg/about.md:3: unknown admonition type “exmaple”; use one of example, note, "
                               "tip, warning, trainer (or another Material type) [admonition-type]")
    assert "непознат вид блок „exmaple“: използвайте example" in kind.text("bg")
    assert "адресът https://example.org/report е написан без текст на връзка" in found["lint.bare_url"].text("bg")
    assert "връзката „изчезнала“ няма адрес" in found["lint.empty_link_target"].text("bg")


def test_lint_admonition_space_keeps_its_code_and_the_type():
    found = _findings("# За наръчника { #about }\n\n!!!example \"Пример\"\n    Текст.\n")
    space = found["lint.admonition_space"]
    assert space.text("en").endswith("put a space between `!!!` and “example” [admonition-syntax]")
    assert "поставете интервал между `!!!` и „example“" in space.text("bg")


def test_misspellings_in_both_languages():
    typo = spelling.Misspelling("docs/en/about.md", 5, "recieves", "en", ("receives", "relieves"))
    assert str(typo) == ("docs/en/about.md:5: “recieves” is not in the en_GB dictionary (did you mean receives, "
                         "relieves?); fix the typo, or if it is a name or term add it to docs/data/wordlists/en.txt")
    assert typo.message.key == "spelling.unknown_with_suggestions"
    assert typo.text("bg") == ("docs/en/about.md:5: думата „recieves“ липсва в правописния речник en_GB (може би: "
                               "receives, relieves): поправете грешката, а ако това е име или термин, добавете я в "
                               "docs/data/wordlists/en.txt")
    name = spelling.Misspelling("docs/bg/about.md", 5, "Несебър", "bg")
    assert name.message.key == "spelling.unknown" and "docs/data/wordlists/bg.txt" in name.text("bg")
    mixed = spelling.Misspelling("docs/bg/about.md", 9, "Бургаc", "mixed")
    assert "mixes Latin and Cyrillic letters" in mixed.text("en")
    assert "съдържа и латински, и кирилски букви" in mixed.text("bg")
    assert not mixed.fixable


def test_spelling_unavailable_names_the_packages(monkeypatch):
    monkeypatch.setattr(spelling.shutil, "which", lambda name: None)
    monkeypatch.setattr(spelling, "_dictionary_dirs", list)
    with pytest.raises(spelling.SpellingUnavailable) as raised:
        spelling.require_hunspell()
    error = raised.value
    assert error.message.key == "spelling.unavailable"
    assert str(error) == ("the spelling check needs hunspell, hunspell-bg, hunspell-en-gb: run `make system-deps` "
                          "(or `sudo apt-get install -y hunspell hunspell-bg hunspell-en-gb`)")
    assert "за проверката на правописа липсва софтуер (hunspell, hunspell-bg, hunspell-en-gb)" in error.text("bg")


def test_linkcheck_speaks_bulgarian_by_default(tmp_path, monkeypatch):
    monkeypatch.delenv("HANDBOOK_LANG")
    monkeypatch.setenv("LC_ALL", "")
    monkeypatch.setenv("LC_MESSAGES", "")
    monkeypatch.setenv("LANG", "")
    (tmp_path / "docs/bg").mkdir(parents=True)
    said = []
    assert links.run(tmp_path, out=said.append) == 0
    assert said == ["Няма външни връзки за проверка."]

    (tmp_path / "docs/bg/about.md").write_text("# За { #about }\n\n[Доклад](https://handbook-test.invalid/report)\n",
                                               encoding="utf-8")
    said.clear()
    assert links.run(tmp_path, out=said.append) == 0
    assert said[0].startswith("Няма интернет: нито един от сайтовете, към които водят връзките в наръчника (брой: 1)")
    assert "външните връзки (брой: 1) не са проверени" in said[0]


def test_link_results_in_both_languages():
    gone = links.Result("https://example.org/gone", "dead", say("links.not_found", status=404))
    assert gone.detail.text("en") == "HTTP 404"
    assert gone.detail.text("bg") == "HTTP 404: страницата не е намерена на този адрес"
    assert say("links.summary", checked=5, hosts=1, dead=1, unsure=1, fine=3).text("bg") == (
        "Проверени външни връзки: 5 (сайтове: 1). Неработещи: 1; непотвърдени: 1; работещи: 3.")
