"""An editor's mistake fails the build loudly, naming the file. Each test makes the mistake in a
temporary copy of the real project and expects a failed strict build."""

from __future__ import annotations

import re

from conftest import mkdocs_build


# The mistakes are in the pages; the downloads (PDFs, offline copies) have their own tests and would
# only make each of these builds slower.
PAGES_ONLY = {"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE": "0"}


def _build_fails(project, tmp_path):
    result = mkdocs_build(project, tmp_path / "out", PAGES_ONLY)
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed but should have failed:\n{output[-3000:]}"
    assert not (tmp_path / "out" / "index.html").exists() or "Aborted" in output or "Error" in output
    return output


def test_page_in_one_language_only(project_copy, tmp_path):
    (project_copy / "docs/en/about.md").unlink()
    output = _build_fails(project_copy, tmp_path)
    assert "docs/bg/about.md" in output and "not in en" in output


def test_broken_link(project_copy, tmp_path):
    page = project_copy / "docs/en/chapters/02-migration-in-facts.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nSee [this](no-such-chapter.md).\n", encoding="utf-8")
    output = _build_fails(project_copy, tmp_path)
    assert "chapters/02-migration-in-facts.md" in output and "no-such-chapter.md" in output


def test_broken_anchor(project_copy, tmp_path):
    page = project_copy / "docs/bg/chapters/03-how-people-think.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\nВж. [речника](../glossary.md#no-such-term).\n",
                    encoding="utf-8")
    output = _build_fails(project_copy, tmp_path)
    assert "chapters/03-how-people-think.md" in output and "no-such-term" in output


def test_image_without_alt_text(project_copy, tmp_path):
    page = project_copy / "docs/bg/about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n![](../assets/photo.jpg)\n", encoding="utf-8")
    output = _build_fails(project_copy, tmp_path)
    assert "docs/bg/about.md" in output and "no alt text" in output


def test_heading_without_anchor(project_copy, tmp_path):
    page = project_copy / "docs/en/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n## A new section\n\nText.\n", encoding="utf-8")
    output = _build_fails(project_copy, tmp_path)
    assert "docs/en/index.md" in output and "no explicit anchor" in output


def test_anchor_differs_between_languages(project_copy, tmp_path):
    page = project_copy / "docs/en/chapters/04-effective-campaigns.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"\{ #key-points \}", "{ #summary }", text, count=1), encoding="utf-8")
    output = _build_fails(project_copy, tmp_path)
    assert "docs/en/chapters/04-effective-campaigns.md" in output and "#key-points" in output
