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


def run(root: Path, fix: bool, out=print) -> int:
    """Run every stage; return 0 when nothing is left to fix, else 1."""
    root = Path(root)
    remaining = 0

    def report(number: int, title: str, problems: list, extra: list | None = None) -> None:
        nonlocal remaining
        lines = [str(p) for p in problems] + (extra or [])
        verdict = "ok" if not problems else f"{len(problems)} problem(s)"
        out(f"{number}. {title}: {verdict}")
        for line in lines:
            out(f"   {line}")
        remaining += len(problems)

    unreadable = _files(root)
    if unreadable:
        report(1, "Files (UTF-8 text, sizes, names, nothing linked from outside docs/)", unreadable)
        out(f"\n{remaining} file(s) to fix before the other checks can read them; then run `{FIX_COMMAND}` again.")
        return 1
    report(1, "Structure (both languages, anchors, navigation, placeholders)", _structure(root))

    result = lint.run(root, fix=fix)
    notes = []
    if result.fixed_files:
        fixed = [f for f in result.findings if f.fixable and f.path in result.fixed_files]
        notes = [f"fixed automatically: {f}" for f in fixed]
        notes.append(f"({len(fixed)} fix(es) in {len(result.fixed_files)} file(s): review them with "
                     "`git diff` and commit them)")
    problems = []
    for finding in result.remaining:
        if finding.fixable:
            problems.append(f"{finding} – fixable automatically: run `{FIX_COMMAND}` on your computer "
                            "and commit the result")
        else:
            problems.append(str(finding))
    report(2, "Markdown lint", problems, notes)

    report(3, "HTML safety (no <script>, <iframe>, event handlers or javascript: links)", safety.check(root))

    try:
        misspelt = spelling.check(root)
    except spelling.SpellingUnavailable as error:
        misspelt = [f"spelling could not run: {error}"]
    report(4, "Spelling (bg_BG and en_GB dictionaries + docs/data/wordlists/)", misspelt)

    report(5, "Glossary and worksheet data", _data(root))

    if remaining:
        out(f"\n{remaining} problem(s) to fix. Fix them in the files named above, top to bottom, "
            f"then run `{FIX_COMMAND}` again. CONTRIBUTING.md explains each check.")
        return 1
    out("\nAll checks passed.")
    return 0
