"""`make check`: every fast check that needs no browser, in the order an editor should fix them.

1. structure: each page in both languages, the same anchors and structure, in the navigation,
   no "TODO" left from the scaffolding;
2. Markdown lint (lint.py);
3. HTML safety (safety.py);
4. spelling in both languages (spelling.py);
5. glossary and worksheet data.

One rule for everything that can be fixed automatically (trailing spaces, „…“ quotes in
Bulgarian, spaced dashes, …): on an editor's computer `make check` fixes it and says what it
changed; in CI (the environment variable CI is set) nothing is changed and the check fails with
the command that fixes it.
"""

from __future__ import annotations

import os
from pathlib import Path

from handbook.checks import lint
from handbook.checks import safety
from handbook.editors import scaffold
from handbook.checks import spelling
from handbook.editors import status
from handbook.project import Project
from handbook.checks import structure
from handbook.strings import editor_language, say, text

FIX_COMMAND = "make check"


def in_ci(environ=os.environ) -> bool:
    return environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _structure(root: Path) -> list:
    docs = root / "docs"
    return (structure.check_docs(docs) + status.differences_as_problems(root)
            + scaffold.nav_problems(root) + scaffold.placeholders(root))


def _files(root: Path) -> list:
    """Files that cannot be read safely (not UTF-8, too large, a link out of docs/, a bad name)."""
    return structure.check_files(root / "docs")


def _data(root: Path) -> list:
    """The data files (glossary, worksheets, lines to take), as the build reads them."""
    return Project.load(root / "docs")[1]


def _text(item, lang: str) -> str:
    """A problem, finding or message in `lang` (its own text(lang) when it has one, else str())."""
    method = getattr(item, "text", None)
    return method(lang) if callable(method) else str(item)


def run(root: Path, fix: bool, out=print, lang: str | None = None) -> int:
    """Run every stage; return 0 when nothing is left to fix, else 1. Everything is said in `lang`
    (default: the editor's language, see strings.editor_language)."""
    root = Path(root)
    lang = lang or editor_language()
    remaining = 0

    def say_(key: str, **params) -> str:
        return say(key, **params).text(lang)

    def report(number: int, stage: str, problems: list, extra: list | None = None) -> None:
        nonlocal remaining
        lines = [_text(p, lang) for p in problems] + (extra or [])
        verdict = say_("check.ok") if not problems else say_("check.problems", count=len(problems))
        out(f"{number}. {say_(stage)}: {verdict}")
        for line in lines:
            out(f"   {line}")
        remaining += len(problems)

    unreadable = _files(root)
    if unreadable:
        report(1, "check.stage_files", unreadable)
        out("\n" + say_("check.files_first", count=remaining, command=FIX_COMMAND))
        return 1
    report(1, "check.stage_structure", _structure(root))

    result = lint.run(root, fix=fix)
    notes = []
    if result.fixed_files:
        fixed = [f for f in result.findings if f.fixable and f.path in result.fixed_files]
        notes = [say_("check.fixed", finding=_text(f, lang)) for f in fixed]
        notes.append(say_("check.fixed_summary", fixes=len(fixed), files=len(result.fixed_files)))
    problems = []
    for finding in result.remaining:
        if finding.fixable:
            problems.append(say_("check.fixable", finding=_text(finding, lang), command=FIX_COMMAND))
        else:
            problems.append(_text(finding, lang))
    report(2, "check.stage_lint", problems, notes)

    report(3, "check.stage_safety", safety.check(root))

    try:
        misspelt = spelling.check(root)
    except spelling.SpellingUnavailable as error:
        reason = _text(error, lang) if callable(getattr(error, "text", None)) else text(
            getattr(error, "message", str(error)), lang)
        misspelt = [say_("check.spelling_unavailable", reason=reason)]
    report(4, "check.stage_spelling", misspelt)

    report(5, "check.stage_data", _data(root))

    if remaining:
        out("\n" + say_("check.failed", count=remaining, command=FIX_COMMAND))
        return 1
    out("\n" + say_("check.passed"))
    return 0
