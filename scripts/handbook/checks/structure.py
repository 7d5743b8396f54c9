"""Checks of the sources that MkDocs itself does not make: files that are safe to read (UTF-8 text,
a sensible size, a plain ASCII name, inside docs/), then anchors, heading levels, alt text, the two
languages mirrored path for path and anchor for anchor.

Plain functions over text and paths, so that the build, the editors' command line and the tests
share one implementation. Each problem names the file (and line) and says what to do.
"""

from __future__ import annotations

from pathlib import Path

import re

from handbook.languages import LANGUAGES
from handbook.sources.markdown import (ALT_ATTR, ASCII_ID, HTML_IMG, MD_IMAGE, anchors, content_lines, headings,
                                       language_pages, strip_front_matter)
from handbook.sources.problems import Problem
from handbook.strings import Message, say

TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".txt", ".json", ".csv", ".svg", ".html"}
MAX_TEXT_BYTES = 512 * 1024  # the longest chapter is about 60 KB; a larger file is a mistake
MAX_FILE_BYTES = 10 * 1024 * 1024  # images and other files
_FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
_HTML_IN_HEADING = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")


def _suggest(name: str) -> "str | Message":
    stem = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-")
    return stem or say("files.suggested_name")


def check_files(docs_dir: Path) -> list[Problem]:
    """Every file under docs/ can be read safely: no link to a file outside docs/, a plain ASCII
    name, text files in UTF-8 without NUL bytes, no file too large to be a page or a picture."""
    docs_dir = Path(docs_dir)
    root = docs_dir.resolve()
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        rel = f"docs/{path.relative_to(docs_dir).as_posix()}"
        if path.is_symlink():
            target = path.resolve()
            if root not in target.parents and target != root:
                problems.append(Problem(rel, 0, say("files.link_outside")))
                continue
        if path.is_dir() or not path.exists():
            continue
        if not _FILE_NAME.match(path.name):
            problems.append(Problem(rel, 0, say("files.bad_name", name=path.name, suggestion=_suggest(path.name))))
        size = path.stat().st_size
        if path.suffix.lower() in TEXT_SUFFIXES:
            if size > MAX_TEXT_BYTES:
                problems.append(Problem(rel, 0, say("files.text_too_large", size=size // 1024,
                                                    limit=MAX_TEXT_BYTES // 1024)))
                continue
            data = path.read_bytes()
            if b"\0" in data:
                problems.append(Problem(rel, 0, say("files.nul_bytes")))
                continue
            try:
                data.decode("utf-8")
            except UnicodeDecodeError as error:
                line = data[:error.start].count(b"\n") + 1
                problems.append(Problem(rel, line, say("files.not_utf8")))
        elif size > MAX_FILE_BYTES:
            problems.append(Problem(rel, 0, say("files.too_large", size=size // (1024 * 1024),
                                                limit=MAX_FILE_BYTES // (1024 * 1024))))
    return problems


def check_page(path: str, markdown: str) -> list[Problem]:
    """Problems within one page: heading anchors, heading levels, image alt text."""
    problems = []
    seen: dict[str, int] = {}
    previous_level = 0
    page_headings = headings(markdown)
    h1_count = sum(1 for h in page_headings if h.level == 1)
    if page_headings and h1_count != 1:
        problems.append(Problem(path, 0, say("structure.h1_count", count=h1_count)))
    for heading in page_headings:
        if _HTML_IN_HEADING.search(heading.text):
            problems.append(Problem(path, heading.line, say("structure.html_in_heading", text=heading.text)))
        if heading.anchor is None:
            problems.append(Problem(path, heading.line, say("structure.no_anchor", text=heading.text)))
        elif not ASCII_ID.match(heading.anchor):
            problems.append(Problem(path, heading.line, say("structure.bad_anchor", anchor=heading.anchor)))
        elif heading.anchor in seen:
            problems.append(Problem(path, heading.line, say("structure.duplicate_anchor", anchor=heading.anchor,
                                                            first=seen[heading.anchor])))
        else:
            seen[heading.anchor] = heading.line
        if previous_level and heading.level > previous_level + 1:
            problems.append(Problem(path, heading.line, say("structure.level_jump", text=heading.text,
                                                            previous=previous_level, level=heading.level)))
        previous_level = heading.level
    body, offset = strip_front_matter(markdown)
    for number, line in content_lines(body):
        for image in MD_IMAGE.finditer(line):
            if not image.group("alt").strip():
                problems.append(Problem(path, number + offset, say("structure.image_no_alt", src=image.group("src"))))
        for tag in HTML_IMG.finditer(line):
            alt = ALT_ATTR.search(tag.group("attrs"))
            if not alt or not alt.group("alt").strip():
                problems.append(Problem(path, number + offset, say("structure.img_no_alt")))
    return problems


def check_mirror(docs_dir: Path, languages=LANGUAGES) -> list[Problem]:
    """Every page exists in every language, at the same path."""
    pages = {lang: language_pages(docs_dir, lang) for lang in languages}
    everything = set().union(*pages.values())
    problems = []
    for rel in sorted(everything):
        for lang in languages:
            if rel not in pages[lang]:
                have = [other for other in languages if rel in pages[other]]
                problems.append(Problem(f"docs/{have[0]}/{rel}", 0, say("structure.missing_page", have=", ".join(have),
                                                                         lang=lang, rel=rel)))
    return problems


def anchor_differences(reference: list[str], other: list[str], first: str, lang: str) -> list[Message]:
    """How a page's heading anchors differ from its counterpart's: the one comparison of anchors,
    used by the build, `make check` and `make status` (Messages: `str()` writes them out in the
    editor's language)."""
    if other == reference:
        return []
    missing = [a for a in reference if a not in other]
    extra = [a for a in other if a not in reference]
    detail = []
    if missing:
        detail.append(say("structure.anchors_only_in", lang=first, anchors=", ".join("#" + a for a in missing)))
    if extra:
        detail.append(say("structure.anchors_only_in", lang=lang, anchors=", ".join("#" + a for a in extra)))
    if not detail:
        detail.append(say("structure.anchors_order", first=first, lang=lang))
    return detail


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
            detail = anchor_differences(reference, anchors(other_path.read_text(encoding="utf-8")), first, lang)
            if detail:
                details = detail[0] if len(detail) == 1 else say("structure.anchors_both", missing=detail[0],
                                                                 extra=detail[1])
                problems.append(Problem(f"docs/{lang}/{rel}", 0, say("structure.headings_differ", first=first,
                                                                     rel=rel, details=details)))
    return problems


def check_docs(docs_dir: Path, languages=LANGUAGES) -> list[Problem]:
    """The page checks, in the order an editor should fix them (after check_files has passed)."""
    problems = check_mirror(docs_dir, languages)
    for lang in languages:
        for rel in sorted(language_pages(docs_dir, lang)):
            path = docs_dir / lang / rel
            problems += check_page(f"docs/{lang}/{rel}", path.read_text(encoding="utf-8"))
    problems += check_structure(docs_dir, languages)
    return problems
