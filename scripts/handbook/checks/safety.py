"""HTML safety of the content: raw HTML is limited to what the handbook needs.

Anywhere under docs/ (pages, data, word lists – any text file), these fail the check and the build:
a `<script>`, `<iframe>`, `<object>` or `<embed>` element, an inline event handler (`onclick=`,
`onload=`, …) and a `javascript:` (or `vbscript:`) link. Python-Markdown passes raw HTML through
unchanged, and the worksheet texts end up in pages too, so any of these would run in a reader's
browser. The check is deliberately blunt (code blocks are not exempt): the handbook never needs
to show such code.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.sources.problems import Problem

TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".txt", ".html", ".htm", ".svg", ".json", ".csv"}

_RULES = [
    (re.compile(r"<\s*(script|iframe|object|embed)\b", re.IGNORECASE),
     lambda m: f"<{m.group(1).lower()}> is not allowed in the content; embed nothing that runs code "
               "(link to the video or page instead)"),
    (re.compile(r"<[a-z][^<>]*?\s(on[a-z]+)\s*=", re.IGNORECASE | re.DOTALL),
     lambda m: f"inline event handler {m.group(1).lower()}= is not allowed; remove it"),
    (re.compile(r"(?:\]\(\s*<?|\]:\s*<?|\b(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?|<)"
                r"\s*(java|vb)script\s*:", re.IGNORECASE),
     lambda m: f"{m.group(1).lower()}script: links are not allowed; link to a page or a file"),
]


def check_text(path: str, text: str) -> list[Problem]:
    problems = []
    for pattern, message in _RULES:
        for match in pattern.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            problems.append(Problem(path, line, message(match)))
    return sorted(problems)


def check(root: Path) -> list[Problem]:
    """Every text file under docs/."""
    root = Path(root)
    problems = []
    for path in sorted((root / "docs").rglob("*")):
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            problems += check_text(path.relative_to(root).as_posix(), text)
    return problems
