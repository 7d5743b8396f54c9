"""Reading the handbook's Markdown the way the editors' checks need it.

A small, dependency-free scanner shared by the translation status, the Markdown lint, the
spelling check and the external link check. It knows the constructs this handbook uses: YAML
front matter, fenced code, ATX headings with attribute lists (`{ #id }`), admonitions (`!!!`,
`???`, `???+`) with their indented bodies, task lists, links and images, inline HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import content

HEADING = re.compile(r"^(?P<hashes>#{1,6})(?P<space>\s*)(?P<text>.*?)\s*$")
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
    body, offset = content.strip_front_matter(markdown)
    all_lines = markdown.splitlines()
    out = [Line(n, text, True) for n, text in enumerate(all_lines[:offset], start=1)]
    out += [Line(number + offset, text, code) for number, text, code in content.scan_fences(body)]
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
        heading = HEADING.match(line.text)
        if heading and heading.group("space"):
            anchor = content._ATTR_ID.search(heading.group("text"))
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
