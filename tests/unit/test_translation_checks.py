"""An out-of-date translation is explained (the commit, the command that shows the change) and an
editor can clear it by recording that the change needs no translation."""

from __future__ import annotations

import subprocess
from pathlib import Path

from handbook.editors import status


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "Ed", "GIT_AUTHOR_EMAIL": "ed@example.org", "GIT_COMMITTER_NAME": "Ed",
           "GIT_COMMITTER_EMAIL": "ed@example.org", "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def make_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    for lang in ("bg", "en"):
        (repo / "docs" / lang).mkdir(parents=True)
        (repo / "docs" / lang / "index.md").write_text("# Home { #home }\n\nText.\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Both languages", "--date", "2024-01-01T10:00:00")
    page = repo / "docs/bg/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nПоправка на запетая.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Bulgarian only: a comma", "--date", "2024-02-01T10:00:00")
    return repo


def test_out_of_date_says_what_changed_and_how_to_clear_it(tmp_path):
    repo = make_repo(tmp_path)
    sha = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    entry = next(e for e in status.collect(repo).entries if e.path == "index.md")
    assert entry.state == status.OUTDATED
    detail = " ".join(entry.details())
    assert f"git show {sha} -- docs/bg/index.md" in detail
    assert "Bulgarian only: a comma" in detail
    assert f"- {{page: index.md, language: en, checked: {sha}}}" in detail


def test_a_recorded_check_clears_it(tmp_path):
    repo = make_repo(tmp_path)
    sha = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    (repo / "docs/data").mkdir(parents=True)
    (repo / status.ACKNOWLEDGEMENTS).write_text(f"- {{page: index.md, language: en, checked: {sha}}}\n", encoding="utf-8")
    entry = next(e for e in status.collect(repo).entries if e.path == "index.md")
    assert entry.state == status.OK, entry.details()
    page = repo / "docs/bg/index.md"  # a later change is reported again
    page.write_text(page.read_text(encoding="utf-8") + "\nНов абзац.\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "Bulgarian only: a new paragraph", "--date", "2024-03-01T10:00:00")
    entry = next(e for e in status.collect(repo).entries if e.path == "index.md")
    assert entry.state == status.OUTDATED
