"""`new-chapter` and `new-worksheet` through the command line (in-process): the files in both
languages, the navigation and the errors an editor can run into. (The scaffolded chapter's strict
build: tests/build/test_scaffold_build.py.)"""

from __future__ import annotations

import re

import pytest

from support.editor_sites import make_site

def _site_with_nav(tmp_path):
    """The two-page site with the navigation of fixtures/with-nav/mkdocs.yml and a third chapter."""
    return make_site(tmp_path, layers=("with-nav",))


def test_new_chapter_creates_both_languages_with_the_same_shape(cli, tmp_path):
    root = _site_with_nav(tmp_path)
    result = cli(root, "new-chapter", "02-media-literacy", "--title-bg", "Медийна грамотност",
                 "--title-en", "Media literacy")
    assert result.returncode == 0, result.stderr
    assert "created docs/bg/chapters/02-media-literacy.md" in result.stdout
    bg = (root / "docs/bg/chapters/02-media-literacy.md").read_text(encoding="utf-8")
    en = (root / "docs/en/chapters/02-media-literacy.md").read_text(encoding="utf-8")
    assert bg.startswith("---\ndescription: >-\n") and en.startswith("---\ndescription: >-\n")
    assert "# Медийна грамотност { #media-literacy }" in bg and "# Media literacy { #media-literacy }" in en
    anchors = [re.findall(r"\{ #([a-z-]+) \}", text) for text in (bg, en)]
    assert anchors[0] == anchors[1] == ["media-literacy", "objectives", "media-literacy-basics", "key-points", "sources"]
    for text in (bg, en):
        assert "- [ ] " in text and '!!! example "' in text and '??? trainer "' in text and "TODO" in text
    # In the navigation, in number order, with the file's comments kept.
    nav = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - chapters/01-one.md\n      - chapters/02-media-literacy.md\n      - chapters/03-three.md\n" in nav
    assert "# the navigation, in commented sections" in nav
    # The status sees the pair in step; the check reports every placeholder left to write.
    status = cli(root, "status")
    assert status.returncode == 0 and re.search(r"^chapters/02-media-literacy\.md .* ok$", status.stdout, re.M)
    check = cli(root, "check", ci=True)
    assert check.returncode == 1
    for lang in ("bg", "en"):
        assert re.search(rf"docs/{lang}/chapters/02-media-literacy\.md:3: \d+ placeholder\(s\) “TODO”", check.stdout)


def test_new_chapter_without_a_number_takes_the_next_one(cli, tmp_path):
    root = _site_with_nav(tmp_path)
    assert cli(root, "new-chapter", "ethics-extra", "--title-bg", "Етика", "--title-en", "Ethics").returncode == 0
    assert (root / "docs/bg/chapters/04-ethics-extra.md").exists()
    assert (root / "mkdocs.yml").read_text(encoding="utf-8").count("chapters/04-ethics-extra.md") == 1


@pytest.mark.parametrize("args, message", [
    (["Media Literacy", "--title-bg", "М", "--title-en", "M"], "is not a chapter name"),
    (["media", "--title-en", "Media"], "give the bg title"),
    (["03-other", "--title-bg", "Д", "--title-en", "O"], "chapter number 03 is taken"),
    (["three", "--title-bg", "Т", "--title-en", "T"], "a chapter called “three” exists already"),
])
def test_new_chapter_refuses_with_a_clear_message(cli, tmp_path, args, message):
    root = _site_with_nav(tmp_path)
    before = sorted(p.name for p in (root / "docs/bg/chapters").iterdir())
    result = cli(root, "new-chapter", *args)
    assert result.returncode == 2 and message in result.stderr
    assert sorted(p.name for p in (root / "docs/bg/chapters").iterdir()) == before


def test_new_worksheet_creates_a_bilingual_definition_and_a_nav_entry(cli, tmp_path):
    root = _site_with_nav(tmp_path)
    unknown = cli(root, "new-worksheet", "monitoring", "--title-bg", "Мониторинг", "--title-en", "Monitoring",
                  "--chapter", "09-nothing")
    assert unknown.returncode == 2 and "must name the chapter the worksheet serves" in unknown.stderr
    result = cli(root, "new-worksheet", "monitoring", "--title-bg", "Мониторинг", "--title-en", "Monitoring",
                 "--chapter", "01-one")
    assert result.returncode == 0, result.stderr
    sheet = (root / "docs/data/worksheets/w01-monitoring.yml").read_text(encoding="utf-8")
    assert "code: W1\n" in sheet and 'bg: "Мониторинг"' in sheet and "chapters: [01-one]" in sheet
    nav = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      - worksheets/index.md\n      - worksheets/w01-monitoring.md\n" in nav
    status = cli(root, "status")
    assert re.search(r"^data/worksheets/w01-monitoring\.yml .*bilingual file$", status.stdout, re.M)
