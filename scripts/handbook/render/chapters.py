"""Chapter numbers: every chapter's title carries its number ("4. Effective campaigns"), taken
from its file name (chapters/04-effective-campaigns.md), so the navigation, the page title, the
search results, the worksheet catalogue and the printed editions all say the same number that the
text refers to ("see chapter 4")."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from handbook.sources.markdown import headings

_CHAPTER = re.compile(r"^chapters/(?P<number>\d{2})-[a-z0-9-]+\.md$")


def number_of(rel: str) -> int | None:
    """The chapter number of a page path inside its language folder, or None."""
    match = _CHAPTER.match(PurePosixPath(rel).as_posix())
    return int(match.group("number")) if match else None


def numbered(title: str, number: int) -> str:
    return f"{number}. {title}"


def number_title(markdown: str, number: int) -> str:
    """The page's Markdown with its top-level heading numbered."""
    heads = [h for h in headings(markdown) if h.level == 1]
    if not heads:
        return markdown
    lines = markdown.split("\n")
    index = heads[0].line - 1
    lines[index] = re.sub(r"^#\s+", lambda m: f"{m.group(0)}{number}. ", lines[index], count=1)
    return "\n".join(lines)
