"""`make serve` rebuilds: what is kept between rebuilds gives the same pages as a fresh build, an
edited page is converted again, and a save in one language rebuilds only that language (the other
is put back from its last build when nothing it is made of changed). (The time from save to served
page: `make bench`.)"""

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
    edits = {2: Path("docs/bg/chapters/05-working-with-media.md"), 3: Path("docs/en/chapters/05-working-with-media.md")}
    stats = []
    for number, site in enumerate(sys.argv[1:]):
        if number in edits:
            chapter = edits[number]
            title, rest = chapter.read_text(encoding="utf-8").split("\\n", 1)  # under the title: searched
            chapter.write_text(f"{title}\\n\\nEdited-between-rebuilds-{number}. Zzqmark{'abcd'[number]}\\n{rest}",
                               encoding="utf-8")
        config = load_config("mkdocs.yml", site_dir=site)
        config.plugins.on_startup(command="serve", dirty=False)  # what `mkdocs serve` does
        build.build(config)
        stats.append(serve_speed.stats())
    print(json.dumps(stats))
""")


def test_rebuilds_reuse_conversions_and_show_edits(cached_copy, tmp_path):
    sites = [tmp_path / f"site{number}" for number in range(4)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(cached_copy / "scripts")}
    result = subprocess.run([sys.executable, "-c", SCRIPT, *map(str, sites)], cwd=cached_copy, env=env,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    first, second, third, fourth = json.loads(result.stdout.strip().splitlines()[-1])
    pages = sum(1 for lang in ("bg", "en") for _ in (cached_copy / "docs" / lang).rglob("*.md"))
    assert first["hits"] == 0 and first["misses"] >= pages, "every Markdown page of both languages is converted"
    assert first["languages_reused"] == 0
    assert second["misses"] == first["misses"], "an unchanged page was converted again"
    assert second["languages_reused"] == 1, "nothing changed: English is put back, not built again"
    assert third["misses"] - second["misses"] == 1, "exactly the edited page is converted again"
    assert third["languages_reused"] == 2, "a Bulgarian page was saved: English is not built again"
    assert fourth["misses"] - third["misses"] == 1, "the edited English page is converted again"
    assert fourth["languages_reused"] == 2, "an English page was saved: English is built again"

    fresh, cached = sites[0], sites[1]
    pages = sorted(path.relative_to(fresh) for path in fresh.rglob("*.html"))
    assert pages == sorted(path.relative_to(cached) for path in cached.rglob("*.html"))
    differ = [str(p) for p in pages if (fresh / p).read_bytes() != (cached / p).read_bytes()]
    assert not differ, differ
    for index in ("search/search_index.json", "en/search/search_index.json"):
        assert (fresh / index).read_bytes() == (cached / index).read_bytes(), index
    edited = (sites[2] / "chapters" / "05-working-with-media" / "index.html").read_text(encoding="utf-8")
    assert "Edited-between-rebuilds-2." in edited
    english = sorted(path.relative_to(fresh) for path in (fresh / "en").rglob("*.html"))
    differ = [str(p) for p in english if (fresh / p).read_bytes() != (sites[2] / p).read_bytes()]
    assert not differ, differ  # the English pages put back after a Bulgarian save are those of a build
    assert "zzqmarkc" in (sites[2] / "search" / "search_index.json").read_text(encoding="utf-8")
    edited = (sites[3] / "en" / "chapters" / "05-working-with-media" / "index.html").read_text(encoding="utf-8")
    assert "Edited-between-rebuilds-3." in edited
    assert "zzqmarkd" in (sites[3] / "en" / "search" / "search_index.json").read_text(encoding="utf-8")
