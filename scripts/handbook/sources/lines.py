"""Lines to take: short, sourced answers to the questions and rumours that residents, councillors
and journalists raise, one bilingual file per answer (docs/data/lines-to-take/<id>.yml).

Each answer carries the date its sources were last checked; an answer not checked for twelve months
is stale: the page marks it "to re-check" and `make status` lists it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from handbook.languages import LANGUAGES
from handbook.sources.problems import DataError, load_yaml, require_text
from handbook.strings import say

TOPICS = ("benefits", "jobs", "crime", "health", "schools", "housing", "numbers", "costs",
          "temporary-protection", "asylum", "borders")
KEYS = {"id", "topic", "checked", "sources", *LANGUAGES}
STALE_AFTER_DAYS = 365
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Source:
    url: str
    title: dict  # lang -> title


@dataclass(frozen=True)
class Line:
    id: str
    topic: str
    checked: dt.date
    sources: tuple
    text: dict  # lang -> {"question", "answer"}
    source: Path = field(compare=False, default=None)

    def stale(self, today: dt.date) -> bool:
        return (today - self.checked).days > STALE_AFTER_DAYS


def load(path: Path) -> Line:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataError(path, say("lines.not_mapping", keys=", ".join(sorted(KEYS))))
    unknown, missing = set(data) - KEYS, KEYS - set(data)
    if unknown or missing:
        raise DataError(path, say("lines.keys_to_fix", missing=sorted(missing), unknown=sorted(map(str, unknown))))
    line_id = data["id"]
    if line_id != path.stem or not isinstance(line_id, str) or not _ID.match(line_id):
        raise DataError(path, say("lines.bad_id", id=line_id, stem=path.stem))
    if data["topic"] not in TOPICS:
        raise DataError(path, say("lines.bad_topic", topic=data["topic"], topics=", ".join(TOPICS)))
    checked = data["checked"]
    if not isinstance(checked, dt.date):
        raise DataError(path, say("lines.bad_checked"))
    raw_sources = data["sources"]
    if not isinstance(raw_sources, list) or not raw_sources:
        raise DataError(path, say("lines.no_sources"))
    sources = []
    for number, raw in enumerate(raw_sources, 1):
        if not isinstance(raw, dict) or not str(raw.get("url", "")).startswith(("https://", "http://")):
            raise DataError(path, say("lines.bad_url", number=number))
        title = raw.get("title")
        if not isinstance(title, dict):
            raise DataError(path, say("lines.title_languages", number=number))
        sources.append(Source(raw["url"], {
            lang: require_text(path, say("lines.source_title", number=number, lang=lang), title.get(lang))
            for lang in LANGUAGES}))
    text = {}
    for lang in LANGUAGES:
        block = data[lang]
        if not isinstance(block, dict):
            raise DataError(path, say("lines.needs_question", lang=lang))
        text[lang] = {key: " ".join(require_text(path, f"{lang}.{key}", block.get(key)).split())
                      for key in ("question", "answer")}
    return Line(line_id, data["topic"], checked, tuple(sources), text, path)


def load_all(folder: Path) -> list[Line]:
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted((load(path) for path in sorted(folder.glob("*.yml"))),
                  key=lambda line: (TOPICS.index(line.topic), line.id))


def stale(lines: list[Line], today: dt.date | None = None) -> list[Line]:
    today = today or dt.date.today()
    return [line for line in lines if line.stale(today)]
