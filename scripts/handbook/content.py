"""Checks over the Markdown sources that MkDocs itself does not make.

Plain functions over text and paths, so that the build hook, the editors' command line and the
tests share one implementation. Each problem names the file (and line) and says what to do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("bg", "en")
DEFAULT_LANGUAGE = "bg"

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)\s*$")
_ATTR_ID = re.compile(r"\{\s*[^}]*?#(?P<id>[^\s}]+)[^}]*\}\s*$")
_ASCII_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)[^)]*\)")
_HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_ALT_ATTR = re.compile(r"""\balt\s*=\s*(["'])(?P<alt>.*?)\1""", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, located in a file (and line, when known)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str | None
    line: int


def scan_fences(markdown: str):
    """Yield (line number, line, inside code) for every line; fence lines count as code."""
    fence = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        match = _FENCE.match(line)
        if match:
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif fence == marker:
                fence = None
            yield number, line, True
            continue
        yield number, line, fence is not None


def _content_lines(markdown: str):
    """Yield (line number, line) for lines outside fenced code blocks."""
    return ((number, line) for number, line, code in scan_fences(markdown) if not code)


def strip_front_matter(markdown: str) -> tuple[str, int]:
    """Return the Markdown without YAML front matter and the number of lines removed."""
    if markdown.startswith("---\n"):
        end = markdown.find("\n---", 4)
        if end != -1:
            close = markdown.find("\n", end + 4)
            close = len(markdown) if close == -1 else close + 1
            return markdown[close:], markdown[:close].count("\n")
    return markdown, 0


def headings(markdown: str) -> list[Heading]:
    """The ATX headings of a page (outside code), with their explicit anchors if any."""
    body, offset = strip_front_matter(markdown)
    found = []
    for number, line in _content_lines(body):
        match = _HEADING.match(line)
        if not match:
            continue
        text = match.group("text")
        attr = _ATTR_ID.search(text)
        anchor = attr.group("id") if attr else None
        if attr:
            text = text[: attr.start()].rstrip()
        found.append(Heading(len(match.group(1)), text.rstrip("#").strip(), anchor, number + offset))
    return found


def anchors(markdown: str) -> list[str]:
    return [h.anchor for h in headings(markdown) if h.anchor]


def check_page(path: str, markdown: str) -> list[Problem]:
    """Problems within one page: heading anchors, heading levels, image alt text."""
    problems = []
    seen: dict[str, int] = {}
    previous_level = 0
    page_headings = headings(markdown)
    h1_count = sum(1 for h in page_headings if h.level == 1)
    if page_headings and h1_count != 1:
        problems.append(Problem(path, 0, f"has {h1_count} top-level headings (# …); a page has exactly one"))
    for heading in page_headings:
        if heading.anchor is None:
            problems.append(Problem(
                path, heading.line,
                f"heading “{heading.text}” has no explicit anchor; add one in ASCII, "
                "the same in both languages, e.g. “## Title { #my-section }”"))
        elif not _ASCII_ID.match(heading.anchor):
            problems.append(Problem(
                path, heading.line,
                f"anchor “#{heading.anchor}” must be lower-case ASCII words joined by hyphens"))
        elif heading.anchor in seen:
            problems.append(Problem(
                path, heading.line,
                f"anchor “#{heading.anchor}” is used twice (first on line {seen[heading.anchor]})"))
        else:
            seen[heading.anchor] = heading.line
        if previous_level and heading.level > previous_level + 1:
            problems.append(Problem(
                path, heading.line,
                f"heading “{heading.text}” jumps from level {previous_level} to {heading.level}"))
        previous_level = heading.level
    body, offset = strip_front_matter(markdown)
    for number, line in _content_lines(body):
        for image in _MD_IMAGE.finditer(line):
            if not image.group("alt").strip():
                problems.append(Problem(
                    path, number + offset,
                    f"image “{image.group('src')}” has no alt text; describe it in the page's "
                    "language: ![description](…)"))
        for tag in _HTML_IMG.finditer(line):
            alt = _ALT_ATTR.search(tag.group("attrs"))
            if not alt or not alt.group("alt").strip():
                problems.append(Problem(path, number + offset, "<img> without alt text"))
    return problems


def language_pages(docs_dir: Path, language: str) -> set[str]:
    root = docs_dir / language
    return {p.relative_to(root).as_posix() for p in root.rglob("*.md")} if root.is_dir() else set()


def check_mirror(docs_dir: Path, languages=LANGUAGES) -> list[Problem]:
    """Every page exists in every language, at the same path."""
    pages = {lang: language_pages(docs_dir, lang) for lang in languages}
    everything = set().union(*pages.values())
    problems = []
    for rel in sorted(everything):
        for lang in languages:
            if rel not in pages[lang]:
                have = [other for other in languages if rel in pages[other]]
                problems.append(Problem(
                    f"docs/{have[0]}/{rel}", 0,
                    f"exists in {', '.join(have)} but not in {lang}: add docs/{lang}/{rel} "
                    "(same path, same anchors)"))
    return problems


def check_structure(docs_dir: Path, languages=LANGUAGES) -> list[Problem]:
    """Counterpart pages carry the same heading anchors, in the same order."""
    problems = []
    first, *others = languages
    for rel in sorted(language_pages(docs_dir, first)):
        reference = anchors((docs_dir / first / rel).read_text(encoding="utf-8"))
        for lang in others:
            other_path = docs_dir / lang / rel
            if not other_path.exists():
                continue
            other = anchors(other_path.read_text(encoding="utf-8"))
            if other == reference:
                continue
            missing = [a for a in reference if a not in other]
            extra = [a for a in other if a not in reference]
            detail = []
            if missing:
                detail.append(f"missing {', '.join('#' + a for a in missing)}")
            if extra:
                detail.append(f"not in {first}: {', '.join('#' + a for a in extra)}")
            if not detail:
                detail.append("same anchors in a different order")
            problems.append(Problem(
                f"docs/{lang}/{rel}", 0,
                f"headings differ from docs/{first}/{rel}: {'; '.join(detail)}"))
    return problems


def check_docs(docs_dir: Path, languages=LANGUAGES) -> list[Problem]:
    """All source checks, in the order an editor should fix them."""
    problems = check_mirror(docs_dir, languages)
    for lang in languages:
        for rel in sorted(language_pages(docs_dir, lang)):
            path = docs_dir / lang / rel
            problems += check_page(f"docs/{lang}/{rel}", path.read_text(encoding="utf-8"))
    problems += check_structure(docs_dir, languages)
    return problems
