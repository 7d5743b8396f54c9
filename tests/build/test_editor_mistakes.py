"""An editor's mistake fails the build loudly, naming the file and the problem. Each test makes the
mistake in a temporary copy of the real project and expects a failed strict build: pages (missing
translation, links, anchors, alt text, unsafe HTML) and worksheet definitions. The copies share the
run's cache of rendered downloads (tests/build/conftest.py): a build that fails on a page renders
the worksheet files first."""

from __future__ import annotations

import re

from support.build import PAGES_ONLY, mkdocs_build


def _build_fails(project, tmp_path, file: str, message: str) -> str:
    """A strict build of the pages (the downloads have their own tests and would only make it
    slower) must fail, and one line of its output must name the file and the problem."""
    result = mkdocs_build(project, tmp_path / "out", PAGES_ONLY)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed but should have failed:\n{output[-3000:]}"
    assert any(file in line and message in line for line in output.splitlines()), \
        f"no line names {file} and “{message}”:\n{output[-3000:]}"
    return output


def test_page_in_one_language_only(cached_copy, tmp_path):
    (cached_copy / "docs/en/about.md").unlink()
    _build_fails(cached_copy, tmp_path, "docs/bg/about.md", "not in en")


def test_broken_link(cached_copy, tmp_path):
    page = cached_copy / "docs/en/chapters/02-migration-in-facts.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nSee [this](no-such-chapter.md).\n", encoding="utf-8")
    _build_fails(cached_copy, tmp_path, "chapters/02-migration-in-facts.md", "no-such-chapter.md")


def test_broken_anchor(cached_copy, tmp_path):
    page = cached_copy / "docs/bg/chapters/03-how-people-think.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nВж. [речника](../glossary.md#no-such-term).\n",
                    encoding="utf-8")
    _build_fails(cached_copy, tmp_path, "chapters/03-how-people-think.md", "no-such-term")


def test_image_without_alt_text(cached_copy, tmp_path):
    page = cached_copy / "docs/bg/about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n![](../assets/photo.jpg)\n", encoding="utf-8")
    _build_fails(cached_copy, tmp_path, "docs/bg/about.md", "no alt text")


def test_heading_without_anchor(cached_copy, tmp_path):
    page = cached_copy / "docs/en/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n## A new section\n\nText.\n", encoding="utf-8")
    _build_fails(cached_copy, tmp_path, "docs/en/index.md", "no explicit anchor")


def test_anchor_differs_between_languages(cached_copy, tmp_path):
    page = cached_copy / "docs/en/chapters/04-effective-campaigns.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"\{ #key-points \}", "{ #summary }", text, count=1), encoding="utf-8")
    _build_fails(cached_copy, tmp_path, "docs/en/chapters/04-effective-campaigns.md", "#key-points")


def test_the_build_fails_on_unsafe_html_too(cached_copy, tmp_path):
    page = cached_copy / "docs/en/about.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<button onclick="alert(1)">Go</button>\n', encoding="utf-8")
    _build_fails(cached_copy, tmp_path, "docs/en/about.md:", "inline event handler onclick= is not allowed")


def test_a_bad_definition_fails_the_build(cached_copy, tmp_path):
    path = cached_copy / "docs/data/worksheets/w04-media-plan.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("type: long_text", "type: essay", 1), encoding="utf-8")
    result = mkdocs_build(cached_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "w04-media-plan.yml" in output and "unknown field type “essay”" in output
    assert not list((tmp_path / "out").rglob("*.pdf")), "a failed build must not publish downloads"
