"""The bilingual glossary: one data file, rendered into the glossary page of each language and into
hover definitions (abbreviations) wherever a term appears in a chapter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .content import LANGUAGES, Problem
from .data import DataError, load_yaml, require_text

MARKER = "<!-- glossary-entries -->"
STATUSES = ("use", "care", "avoid")
STATUS_LABELS = {
    "bg": {"use": "Препоръчително", "care": "С повишено внимание", "avoid": "Да се избягва"},
    "en": {"use": "Use", "care": "Use with care", "avoid": "Avoid"},
}
LABELS = {
    "bg": {"terms": "Термини", "other": "На английски", "source": "Източник"},
    "en": {"terms": "Terms", "other": "In Bulgarian", "source": "Source"},
}
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    id: str
    status: str
    source: str
    text: dict  # language -> {"term", "forms", "definition", "note"}


def load(path: Path) -> list[Term]:
    """Read and validate the glossary; raise DataError naming the file and entry."""
    data = load_yaml(path)
    if not isinstance(data, list):
        raise DataError(path, "the glossary must be a list of entries")
    terms, seen, forms_seen = [], set(), {}
    for index, entry in enumerate(data, start=1):
        where = f"entry {index}"
        if not isinstance(entry, dict):
            raise DataError(path, f"{where}: must be a mapping with id, status, bg and en")
        term_id = entry.get("id")
        if not isinstance(term_id, str) or not _ID.match(term_id):
            raise DataError(path, f"{where}: id must be lower-case ASCII words joined by hyphens")
        where = f"entry “{term_id}”"
        if term_id in seen:
            raise DataError(path, f"{where}: duplicate id")
        seen.add(term_id)
        status = entry.get("status")
        if status not in STATUSES:
            raise DataError(path, f"{where}: status must be one of {', '.join(STATUSES)}")
        text = {}
        for lang in LANGUAGES:
            block = entry.get(lang)
            if not isinstance(block, dict):
                raise DataError(path, f"{where}: missing the “{lang}” translation")
            values = {key: require_text(path, f"{where}, {lang}.{key}", block.get(key))
                      for key in ("term", "definition", "note")}
            forms = block.get("forms") or []
            if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
                raise DataError(path, f"{where}, {lang}.forms: must be a list of words")
            for form in forms:
                key = (lang, form)
                if key in forms_seen:
                    raise DataError(path, f"{where}, {lang}.forms: “{form}” also belongs to “{forms_seen[key]}”")
                forms_seen[key] = term_id
            values["forms"] = forms
            text[lang] = values
        terms.append(Term(term_id, status, str(entry.get("source") or ""), text))
    return terms


def render_entries(terms: list[Term], lang: str) -> str:
    """Markdown for the glossary page of one language."""
    other = next(code for code in LANGUAGES if code != lang)
    labels = LABELS[lang]
    lines = [f"## {labels['terms']} {{ #terms }}", ""]
    for term in terms:
        own = term.text[lang]
        facts = [
            f"<span class=\"glossary-status glossary-status--{term.status}\">"
            f"{STATUS_LABELS[lang][term.status]}</span>",
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
        raise DataError(Path(path), f"the glossary page needs the line {MARKER} where the entries go")
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


_ABBR = re.compile(r"<abbr title=\"(?P<title>[^\"]*)\">(?P<text>.*?)</abbr>", re.DOTALL)


def strip(page_html: str) -> str:
    """Remove hover definitions (for pages that are not chapters, such as the glossary itself)."""
    return _ABBR.sub(lambda match: match.group("text"), page_html)


def first_mentions_only(page_html: str) -> str:
    """Keep the hover definition on the first mention of each term in a page, and make it
    reachable by keyboard; later mentions become plain text so pages do not turn into a sea of
    underlines and tab stops."""
    seen = set()

    def replace(match: re.Match) -> str:
        title = match.group("title")
        if title in seen:
            return match.group("text")
        seen.add(title)
        return f'<abbr title="{title}" tabindex="0">{match.group("text")}</abbr>'

    return _ABBR.sub(replace, page_html)


def problems(path: Path) -> list[Problem]:
    try:
        load(path)
    except DataError as error:
        return [error.problem]
    return []


__all__ = ["Term", "load", "render_page", "abbreviations", "first_mentions_only"]
