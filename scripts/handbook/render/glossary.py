"""The glossary on the site: the glossary page of each language, and hover definitions
(abbreviations) on the first mention of a term in a chapter."""

from __future__ import annotations

import html
import re
from pathlib import Path

from handbook import strings
from handbook.languages import other as other_language
from handbook.sources.glossary import Term
from handbook.sources.problems import DataError
from handbook.strings import say

MARKER = "<!-- glossary-entries -->"


def sort_key(headword: str) -> str:
    """Alphabetical order in the term's own alphabet: case and leading quotes ignored (the
    Cyrillic block of Unicode is in the Bulgarian alphabet's order)."""
    return headword.lstrip("„“\"'«(").casefold()


def alphabetical(terms: list[Term], lang: str) -> list[Term]:
    return sorted(terms, key=lambda term: sort_key(term.text[lang]["term"]))


def render_entries(terms: list[Term], lang: str) -> str:
    """Markdown for the glossary page of one language: an A–Z list of the first letters, then the
    entries in alphabetical order."""
    other = other_language(lang)
    labels = strings.table(lang)["glossary"]
    terms = alphabetical(terms, lang)
    first_of: dict[str, str] = {}  # letter -> id of its first term
    for term in terms:
        first_of.setdefault(sort_key(term.text[lang]["term"])[:1].upper(), term.id)
    jump = " ".join(f"[{letter}](#{term_id})" for letter, term_id in first_of.items())
    lines = [f"## {labels['terms']} {{ #terms }}", "", jump, '{ .glossary-letters role="navigation" '
             f'aria-label="{labels["letters"]}" }}', ""]
    for term in terms:
        own = term.text[lang]
        facts = [
            f"<span class=\"glossary-status glossary-status--{term.status}\">"
            f"{labels['status'][term.status]}</span>",
            f"{labels['other']}: *{term.text[other]['term']}*",
        ]
        if term.source:
            facts.append(f"{labels['source']}: {term.source}")
        lines += [
            f"### {own['term']} {{ #{term.id} .glossary-term }}",
            "",
            " · ".join(facts),
            "{ .glossary-facts }",
            "",
            own["definition"],
            "",
            own["note"],
            "",
        ]
    return "\n".join(lines)


def render_page(markdown: str, terms: list[Term], lang: str, path: str) -> str:
    if MARKER not in markdown:
        raise DataError(Path(path), say("glossary.no_marker", marker=MARKER))
    return markdown.replace(MARKER, render_entries(terms, lang), 1)


def abbreviations(terms: list[Term], lang: str) -> dict[str, str]:
    """{word form: short definition} for every form of every term, for Python-Markdown's abbr
    extension (its `glossary` option), sentence-initial capitalised forms included."""
    glossary = {}
    for term in terms:
        definition = " ".join(term.text[lang]["definition"].split())
        for form in term.text[lang]["forms"]:
            glossary[form] = definition
            glossary.setdefault(form[0].upper() + form[1:], definition)
    return glossary


_LINK = re.compile(r"<a\b[^>]*>.*?</a>", re.DOTALL)
_HEADING = re.compile(r"<h(?P<level>[1-6])\b[^>]*>.*?</h(?P=level)>", re.DOTALL)
_ABBR = re.compile(r"<abbr title=\"(?P<title>[^\"]*)\">(?P<text>.*?)</abbr>", re.DOTALL)


def strip(page_html: str) -> str:
    """Remove hover definitions (for pages that are not chapters, such as the glossary itself)."""
    return _ABBR.sub(lambda match: match.group("text"), page_html)


def term_ids(terms: list[Term], lang: str) -> dict[str, str]:
    """{hover definition (as the abbr extension writes it into title=): the term's id}, so that a
    definition can link to its full entry on the glossary page."""
    return {html.escape(" ".join(term.text[lang]["definition"].split()), quote=True): term.id for term in terms}


def first_mentions_only(page_html: str, ids: dict[str, str] | None = None) -> str:
    """Keep the hover definition on the first mention of each term in a page, and make it
    reachable by keyboard; later mentions become plain text so pages do not turn into a sea of
    underlines and tab stops. With `ids` (term_ids), each kept definition names its glossary entry
    (data-glossary-term), for the pop-up's link to the full entry."""
    seen = set()
    ids = ids or {}
    # Inside a link's text a definition would be a focusable element inside another (invalid HTML,
    # and two tab stops for one link), and in a heading it would interrupt the heading: there the
    # term stays plain text.
    plain = lambda outer: _ABBR.sub(lambda m: m.group("text"), outer.group(0))  # noqa: E731
    page_html = _HEADING.sub(plain, _LINK.sub(plain, page_html))

    def replace(match: re.Match) -> str:
        title = match.group("title")
        if title in seen:
            return match.group("text")
        seen.add(title)
        term = f' data-glossary-term="{ids[title]}"' if title in ids else ""
        return f'<abbr title="{title}" tabindex="0"{term}>{match.group("text")}</abbr>'

    return _ABBR.sub(replace, page_html)
