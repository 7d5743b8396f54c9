"""`new-chapter` and `new-worksheet` through the command line: the files in both languages, the
navigation, the errors an editor can run into, and a scaffolded chapter and worksheet that then
build strictly – with "Edit this page" and "last updated" from the history of a temporary git
repository with controlled dates."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import mkdocs_build
from editor_sites import ROOT, cli, commit, init_repo, make_site

NAV = """\
site_name: Test
# the navigation, in commented sections
nav:
  - index.md
  - Handbook:
      - chapters/01-one.md
      - chapters/03-three.md
  - Worksheets:
      - worksheets/index.md
  - Reference:
      - glossary.md
"""


def _site_with_nav(tmp_path):
    make_site(tmp_path, {"mkdocs.yml": NAV,
                         "docs/bg/chapters/03-three.md": "# Трета { #three }\n",
                         "docs/en/chapters/03-three.md": "# Three { #three }\n"})
    return tmp_path


def test_new_chapter_creates_both_languages_with_the_same_shape(tmp_path):
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


def test_new_chapter_without_a_number_takes_the_next_one(tmp_path):
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
def test_new_chapter_refuses_with_a_clear_message(tmp_path, args, message):
    root = _site_with_nav(tmp_path)
    before = sorted(p.name for p in (root / "docs/bg/chapters").iterdir())
    result = cli(root, "new-chapter", *args)
    assert result.returncode == 2 and message in result.stderr
    assert sorted(p.name for p in (root / "docs/bg/chapters").iterdir()) == before


def test_new_worksheet_creates_a_bilingual_definition_and_a_nav_entry(tmp_path):
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


def test_a_scaffolded_chapter_and_worksheet_build_strictly_with_edit_links_and_dates(project_copy, tmp_path, site):
    """The editor's path: scaffold, build (strict), then check lists what is left to write.
    Requesting `site` warms the repository's .cache, which the copy reuses for unchanged files."""
    copy = project_copy
    if (ROOT / ".cache").is_dir():
        shutil.copytree(ROOT / ".cache", copy / ".cache")
    init_repo(copy)
    commit(copy, "The handbook", "2024-02-01T10:00:00+00:00")
    page = copy / "docs/en/chapters/02-migration-in-facts.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit(copy, "English only", "2024-05-17T08:00:00+00:00", "docs/en/chapters/02-migration-in-facts.md")
    about = copy / "docs/bg/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # changed, not committed

    assert cli(copy, "new-chapter", "media-literacy", "--title-bg", "Медийна грамотност",
               "--title-en", "Media literacy").returncode == 0
    assert cli(copy, "new-worksheet", "media-monitoring", "--title-bg", "Мониторинг на медиите",
               "--title-en", "Media monitoring", "--chapter", "11-media-literacy").returncode == 0

    out = tmp_path / "out"
    result = mkdocs_build(copy, out, {"EDIT_URI": "https://example.org/edit/main/docs/"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]

    def html(path: str) -> str:
        return (out / path).read_text(encoding="utf-8")

    chapter_bg, chapter_en = html("chapters/11-media-literacy/index.html"), html("en/chapters/11-media-literacy/index.html")
    assert "Медийна грамотност" in chapter_bg and "Media literacy" in chapter_en
    assert 'href="../11-media-literacy/"' in html("chapters/10-evaluation/index.html"), "in the bg navigation"
    assert 'href="../11-media-literacy/"' in html("en/chapters/10-evaluation/index.html"), "in the en navigation"
    # "Edit this page": the source of the page's language; a worksheet page: its definition.
    assert 'href="https://example.org/edit/main/docs/en/chapters/11-media-literacy.md"' in chapter_en
    assert 'href="https://example.org/edit/main/docs/bg/chapters/11-media-literacy.md"' in chapter_bg
    sheet_en = html("en/worksheets/w12-media-monitoring/index.html")
    assert "Media monitoring" in sheet_en
    assert sheet_en.count('href="https://example.org/edit/main/docs/data/worksheets/w12-media-monitoring.yml"') == 2
    assert "Edit this worksheet's definition" in sheet_en
    # "Last updated": the last commit of that language's file; nothing when it is not committed.
    assert '<time datetime="2024-05-17">17 May 2024</time>' in html("en/chapters/02-migration-in-facts/index.html")
    bg_facts = html("chapters/02-migration-in-facts/index.html")
    assert "Последна промяна:" in bg_facts and '<time datetime="2024-02-01">1 февруари 2024 г.</time>' in bg_facts
    assert '<time datetime="2024-02-01">1 February 2024</time>' in html("en/about/index.html")
    for uncommitted in ("about/index.html", "chapters/11-media-literacy/index.html",
                        "en/worksheets/w12-media-monitoring/index.html", "en/worksheets/index.html"):
        assert "handbook-page-meta__updated" not in html(uncommitted), uncommitted
        assert "handbook-page-meta__edit" in html(uncommitted)

    check = cli(copy, "check", ci=True)
    assert check.returncode == 1
    assert "docs/en/chapters/11-media-literacy.md:3:" in check.stdout
    assert "docs/data/worksheets/w12-media-monitoring.yml:" in check.stdout
