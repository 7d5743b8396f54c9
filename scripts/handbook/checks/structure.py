"""Checks of the pages' structure that MkDocs itself does not make: anchors, heading levels, alt
text, the two languages mirrored path for path and anchor for anchor.

Plain functions over text and paths, so that the build, the editors' command line and the tests
share one implementation. Each problem names the file (and line) and says what to do.
"""

from __future__ import annotations

from pathlib import Path

from ..languages import LANGUAGES
from ..sources.markdown import (ALT_ATTR, ASCII_ID, HTML_IMG, MD_IMAGE, anchors, content_lines, headings,
                                language_pages, strip_front_matter)
from ..sources.problems import Problem


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
        elif not ASCII_ID.match(heading.anchor):
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
    for number, line in content_lines(body):
        for image in MD_IMAGE.finditer(line):
            if not image.group("alt").strip():
                problems.append(Problem(
                    path, number + offset,
                    f"image “{image.group('src')}” has no alt text; describe it in the page's "
                    "language: ![description](…)"))
        for tag in HTML_IMG.finditer(line):
            alt = ALT_ATTR.search(tag.group("attrs"))
            if not alt or not alt.group("alt").strip():
                problems.append(Problem(path, number + offset, "<img> without alt text"))
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
