"""The one Markdown scanner: reading the handbook's pages the way the build, the checks and the
editors' commands need it.

Small and dependency-free. It knows the constructs this handbook uses: YAML front matter, fenced
code, ATX headings with attribute lists (`{ #id }`), admonitions (`!!!`, `???`, `???+`) with their
indented bodies, task lists, links and images, inline HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(?P<text>.*?)\s*$")
ATTR_ID = re.compile(r"\{\s*[^}]*?#(?P<id>[^\s}]+)[^}]*\}\s*$")
ASCII_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)[^)]*\)")
HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
ALT_ATTR = re.compile(r"""\balt\s*=\s*(["'])(?P<alt>.*?)\1""", re.IGNORECASE | re.DOTALL)


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


def content_lines(markdown: str):
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
    for number, line in content_lines(body):
        match = _HEADING.match(line)
        if not match:
            continue
        text = match.group("text")
        attr = ATTR_ID.search(text)
        anchor = attr.group("id") if attr else None
        if attr:
            text = text[: attr.start()].rstrip()
        found.append(Heading(len(match.group(1)), text.rstrip("#").strip(), anchor, number + offset))
    return found


def anchors(markdown: str) -> list[str]:
    return [h.anchor for h in headings(markdown) if h.anchor]


def language_pages(docs_dir: Path, language: str) -> set[str]:
    root = docs_dir / language
    return {p.relative_to(root).as_posix() for p in root.rglob("*.md")} if root.is_dir() else set()


HEADING_LINE = re.compile(r"^(?P<hashes>#{1,6})(?P<space>\s*)(?P<text>.*?)\s*$")
ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}|\{:?\s*[\w-]+=[^}]*\}")
ADMONITION = re.compile(
    r"^(?P<indent>\s*)(?P<marker>!!!|\?\?\?\+?)(?P<space>\s*)(?P<type>[A-Za-z][\w-]*)?"
    r"(?P<classes>(?:\s+[A-Za-z][\w-]*)*)\s*(?:\"(?P<title>[^\"]*)\")?\s*$")
# [text](target "title") – not preceded by "!" (an image). Text may hold one level of brackets.
LINK = re.compile(r"(?<!!)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*(?P<target><[^>]*>|[^)\s]*)"
                  r"(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*(?P<src><[^>]*>|[^)\s]*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
HTML_LINK = re.compile(r"""<(?:a|area)\b[^>]*?\bhref\s*=\s*(["'])(?P<target>.*?)\1""", re.IGNORECASE | re.DOTALL)
HTML_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(["'])(?P<src>.*?)\1""", re.IGNORECASE | re.DOTALL)
INLINE_CODE = re.compile(r"(`+)(?!`)(?P<code>.+?)(?<!`)\1(?!`)")
HTML_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--.*?-->")
URL = re.compile(r"\b(?:https?|ftp)://[^\s<>()\[\]]+|\bwww\.[^\s<>()\[\]]+")
EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
WORKSHEET_LINK = re.compile(r"(?:^|/)worksheets/w(?P<number>\d{2})-[a-z0-9-]+\.md")
WORKSHEET_CODE = re.compile(r"(?<![\w/.-])W(?P<number>\d{1,2})(?![\w])")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line number in the file, front matter included
    text: str
    code: bool  # inside front matter or a fenced code block (or a fence line itself)


def lines(markdown: str) -> list[Line]:
    """Every line of a page, marking those that are not prose (front matter, fenced code)."""
    body, offset = strip_front_matter(markdown)
    all_lines = markdown.splitlines()
    out = [Line(n, text, True) for n, text in enumerate(all_lines[:offset], start=1)]
    out += [Line(number + offset, text, code) for number, text, code in scan_fences(body)]
    return out


def prose_lines(markdown: str) -> list[Line]:
    return [line for line in lines(markdown) if not line.code]


def strip_target(target: str) -> str:
    target = target.strip()
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1].strip()
    return target


def is_external(target: str) -> bool:
    return bool(EXTERNAL.match(target))


@dataclass(frozen=True)
class Link:
    line: int
    text: str
    target: str


def links(markdown: str) -> list[Link]:
    """Markdown and HTML links outside code (inline code spans excluded)."""
    found = []
    for line in prose_lines(markdown):
        text = INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line.text)
        for match in LINK.finditer(text):
            found.append(Link(line.number, match.group("text"), strip_target(match.group("target"))))
        for match in HTML_LINK.finditer(text):
            found.append(Link(line.number, "", match.group("target").strip()))
    return found


def images(markdown: str) -> list[Link]:
    found = []
    for line in prose_lines(markdown):
        text = INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line.text)
        for match in IMAGE.finditer(text):
            found.append(Link(line.number, match.group("alt"), strip_target(match.group("src"))))
        for match in HTML_IMG_SRC.finditer(text):
            found.append(Link(line.number, "", match.group("src").strip()))
    return found


@dataclass(frozen=True)
class Admonition:
    line: int
    marker: str  # "!!!", "???" or "???+"
    type: str
    title: str | None
    section: str | None  # anchor of the heading it sits under


def admonitions(markdown: str) -> list[Admonition]:
    found, section = [], None
    for line in prose_lines(markdown):
        heading = HEADING_LINE.match(line.text)
        if heading and heading.group("space"):
            anchor = ATTR_ID.search(heading.group("text"))
            section = anchor.group("id") if anchor else None
            continue
        match = ADMONITION.match(line.text)
        if match and match.group("type"):
            found.append(Admonition(line.number, match.group("marker"), match.group("type"),
                                    match.group("title"), section))
    return found


def worksheet_references(markdown: str) -> set[str]:
    """Worksheet codes a page refers to ("W4"), by link to its page or by its code in the text."""
    codes = set()
    for link in links(markdown):
        match = WORKSHEET_LINK.search(link.target)
        if match:
            codes.add(f"W{int(match.group('number'))}")
    for line in prose_lines(markdown):
        text = URL.sub(" ", LINK.sub(lambda m: m.group("text"), line.text))
        for match in WORKSHEET_CODE.finditer(text):
            codes.add(f"W{int(match.group('number'))}")
    return codes


def read(path: Path) -> str:
    return Path(path).read_text(encoding="utf-8")
