"""Small fixture sites in temporary folders for the editors' command line, made from the data files
under tests/fixtures/<site-name>/, and a git history with controlled dates."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from support import FIXTURES, ROOT

__all__ = ["ROOT", "write", "make_site", "git", "init_repo", "commit"]


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_site(root: Path, extra: dict[str, str] | None = None, layers: tuple[str, ...] = ()) -> Path:
    """The two-page bilingual site of fixtures/two-page-site (home and one chapter, a one-entry
    glossary) with the project's word lists; then each fixture folder named in `layers` copied
    over it (e.g. "with-nav": a mkdocs.yml navigation and a third chapter), then `extra` files."""
    for name in ("two-page-site", *layers):
        shutil.copytree(FIXTURES / name, root, dirs_exist_ok=True)
    wordlists = root / "docs/data/wordlists"
    wordlists.mkdir(parents=True, exist_ok=True)
    for wordlist in sorted((ROOT / "docs/data/wordlists").glob("*.txt")):
        shutil.copyfile(wordlist, wordlists / wordlist.name)
    write(root, extra or {})
    return root


def git(root: Path, *args: str, date: str | None = None) -> str:
    """Run git in `root` as a fixed author; `date` (ISO 8601) sets the commit's dates."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    result = subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"git {' '.join(args)} failed: {result.stderr}"
    return result.stdout


def init_repo(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")


def commit(root: Path, message: str, date: str, *paths: str) -> None:
    git(root, "add", *(paths or ["-A"]))
    git(root, "commit", "-q", "-m", message, date=date)
