"""The editors' commands speak Bulgarian by default and English on request (`--lang en`,
HANDBOOK_LANG=en or an English locale) – in-process through the `cli` fixture – and `make help`
follows the same rule without Python. (tests/conftest.py sets HANDBOOK_LANG=en for the session;
the tests here change it with monkeypatch.)"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from support import ROOT
from support.editor_sites import commit, init_repo, make_site

LOCALE = ("HANDBOOK_LANG", "LC_ALL", "LC_MESSAGES", "LANG")
PAGE_WITH_TODO = {"docs/bg/about.md": "# За наръчника { #about }\n\nTODO: кратко въведение.\n",
                  "docs/en/about.md": "# About { #about }\n\nA short lead.\n"}


@pytest.fixture
def no_language(monkeypatch):
    """An editor's terminal that names no language: no HANDBOOK_LANG, a C locale."""
    for name in LOCALE:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return monkeypatch


# --- check -------------------------------------------------------------------------------------

def test_check_speaks_bulgarian_by_default_and_names_the_file_and_line(cli, tmp_path, no_language):
    make_site(tmp_path, PAGE_WITH_TODO)
    result = cli(tmp_path, "check", ci=True)
    assert result.returncode == 1
    out = result.stdout
    assert out.startswith("Зададена е променливата CI: нищо не се поправя автоматично"), out
    assert "1. Структура (двата езика, котви, навигация, оставени TODO): проблеми: 1" in out
    assert ("   docs/bg/about.md:3: оставени „TODO“ от заготовката: 1 (на редовете: 3) – напишете текста "
            "на тяхно място") in out
    assert "5. Данни (речник, работни листове, отговори на често задавани въпроси): наред" in out
    assert "Проблеми за поправяне: 1. Поправете ги във файловете, посочени по-горе" in out
    for english in ("problem(s)", "placeholder", "Structure", "CI is set"):
        assert english not in out, english
    assert "HANDBOOK_LANG" not in os.environ, "the language of one run does not stay behind"


def test_check_in_english_with_the_lang_option(cli, tmp_path, no_language):
    make_site(tmp_path, PAGE_WITH_TODO)
    result = cli(tmp_path, "--lang", "en", "check", ci=True)
    assert result.returncode == 1
    assert "1. Structure (both languages, anchors, navigation, placeholders): 1 problem(s)" in result.stdout
    assert ("docs/bg/about.md:3: 1 placeholder(s) “TODO” left from the scaffolding (line(s) 3): write the text "
            "in their place") in result.stdout
    assert "1 problem(s) to fix." in result.stdout
    assert "HANDBOOK_LANG" not in os.environ


def test_a_clean_check_passes_in_bulgarian(cli, tmp_path, no_language):
    make_site(tmp_path)
    result = cli(tmp_path, "check", "--no-fix")
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith("Всички проверки минаха успешно.")
    assert result.stdout.count(": наред") == 5


# --- choosing the language ---------------------------------------------------------------------

@pytest.mark.parametrize("environment, options, bulgarian", [
    ({"LANG": "C.UTF-8"}, (), True),  # nothing says otherwise: Bulgarian
    ({"LANG": "en_GB.UTF-8"}, (), False),  # an English locale
    ({"LC_ALL": "en_US.UTF-8", "LANG": "bg_BG.UTF-8"}, (), False),  # LC_ALL comes first
    ({"HANDBOOK_LANG": "en", "LANG": "C.UTF-8"}, (), False),
    ({"HANDBOOK_LANG": "bg", "LANG": "en_GB.UTF-8"}, (), True),  # HANDBOOK_LANG before the locale
    ({"HANDBOOK_LANG": "en"}, ("--lang", "bg"), True),  # --lang before everything
    ({"LANG": "C.UTF-8"}, ("--lang", "en"), False),
])
def test_the_language_comes_from_lang_then_handbook_lang_then_the_locale(cli, tmp_path, no_language,
                                                                         environment, options, bulgarian):
    for name, value in environment.items():
        no_language.setenv(name, value)
    make_site(tmp_path)
    result = cli(tmp_path, *options, "status")
    assert result.returncode == 0, result.stdout + result.stderr
    header = result.stdout.splitlines()[0].split()
    if bulgarian:
        assert header == ["страница", "bg", "en", "състояние"]
        assert "Успешно: всяка страница съществува на двата езика с една и съща структура." in result.stdout
    else:
        assert header == ["page", "bg", "en", "status"]
        assert "Passed: every page exists in both languages with the same structure." in result.stdout
    assert os.environ.get("HANDBOOK_LANG") == environment.get("HANDBOOK_LANG"), "put back after the run"


def test_an_unknown_language_is_refused(cli, tmp_path):
    make_site(tmp_path)
    result = cli(tmp_path, "--lang", "de", "status")
    assert result.returncode == 2 and "invalid choice: 'de'" in result.stderr


def test_the_help_is_in_the_editors_language(cli, tmp_path, no_language):
    make_site(tmp_path)
    bulgarian = cli(tmp_path, "--help")
    assert bulgarian.returncode == 0
    assert "докъде е преводът на всяка страница и работен лист" in bulgarian.stdout
    assert "показва тази помощ и спира" in bulgarian.stdout
    assert "езикът на съобщенията: bg или en" in bulgarian.stdout
    english = cli(tmp_path, "--lang", "en", "status", "--help")
    assert "Markdown for a CI job summary" in english.stdout and "show this help message and exit" in english.stdout
    chapter = cli(tmp_path, "new-chapter", "--help")
    assert "заглавието на български" in chapter.stdout and "номерът се добавя автоматично" in chapter.stdout


# --- status ------------------------------------------------------------------------------------

def test_status_in_bulgarian_names_what_is_missing_and_what_to_do(cli, tmp_path, no_language):
    make_site(tmp_path, {"docs/bg/about.md": "# За наръчника { #about }\n\nТекст.\n"})
    result = cli(tmp_path, "status")
    assert result.returncode == 1
    row = next(line for line in result.stdout.splitlines() if line.startswith("about.md "))
    assert row.split() == ["about.md", "✓", "✗", "липсва", "липсва"]
    assert ("docs/en/about.md липсва: преведете docs/bg/about.md и запишете превода в docs/en/about.md"
            in result.stdout)
    assert "Страници: 3, работни листове: 0, отговори на често задавани въпроси: 0 – наред: 2, липсва: 1" \
        in result.stdout
    assert "Забележка: папката не е хранилище на git" in result.stdout
    assert result.stdout.rstrip().splitlines()[-1].startswith("НЕУСПЕХ: има страници, които липсват")


def test_status_in_bulgarian_explains_an_out_of_date_translation(cli, tmp_path, no_language):
    make_site(tmp_path)
    init_repo(tmp_path)
    commit(tmp_path, "Both languages", "2024-01-10T12:00:00+00:00")
    page = tmp_path / "docs/bg/chapters/01-one.md"
    page.write_text(page.read_text(encoding="utf-8").replace("Текст за медиите.", "Нов текст."), encoding="utf-8")
    commit(tmp_path, "Нов абзац", "2024-03-05T09:30:00+00:00", "docs/bg/chapters/01-one.md")
    result = cli(tmp_path, "status")
    assert result.returncode == 0, "out of date warns, it does not fail"
    row = next(line for line in result.stdout.splitlines() if line.startswith("chapters/01-one.md "))
    assert "⚠ остарял" in row and row.endswith("остарял превод")
    sha = re.search(r"\(2024-03-05, ([0-9a-f]{7,}) „Нов абзац“\)", result.stdout)
    assert sha, result.stdout
    sha = sha.group(1)
    assert "docs/en/chapters/01-one.md е остарял: docs/bg/chapters/01-one.md е променен по-късно" in result.stdout
    assert f"Вижте промяната с командата: git show {sha} -- docs/bg/chapters/01-one.md ." in result.stdout
    assert ("ако не е нужна промяна, отбележете това в docs/data/translations-checked.yml с реда: "
            f"- {{page: chapters/01-one.md, language: en, checked: {sha}}}") in result.stdout
    assert "Успешно, с предупреждения: някои преводи са остарели" in result.stdout


def test_status_markdown_follows_the_language(cli, tmp_path, monkeypatch):
    make_site(tmp_path, {"docs/bg/about.md": "# За наръчника { #about }\n"})
    monkeypatch.setenv("HANDBOOK_LANG", "bg")
    lines = cli(tmp_path, "status", "--markdown").stdout.splitlines()
    assert lines[0] == "## Състояние на преводите"
    assert "| страница | bg | en | състояние |" in lines
    assert "| `about.md` | ✓ | ✗ липсва | ❌ липсва |" in lines
    assert "### Какво да направите" in lines
    assert any(line.startswith("**НЕУСПЕХ") for line in lines)
    monkeypatch.setenv("HANDBOOK_LANG", "en")
    assert cli(tmp_path, "status", "--markdown").stdout.startswith("## Translation status\n")


# --- new-chapter and new-worksheet -------------------------------------------------------------

def test_new_chapter_in_bulgarian(cli, tmp_path, no_language):
    root = make_site(tmp_path, layers=("with-nav",))
    result = cli(root, "new-chapter", "media-literacy", "--title-bg", "Медийна грамотност",
                 "--title-en", "Media literacy")
    assert result.returncode == 0, result.stderr
    assert "създаден е файлът docs/bg/chapters/04-media-literacy.md" in result.stdout
    assert "създаден е файлът docs/en/chapters/04-media-literacy.md" in result.stdout
    assert "страницата chapters/04-media-literacy.md е добавена в навигацията в mkdocs.yml" in result.stdout
    assert "Следващи стъпки: заменете всяко TODO в двата файла" in result.stdout
    # The chapter itself is written in both languages, whatever the tools speak.
    assert "# Media literacy { #media-literacy }" in (root / "docs/en/chapters/04-media-literacy.md").read_text(
        encoding="utf-8")


@pytest.mark.parametrize("args, bulgarian, english", [
    (["media", "--title-en", "Media"], "въведете българското заглавие (--title-bg \"…\" или TITLE_BG=\"…\" при make)",
     "give the bg title (--title-bg \"…\", or TITLE_BG=\"…\" for make)"),
    (["media", "--title-bg", "Медии"], "въведете английското заглавие (--title-en",
     "give the en title (--title-en"),
    (["Media Literacy", "--title-bg", "М", "--title-en", "M"], "„Media Literacy“ не е подходящо име на глава",
     "“Media Literacy” is not a chapter name"),
    (["03-other", "--title-bg", "Д", "--title-en", "O"],
     "номер на глава 03 вече е зает от docs/bg/chapters/03-three.md",
     "chapter number 03 is taken by docs/bg/chapters/03-three.md"),
])
def test_new_chapter_errors_in_both_languages(cli, tmp_path, no_language, args, bulgarian, english):
    root = make_site(tmp_path, layers=("with-nav",))
    result = cli(root, "new-chapter", *args)
    assert result.returncode == 2 and result.stderr.startswith("new-chapter: ")
    assert bulgarian in result.stderr, result.stderr
    result = cli(root, "--lang", "en", "new-chapter", *args)
    assert result.returncode == 2 and english in result.stderr, result.stderr


def test_new_worksheet_in_both_languages(cli, tmp_path, no_language):
    root = make_site(tmp_path, layers=("with-nav",))
    missing = cli(root, "new-worksheet", "monitoring", "--title-bg", "Мониторинг", "--chapter", "01-one")
    assert missing.returncode == 2 and "въведете английското заглавие" in missing.stderr
    unknown = cli(root, "new-worksheet", "monitoring", "--title-bg", "Мониторинг", "--title-en", "Monitoring",
                  "--chapter", "09-nothing")
    assert unknown.returncode == 2
    assert ("--chapter (CHAPTER= при make) трябва да посочва главата, към която е работният лист – една от: "
            "01-one, 03-three") in unknown.stderr
    created = cli(root, "new-worksheet", "monitoring", "--title-bg", "Мониторинг", "--title-en", "Monitoring",
                  "--chapter", "01-one")
    assert created.returncode == 0, created.stderr
    assert "създаден е файлът docs/data/worksheets/w01-monitoring.yml" in created.stdout
    assert "Следващи стъпки: заменете всяко TODO в описанието" in created.stdout
    no_language.setenv("HANDBOOK_LANG", "en")
    taken = cli(root, "new-worksheet", "w01-other", "--title-bg", "Д", "--title-en", "O", "--chapter", "01-one")
    assert taken.returncode == 2
    assert "worksheet number W1 is taken by docs/data/worksheets/w01-monitoring.yml" in taken.stderr


# --- the messages themselves -------------------------------------------------------------------

def test_problems_and_errors_are_written_out_in_either_language(tmp_path):
    from handbook.editors import scaffold, status
    from handbook.editors.doctor import REQUIREMENTS
    from handbook.strings import say

    make_site(tmp_path, PAGE_WITH_TODO)
    (problem,) = scaffold.placeholders(tmp_path)
    assert problem.message.key == "scaffold.placeholders"
    assert problem.text("bg").startswith("docs/bg/about.md:3: оставени „TODO“ от заготовката")
    assert problem.text("en").startswith("docs/bg/about.md:3: 1 placeholder(s)")
    with pytest.raises(scaffold.ScaffoldError) as error:
        scaffold.new_chapter(tmp_path, "", {"bg": "Б", "en": "E"})
    assert error.value.message.key == "scaffold.chapter_name_missing"
    assert error.value.text("bg").startswith("дайте име на главата: make new-chapter SLUG=")
    differences = status.compare("# А { #a }\n\n## Б { #b }\n", "# A { #a }\n\n### B { #b }\n", "bg", "en")
    assert [d.text("bg") for d in differences] == [
        "нивата на заглавията се различават – направете ги еднакви на двата езика: #b е ## в bg и ### в en"]
    assert [d.text("en") for d in differences] == ["heading levels differ: #b is ## in bg, ### in en"]
    chromium = next(r for r in REQUIREMENTS if r.package == "chromium")
    assert say("doctor.missing", package="chromium", why=chromium.why).text("bg").startswith(
        "липсва: chromium – нужен е за тестовете в браузър")


# --- make help ---------------------------------------------------------------------------------

def _make_help(**environment) -> str:
    env = {key: value for key, value in os.environ.items() if key not in LOCALE}
    env.update(environment)
    result = subprocess.run(["make", "-s", "help"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_help_is_bulgarian_by_default_and_english_on_request():
    bulgarian = _make_help(LANG="C.UTF-8")
    assert bulgarian.startswith("Наръчник CLARINET – команди на make")
    assert re.search(r"^  make check\s+Всички бързи проверки", bulgarian, re.M)
    assert re.search(r"^  make new-chapter\s+Нова глава на двата езика: SLUG=", bulgarian, re.M)
    assert " | " not in bulgarian and "Every fast check" not in bulgarian
    for english in (_make_help(HANDBOOK_LANG="en", LANG="C.UTF-8"), _make_help(LANG="en_GB.UTF-8")):
        assert english.startswith("CLARINET handbook – make targets")
        assert re.search(r"^  make check\s+Every fast check \(no browser\)", english, re.M)
        assert "Всички" not in english
    assert _make_help(HANDBOOK_LANG="bg", LANG="en_GB.UTF-8").startswith("Наръчник CLARINET")
