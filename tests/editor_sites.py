"""Small fixture sites in temporary folders for the editors' command line, and a way to run that
command line through its real interface (`python -m handbook --root … <command>`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

GLOSSARY = """\
- id: refugee
  status: use
  source: "UNHCR"
  bg:
    term: "бежанец"
    forms: ["бежанец"]
    definition: "Човек, който е напуснал страната си поради основателен страх от преследване."
    note: "Правен термин; използвайте го точно."
  en:
    term: "refugee"
    forms: ["refugee"]
    definition: "A person who has left their country owing to a well-founded fear of persecution."
    note: "A legal term; use it precisely."
"""

INDEX = {
    "bg": ("# Начало { #home }\n\nНаръчник за общината.\n\n## Глави { #chapters }\n\n"
           "Вижте [главата](chapters/01-one.md).\n"),
    "en": ("# Home { #home }\n\nA handbook for the municipality.\n\n## Chapters { #chapters }\n\n"
           "See [the chapter](chapters/01-one.md).\n"),
}
CHAPTER = {
    "bg": ("# Първа глава { #one }\n\nКратко въведение.\n\n## Медиите { #media }\n\nТекст за медиите.\n\n"
           "??? trainer \"За обучителя: упражнение (10 минути)\"\n    Обсъдете примера.\n\n"
           "## Източници { #sources }\n\n- [Доклад](https://example.org/report)\n"),
    "en": ("# Chapter one { #one }\n\nA short lead.\n\n## The media { #media }\n\nText about the media.\n\n"
           "??? trainer \"For trainers: exercise (10 minutes)\"\n    Discuss the example.\n\n"
           "## Sources { #sources }\n\n- [Report](https://example.org/report)\n"),
}


def write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def make_site(root: Path, extra: dict[str, str] | None = None) -> Path:
    """A two-page bilingual site (home and one chapter) with a one-entry glossary and the
    project's word lists."""
    files = {"docs/data/glossary.yml": GLOSSARY}
    for wordlist in sorted((ROOT / "docs/data/wordlists").glob("*.txt")):
        files[f"docs/data/wordlists/{wordlist.name}"] = wordlist.read_text(encoding="utf-8")
    for lang in ("bg", "en"):
        files[f"docs/{lang}/index.md"] = INDEX[lang]
        files[f"docs/{lang}/chapters/01-one.md"] = CHAPTER[lang]
    files.update(extra or {})
    write(root, files)
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


def cli(root: Path, *args: str, ci: bool = False, scripts: Path | None = None) -> subprocess.CompletedProcess:
    """`python -m handbook --root ROOT ARGS…` in a subprocess; CI set only when `ci`."""
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PYTHONPATH"] = str(scripts or ROOT / "scripts")
    if ci:
        env["CI"] = "true"
    return subprocess.run([sys.executable, "-m", "handbook", "--root", str(root), *args],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)
