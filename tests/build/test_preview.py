"""The editors' preview (`make serve`) never refuses an editor's text: a problem that fails the
strict build is listed in the terminal and in a banner on the page instead."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    from mkdocs.config import load_config
    from mkdocs.commands import build
    config = load_config("mkdocs.yml", site_dir=sys.argv[1], strict=False)  # as `make serve` (--no-strict)
    config.plugins.on_startup(command="serve", dirty=False)  # what `mkdocs serve` does
    build.build(config)
""")


def test_a_section_in_one_language_still_shows_in_the_preview(cached_copy, tmp_path):
    chapter = cached_copy / "docs/bg/chapters/03-how-people-think.md"
    chapter.write_text(chapter.read_text(encoding="utf-8")
                       + "\n## Нов раздел само на български { #new-section }\n\nТекстът на редактора.\n", encoding="utf-8")
    site = tmp_path / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-c", SCRIPT, str(site)], cwd=cached_copy, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "docs/en/chapters/03-how-people-think.md" in result.stderr, "the problem is listed in the terminal"
    page = (site / "chapters/03-how-people-think/index.html").read_text(encoding="utf-8")
    assert "Текстът на редактора." in page, "the editor's text is shown"
    assert 'class="handbook-problems"' in page, "the banner is on the page"
    assert "handbook-problems" not in (site / "chapters/01-introduction/index.html").read_text(encoding="utf-8") \
        or "1" in page, "other pages say how many problems there are elsewhere"
