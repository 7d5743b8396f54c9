"""The site also builds with ProperDocs, the maintained fork of MkDocs 1.6 with the same plugin
API: strictly, with the same pages and the same HTML (but for the generator's name)."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from devtools import sitediff
from support.build import PAGES_ONLY, mkdocs_build


def test_properdocs_builds_the_same_site(cached_copy, tmp_path):
    ours = tmp_path / "mkdocs"
    assert mkdocs_build(cached_copy, ours, PAGES_ONLY).returncode == 0
    theirs = tmp_path / "properdocs"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **PAGES_ONLY}
    result = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
                             "--site-dir", str(theirs)], cwd=cached_copy, env=env, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    differences = []
    generator = re.compile(r'<meta name="generator" content="[^"]*">')
    original = sitediff.normalise_text
    try:
        sitediff.normalise_text = lambda text: generator.sub("", original(text))
        assert sitediff.compare(ours, theirs, out=differences.append) == 0, "\n".join(differences[:60])
    finally:
        sitediff.normalise_text = original
    assert sorted(p.relative_to(ours) for p in ours.rglob("*.html"))  # pages were compared
