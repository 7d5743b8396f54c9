"""The lines-to-take page of each language: the answers grouped by topic, a jump list of topics,
each answer with its sources and the date they were checked (marked "to re-check" after a year)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from handbook import strings
from handbook.languages import format_date
from handbook.sources.lines import TOPICS, Line
from handbook.sources.problems import DataError
from handbook.strings import say

MARKER = "<!-- lines-to-take -->"


def _escape(text: str) -> str:
    """Markdown-safe text for a link label."""
    return text.replace("[", "\\[").replace("]", "\\]")


def render_entries(lines: list[Line], lang: str, today: dt.date) -> str:
    t = strings.table(lang)["lines"]
    present = [topic for topic in TOPICS if any(line.topic == topic for line in lines)]
    out = [" · ".join(f"[{t['topics'][topic]}](#topic-{topic})" for topic in present), "{ .lines-topics }", ""]
    for topic in present:
        out += [f"## {t['topics'][topic]} {{ #topic-{topic} }}", ""]
        for line in (line for line in lines if line.topic == topic):
            own = line.text[lang]
            checked = f"{t['checked']}: {format_date(line.checked, lang)}"
            if line.stale(today):
                checked += f' <span class="lines-stale">{t["recheck"]}</span>'
            sources = "; ".join(f"[{_escape(source.title[lang])}]({source.url})" for source in line.sources)
            out += [f"### {own['question']} {{ #{line.id} .lines-question }}", "", own["answer"], "",
                    f"{t['sources']}: {sources}. {checked}", "{ .lines-meta }", ""]
    return "\n".join(out)


def render_page(markdown: str, lines: list[Line], lang: str, path: str, today: dt.date | None = None) -> str:
    if MARKER not in markdown:
        raise DataError(Path(path), say("lines.no_marker", marker=MARKER))
    return markdown.replace(MARKER, render_entries(lines, lang, today or dt.date.today()), 1)
