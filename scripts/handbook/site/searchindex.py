"""Compact search indexes, one per language, that Material's worker stems in the reader's language.

Material's search plugin writes every section's full text into the index; for the whole handbook
that is about 130 KB gzip for Bulgarian alone, more than the page a reader came for. What the
worker needs to *find* a page is much less: every word of the page once, in any one of its
inflected forms (the worker stems it again, with the same rules – see bgstem.py). So after the
build each language's index is rewritten as:

* one entry per page: its title, a short teaser (the page's lead, shown under the result),
  `keys`, the page's words – one per stem, written as the stem itself where the worker's stemmer
  leaves it unchanged (else as the word's shortest form), stop words and bare numbers left out,
  sorted (sorted words compress better) – and `topics`, its dozen most characteristic words
  (tf-idf), boosted so that among pages that merely mention a word the one about it comes first;
* one entry per section: its title only, so a heading still leads straight to its section;
* nothing for the "Sources" sections of the chapters: the resources page lists every source once.

Chapters come first in the index: lunr keeps the index order among equal scores. The result:
about 48 KB gzip for Bulgarian and 42 KB for English (tests/test_search_index.py keeps each under
60 KB), against one index of 244 KB for both languages with Material's defaults.

The index config names the languages whose lunr files the worker loads: "bg" is ours
(overrides/assets/javascripts/lunr/min/lunr.bg.min.js: Bulgarian stemmer, stop words, and the
stemming of what the reader types); "en" is lunr's English stemmer. Both indexes load both, as
Bulgarian pages quote English titles and English pages Bulgarian names.
"""

from __future__ import annotations

import gzip
import html
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from handbook.site import bgstem
from handbook.site.i18n import index_path

SKIPPED_SECTIONS = {"sources"}  # anchors of sections left out of the index
TEASER_CHARS = 160
TOPICS = 12  # characteristic words per page, boosted for ranking
RESULT_ORDER = ("chapters/", "trainers-guide/", "worksheets/", "glossary/")  # then the rest, as built
MIN_TOKEN = 2
FIELDS = {
    "title": {"boost": 1000.0},
    "text": {"boost": 1.0},
    "topics": {"boost": 10.0},
    "keys": {"boost": 1.0},
    "tags": {"boost": 1000000.0},
}
LANGUAGES = {"bg": ["bg", "en"], "en": ["en", "bg"]}
PIPELINE = ["trimmer", "stopWordFilter", "stemmer"]
DEFAULT_SEPARATOR = r"[\s\-]+"

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# lunr's trimmer, as the worker builds it: JavaScript's \w (ASCII) and the Cyrillic block.
_WORD = "A-Za-z0-9_\u0400-\u04ff"
_TRIM = re.compile(rf"^[^{_WORD}]+|[^{_WORD}]+$")
_NUMBER = re.compile(r"[\d\W_]+")
_YEAR = re.compile(r"(?:19|20)\d\d")


class SearchIndexError(ValueError):
    pass


def plain(text: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text or ""))).strip()


def _word_char(char: str) -> bool:
    return ("\u0400" <= char <= "\u04ff") or (char.isascii() and (char.isalnum() or char == "_"))


def tokens(text: str, separator: str) -> list[str]:
    """The tokens the worker makes of `text`: split, lower-cased, trimmed."""
    out = []
    for raw in re.split(separator, text.lower()):
        token = raw if raw and _word_char(raw[0]) and _word_char(raw[-1]) else _TRIM.sub("", raw)
        if len(token) >= MIN_TOKEN:
            out.append(token)
    return out


def teaser(text: str, limit: int = TEASER_CHARS) -> str:
    text = plain(text)
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:–-— ")
    return cut + " …"


@dataclass
class PageWords:
    """The words of one page, grouped by stem: the shortest form seen and how often."""

    forms: dict = field(default_factory=dict)  # stem -> shortest token
    counts: Counter = field(default_factory=Counter)  # stem -> occurrences

    def add(self, text: str, separator: str) -> "PageWords":
        stop = bgstem.stop_words()
        for token in tokens(plain(text), separator):
            if token in stop or (_NUMBER.fullmatch(token) and not _YEAR.fullmatch(token)):
                continue
            stem = bgstem.stem(token)
            self.counts[stem] += 1
            if stem not in self.forms or len(token) < len(self.forms[stem]):
                self.forms[stem] = token
        return self

    def written(self, stem: str) -> str:
        """A stem goes into the index as itself when the worker's stemmer leaves it as it is (most
        do, and it is shorter), otherwise as the shortest form of the word on the page."""
        keep = bgstem.stem(stem) == stem and stem not in bgstem.stop_words()
        return stem if keep else self.forms[stem]

    def keys(self) -> str:
        return " ".join(sorted({self.written(stem) for stem in self.forms}))

    def topics(self, document_frequency: Counter, pages: int, count: int = TOPICS) -> str:
        """The page's most characteristic words (tf-idf), for ranking."""
        def weight(stem: str) -> float:
            return self.counts[stem] * math.log(pages / document_frequency[stem])
        best = sorted((stem for stem in self.forms if self.counts[stem] > 1), key=lambda s: (-weight(s), s))
        return " ".join(sorted(self.written(stem) for stem in best[:count]))


def _rank(path: str) -> int:
    """Pages in the index in this order: lunr keeps the index order among equal scores, and most
    searches are for the chapters."""
    for number, prefix in enumerate(RESULT_ORDER):
        if path.startswith(prefix):
            return number
    return len(RESULT_ORDER)


def page_keys(texts: list[str], separator: str = DEFAULT_SEPARATOR) -> str:
    """Every word of `texts` once per stem, sorted; stop words and bare numbers (years excepted)
    left out."""
    words = PageWords()
    for text in texts:
        words.add(text, separator)
    return words.keys()


def compact(index: dict, lang: str) -> dict:
    """The compact index of one language (see the module's docstring)."""
    config = dict(index.get("config") or {})
    separator = config.get("separator") or DEFAULT_SEPARATOR
    pages: dict[str, list[dict]] = {}
    for doc in index.get("docs", []):
        path, _, anchor = doc["location"].partition("#")
        if anchor in SKIPPED_SECTIONS:
            continue
        pages.setdefault(path, []).append(doc)
    words: dict[str, PageWords] = {}
    for path, entries in pages.items():
        if not any(doc["location"] == path for doc in entries):
            raise SearchIndexError(f"search index ({lang}): sections of '{path}' come without the page itself")
        words[path] = PageWords()
        for doc in entries:
            words[path].add(f"{doc.get('title', '')} {doc.get('text', '')}", separator)
    document_frequency = Counter(stem for page in words.values() for stem in page.forms)
    docs = []
    for path, entries in sorted(pages.items(), key=lambda item: _rank(item[0])):
        head = next(doc for doc in entries if doc["location"] == path)
        lead = head.get("text") or next((doc.get("text") for doc in entries if doc.get("text")), "")
        docs.append({
            "location": path,
            "title": head.get("title", ""),
            "text": teaser(lead),
            "topics": words[path].topics(document_frequency, len(pages)),
            "keys": words[path].keys(),
        })
        docs.extend({"location": doc["location"], "title": doc.get("title", ""), "text": ""}
                    for doc in entries if doc is not head)
    config.update({"lang": LANGUAGES.get(lang, [lang]), "separator": separator,
                   "pipeline": PIPELINE, "fields": FIELDS})
    return {"config": config, "docs": docs}


def dumps(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def tune(site_root: Path, folders: dict[str, str]) -> dict[str, dict]:
    """Rewrite each language's index (folders: lang -> output folder, '' for the default) and
    return per language: entries, bytes and gzip bytes."""
    stats = {}
    for lang, folder in folders.items():
        path = index_path(site_root, folder)
        if not path.exists():
            continue
        index = compact(json.loads(path.read_text(encoding="utf-8")), lang)
        path.write_text(dumps(index), encoding="utf-8")
        stats[lang] = {"entries": len(index["docs"]), "bytes": path.stat().st_size, "gzip": gzip_size(path)}
    return stats
