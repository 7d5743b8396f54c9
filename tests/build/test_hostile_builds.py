"""A build that meets broken or hostile input fails in seconds, names the file and what to do,
and leaves the published folder as it was; a build killed half-way leaves caches that the next
build can use."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest

from support.build import PAGES_ONLY, mkdocs_build

CHAPTER = "docs/bg/chapters/01-introduction.md"


def _append(rel: str, text: str):
    def make(project: Path):
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return make


def _write(rel: str, data: bytes):
    return lambda project: (project / rel).write_bytes(data)


def _alias_bomb(project: Path):
    path = project / "docs/data/glossary.yml"
    path.write_text("- &a {id: a}\n- *a\n" + path.read_text(encoding="utf-8"), encoding="utf-8")


def _symlink_out(project: Path):
    os.symlink("/etc/hostname", project / "docs/bg/secret.md")
    os.symlink("/etc/hostname", project / "docs/en/secret.md")


def _huge_worksheet(project: Path):
    path = project / "docs/data/worksheets/w01-training-needs.yml"
    fields = "".join(f"  - {{id: extra-{n}, type: text, label: {{bg: Поле, en: Field}}}}\n" for n in range(200))
    path.write_text(path.read_text(encoding="utf-8") + fields, encoding="utf-8")


CASES = {
    "entity-encoded javascript link": (_append(CHAPTER, '\n<a href="jav&#x61;script:alert(1)">x</a>\n'),
                                      CHAPTER, "javascript: addresses are not allowed"),
    "tracking pixel": (_append(CHAPTER, '\n<img src="https://tracker.example/p.gif" alt="">\n'),
                       CHAPTER, "put the image in the repository"),
    "external stylesheet": (_append(CHAPTER, '\n<link rel="stylesheet" href="https://evil.example/x.css">\n'),
                            CHAPTER, "<link> is not allowed"),
    "form to another host": (_append(CHAPTER, '\n<form action="https://evil.example/p"><input name=a></form>\n'),
                             CHAPTER, "a form sending to another host"),
    "meta refresh": (_append(CHAPTER, '\n<meta http-equiv="refresh" content="0;url=https://evil.example">\n'),
                     CHAPTER, "<meta> is not allowed"),
    "yaml alias bomb": (_alias_bomb, "docs/data/glossary.yml", "anchors and aliases"),
    "not utf-8": (_write("docs/bg/accessibility.md", "# Достъпност\n".encode("cp1251")),
                  "docs/bg/accessibility.md", "is not UTF-8 text"),
    "binary file": (_write("docs/en/about.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00"), "docs/en/about.md", "NUL bytes"),
    "symlink out of docs": (_symlink_out, "docs/bg/secret.md", "outside docs/"),
    "page of several megabytes": (_append(CHAPTER, "\nдума " * 700_000), CHAPTER, "split it into several pages"),
    "worksheet with hundreds of fields": (_huge_worksheet, "w01-training-needs.yml", "at most 60 fields"),
    "duplicate anchors": (_append(CHAPTER, "\n## Again { #objectives }\n"), CHAPTER, "is used twice"),
    "file name with spaces": (lambda p: [(p / f"docs/{lang}/my page.md").write_text("# T { #t }\n", encoding="utf-8")
                                         for lang in ("bg", "en")], "docs/bg/my page.md", "rename it"),
    "cyrillic file name": (lambda p: [(p / f"docs/{lang}/страница.md").write_text("# T { #t }\n", encoding="utf-8")
                                      for lang in ("bg", "en")], "docs/bg/страница.md", "rename it"),
    "heading with html": (_append(CHAPTER, "\n## <b>Bold</b> heading { #bold-heading }\n"), CHAPTER, "contains HTML"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_input_fails_fast_and_publishes_nothing(project_copy, tmp_path, case):
    make, where, expected = CASES[case]
    make(project_copy)
    site = tmp_path / "site"
    site.mkdir()
    (site / "published.txt").write_text("the last good site", encoding="utf-8")
    started = time.monotonic()
    result = mkdocs_build(project_copy, site, PAGES_ONLY)
    elapsed = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build passed"
    assert where in output and expected in output, output[-3000:]
    assert sorted(p.name for p in site.iterdir()) == ["published.txt"], "the build wrote into the published folder"
    assert elapsed < 60, f"{case}: {elapsed:.0f} s to fail"


def test_a_build_killed_half_way_leaves_usable_caches(project_copy, tmp_path):
    """Kill a build while it renders the worksheet files; the next build completes, and every
    file it publishes is whole."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **PAGES_ONLY}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "first")]
    process = subprocess.Popen(command, cwd=project_copy, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    cache = project_copy / ".cache" / "worksheets"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(cache.glob("*.pdf"))) < 3 and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    second = tmp_path / "second"
    result = mkdocs_build(project_copy, second, PAGES_ONLY)
    assert result.returncode == 0, result.stderr[-3000:]
    files = sorted((second / "worksheets" / "files").glob("*.pdf"))
    assert files
    for path in files:  # qpdf refuses a cut-off file as pypdf does, ten times faster
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) >= 1, path
