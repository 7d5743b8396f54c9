"""`make serve` rebuilds: what is kept between rebuilds gives the same pages as a fresh build, and
an edited page is converted again. (The time from save to served page: `make bench`.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from mkdocs.config import load_config
    from mkdocs.commands import build
    from handbook.engine import serve_speed
    chapter = Path("docs/bg/chapters/05-working-with-media.md")
    stats = []
    for number, site in enumerate(sys.argv[1:]):
        if number == 2:
            chapter.write_text(chapter.read_text(encoding="utf-8") + "\\n\\nEdited-between-rebuilds.\\n",
                               encoding="utf-8")
        config = load_config("mkdocs.yml", site_dir=site)
        config.plugins.on_startup(command="serve", dirty=False)  # what `mkdocs serve` does
        build.build(config)
        stats.append(serve_speed.stats())
    print(json.dumps(stats))
""")


def test_rebuilds_reuse_conversions_and_show_edits(project_copy, tmp_path):
    sites = [tmp_path / f"site{number}" for number in range(3)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project_copy / "scripts")}
    result = subprocess.run([sys.executable, "-c", SCRIPT, *map(str, sites)], cwd=project_copy, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    first, second, third = json.loads(result.stdout.strip().splitlines()[-1])
    pages = sum(1 for lang in ("bg", "en") for _ in (project_copy / "docs" / lang).rglob("*.md"))
    assert first["hits"] == 0 and first["misses"] >= pages, "every Markdown page of both languages is converted"
    assert second["misses"] == first["misses"], "an unchanged page was converted again"
    assert third["misses"] - second["misses"] == 1, "exactly the edited page is converted again"

    fresh, cached = sites[0], sites[1]
    pages = sorted(path.relative_to(fresh) for path in fresh.rglob("*.html"))
    assert pages == sorted(path.relative_to(cached) for path in cached.rglob("*.html"))
    differ = [str(p) for p in pages if (fresh / p).read_bytes() != (cached / p).read_bytes()]
    assert not differ, differ
    edited = (sites[2] / "chapters" / "05-working-with-media" / "index.html").read_text(encoding="utf-8")
    assert "Edited-between-rebuilds." in edited
