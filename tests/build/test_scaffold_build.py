"""A chapter and a worksheet scaffolded by `new-chapter` and `new-worksheet` (in-process) then
build strictly – with "Edit this page" and "last updated" from the history of a temporary git
repository with controlled dates."""

from __future__ import annotations

from support.build import PAGES_ONLY, mkdocs_build
from support.editor_sites import commit, init_repo


def test_a_scaffolded_chapter_and_worksheet_build_strictly_with_edit_links_and_dates(cli, cached_copy, tmp_path):
    """The editor's path: scaffold, build (strict), then check lists what is left to write. The
    pages are what is tested (the downloads have their own tests); the copy shares the run's cache
    of rendered downloads (tests/build/conftest.py), so only the new worksheet's files are rendered."""
    copy = cached_copy
    init_repo(copy)
    commit(copy, "The handbook", "2024-02-01T10:00:00+00:00")
    page = copy / "docs/en/chapters/02-migration-in-facts.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    commit(copy, "English only", "2024-05-17T08:00:00+00:00", "docs/en/chapters/02-migration-in-facts.md")
    about = copy / "docs/bg/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # changed, not committed

    last = sorted(p.stem for p in (copy / "docs/bg/chapters").glob("*.md"))[-1]  # the chapter before the new one
    new = f"{int(last[:2]) + 1:02d}-media-literacy"
    sheet = f"w{max(int(p.name[1:3]) for p in (copy / 'docs/data/worksheets').glob('w*.yml')) + 1:02d}-media-monitoring"
    assert cli(copy, "new-chapter", "media-literacy", "--title-bg", "Медийна грамотност",
               "--title-en", "Media literacy").returncode == 0
    assert cli(copy, "new-worksheet", "media-monitoring", "--title-bg", "Мониторинг на медиите",
               "--title-en", "Media monitoring", "--chapter", new).returncode == 0

    out = tmp_path / "out"
    result = mkdocs_build(copy, out, {**PAGES_ONLY, "EDIT_URI": "https://example.org/edit/main/docs/"})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-6000:]

    def html(path: str) -> str:
        return (out / path).read_text(encoding="utf-8")

    chapter_bg, chapter_en = html(f"chapters/{new}/index.html"), html(f"en/chapters/{new}/index.html")
    assert "Медийна грамотност" in chapter_bg and "Media literacy" in chapter_en
    assert f'href="../{new}/"' in html(f"chapters/{last}/index.html"), "in the bg navigation"
    assert f'href="../{new}/"' in html(f"en/chapters/{last}/index.html"), "in the en navigation"
    # "Edit this page": the source of the page's language; a worksheet page: its definition.
    assert f'href="https://example.org/edit/main/docs/en/chapters/{new}.md"' in chapter_en
    assert f'href="https://example.org/edit/main/docs/bg/chapters/{new}.md"' in chapter_bg
    sheet_en = html(f"en/worksheets/{sheet}/index.html")
    assert "Media monitoring" in sheet_en
    assert sheet_en.count(f'href="https://example.org/edit/main/docs/data/worksheets/{sheet}.yml"') == 2
    assert "Edit this worksheet's definition" in sheet_en
    # "Last updated": the last commit of that language's file; nothing when it is not committed.
    assert '<time datetime="2024-05-17">17 May 2024</time>' in html("en/chapters/02-migration-in-facts/index.html")
    bg_facts = html("chapters/02-migration-in-facts/index.html")
    assert "Последна промяна:" in bg_facts and '<time datetime="2024-02-01">1 февруари 2024 г.</time>' in bg_facts
    assert '<time datetime="2024-02-01">1 February 2024</time>' in html("en/about/index.html")
    for uncommitted in ("about/index.html", f"chapters/{new}/index.html",
                        f"en/worksheets/{sheet}/index.html", "en/worksheets/index.html"):
        assert "handbook-page-meta__updated" not in html(uncommitted), uncommitted
        assert "handbook-page-meta__edit" in html(uncommitted)

    check = cli(copy, "check", ci=True)
    assert check.returncode == 1
    assert f"docs/en/chapters/{new}.md:3:" in check.stdout
    assert f"docs/data/worksheets/{sheet}.yml:" in check.stdout
