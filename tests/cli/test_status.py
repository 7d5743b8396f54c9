"""`status` on fixture sites (in-process): missing pages, stale translations (by the history of a
temporary git repository with controlled dates), structural differences, worksheets."""

from __future__ import annotations

from support.editor_sites import ROOT, commit, init_repo, make_site, write


def _row(output: str, page: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(page + " "))


def test_a_clean_site_passes(cli, tmp_path):
    make_site(tmp_path)
    result = cli(tmp_path, "status")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed: every page exists in both languages" in result.stdout
    assert _row(result.stdout, "chapters/01-one.md").split()[-1] == "ok"
    # Not a git work tree: said so, and nothing is judged "out of date".
    assert "not a git work tree" in result.stdout


def test_a_page_missing_in_one_language_fails(cli, tmp_path):
    make_site(tmp_path, {"docs/bg/about.md": "# За наръчника { #about }\n\nТекст.\n"})
    result = cli(tmp_path, "status")
    assert result.returncode == 1
    row = _row(result.stdout, "about.md")
    assert "✓" in row and "✗ missing" in row and row.endswith("missing")
    assert "docs/en/about.md is missing: translate docs/bg/about.md" in result.stdout
    assert "FAILED" in result.stdout


def test_a_heading_missing_in_one_language_fails(cli, tmp_path):
    make_site(tmp_path)
    page = tmp_path / "docs/en/chapters/01-one.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## The media { #media }\n\nText about the media.\n\n", ""),
                    encoding="utf-8")
    result = cli(tmp_path, "status")
    assert result.returncode == 1
    assert _row(result.stdout, "chapters/01-one.md").endswith("structure differs")
    assert "headings only in bg: #media" in result.stdout


def test_other_structural_differences_are_named(cli, tmp_path):
    make_site(tmp_path)
    en = tmp_path / "docs/en/chapters/01-one.md"
    text = en.read_text(encoding="utf-8")
    text = text.replace('??? trainer "For trainers: exercise (10 minutes)"\n    Discuss the example.\n\n', "")
    text = text.replace("Text about the media.", "Text about the media, see [Worksheet W4](../worksheets/w04-plan.md) "
                        "and ![A chart](chart.png).")
    text = text.replace("https://example.org/report", "https://example.net/report")
    en.write_text(text, encoding="utf-8")
    heading = tmp_path / "docs/bg/index.md"
    heading.write_text(heading.read_text(encoding="utf-8").replace("## Глави", "### Глави"), encoding="utf-8")
    result = cli(tmp_path, "status")
    assert result.returncode == 1
    out = result.stdout
    assert "trainer notes under #media: 1 in bg, 0 in en" in out
    assert "link to ../worksheets/w04-plan.md: 0 in bg, 1 in en" in out
    assert "worksheet W4 is referred to in en only" in out
    assert "image chart.png: 0 in bg, 1 in en" in out
    assert "sources from example.org are cited in bg only" in out
    assert "heading levels differ: #chapters is ### in bg, ## in en" in out


def test_a_stale_translation_warns_and_catches_up(cli, tmp_path):
    make_site(tmp_path)
    init_repo(tmp_path)
    commit(tmp_path, "Both languages", "2024-01-10T12:00:00+00:00")
    bg = tmp_path / "docs/bg/chapters/01-one.md"
    text = bg.read_text(encoding="utf-8")
    bg.write_text(text.replace("Текст за медиите.", "Нов текст за медиите."), encoding="utf-8")
    commit(tmp_path, "New paragraph in Bulgarian", "2024-03-05T09:30:00+00:00", "docs/bg/chapters/01-one.md")

    stale = cli(tmp_path, "status")
    assert stale.returncode == 0, "out of date warns, it does not fail"
    row = _row(stale.stdout, "chapters/01-one.md")
    assert "⚠ out of date" in row and row.endswith("out of date")
    assert ("docs/en/chapters/01-one.md is out of date: docs/bg/chapters/01-one.md changed later (2024-03-05"
            in stale.stdout)
    assert _row(stale.stdout, "index.md").endswith("ok")
    assert "Passed with warnings" in stale.stdout

    # The translator brings English up to date: both are in step again.
    en = tmp_path / "docs/en/chapters/01-one.md"
    en.write_text(en.read_text(encoding="utf-8").replace("Text about the media.", "New text about the media."),
                  encoding="utf-8")
    uncommitted = cli(tmp_path, "status")
    assert _row(uncommitted.stdout, "chapters/01-one.md").endswith("ok"), "uncommitted changes count"
    commit(tmp_path, "Translate the new paragraph", "2024-03-20T10:00:00+00:00")
    assert _row(cli(tmp_path, "status").stdout, "chapters/01-one.md").endswith("ok")

    # A typo fixed in one language only, marked as needing no translation, leaves both in step.
    en.write_text(en.read_text(encoding="utf-8").replace("New text", "Newer text"), encoding="utf-8")
    commit(tmp_path, "Fix a word [no translation]", "2024-04-01T10:00:00+00:00")
    assert _row(cli(tmp_path, "status").stdout, "chapters/01-one.md").endswith("ok")
    # …while an unmarked change to one language leaves the other behind.
    en.write_text(en.read_text(encoding="utf-8").replace("Newer text", "Rewritten text"), encoding="utf-8")
    commit(tmp_path, "Rewrite in English", "2024-04-02T10:00:00+00:00")
    result = cli(tmp_path, "status")
    assert "docs/bg/chapters/01-one.md is out of date: docs/en/chapters/01-one.md changed later (2024-04-02" \
        in result.stdout


def test_markdown_for_the_ci_job_summary(cli, tmp_path):
    make_site(tmp_path, {"docs/bg/about.md": "# За наръчника { #about }\n"})
    result = cli(tmp_path, "status", "--markdown")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "## Translation status"
    assert "| page | bg | en | status |" in lines
    assert "| `about.md` | ✓ | ✗ missing | ❌ missing |" in lines
    assert "| `chapters/01-one.md` | ✓ | ✓ | ✅ ok |" in lines
    assert any(line.startswith("**FAILED") for line in lines)


def test_worksheets_are_one_bilingual_file(cli, tmp_path):
    make_site(tmp_path)
    sheet = (ROOT / "docs/data/worksheets/w04-media-plan.yml").read_text(encoding="utf-8")
    write(tmp_path, {"docs/data/worksheets/w04-media-plan.yml": sheet})
    result = cli(tmp_path, "status")
    assert result.returncode == 0
    row = _row(result.stdout, "data/worksheets/w04-media-plan.yml")
    assert row.count("in one file") == 2 and row.endswith("bilingual file")
    # A definition that lacks a translation cannot load, and fails the status.
    broken = sheet.replace("  en: Media plan\n", "", 1)
    assert broken != sheet
    write(tmp_path, {"docs/data/worksheets/w04-media-plan.yml": broken})
    result = cli(tmp_path, "status")
    assert result.returncode == 1
    assert _row(result.stdout, "data/worksheets/w04-media-plan.yml").endswith("invalid")
    assert "title: missing the “en” translation" in result.stdout


def test_the_repository_itself_has_no_structural_differences(cli):
    result = cli(ROOT, "status")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr
    assert len([line for line in result.stdout.splitlines() if line.startswith("chapters/")]) >= 10
