"""Compact search indexes, one per language, that Material's worker stems in the reader's language.

Material's search plugin writes every section's full text into the index; for the whole handbook
that is well over 130 KB gzip for Bulgarian alone, more than the page a reader came for. What the
worker needs to *find* a page is much less: every word of the page once, in any one of its
inflected forms (the worker stems it again, with the same rules – see bgstem.py for Bulgarian and
english_stem() below, a port of lunr's own English stemmer). So after the build each language's
index is rewritten as:

* one entry per page: its title, a short teaser – the page's lead, real text: it is the only text
  Material shows under a result (its `text` field, with the words the reader typed highlighted);
  `keys` and `topics` are searched, never shown – then `topics`, its dozen most characteristic
  words (tf-idf), boosted so that among pages that merely mention a word the one about it comes
  first, and `keys`, the page's words: one per stem, written as the stem itself where the worker's
  stemmers leave it unchanged (else as the shortest string they stem to it), Bulgarian and English
  stop words and bare numbers left out, sorted (sorted words compress better);
* one entry per section: its title only, so a heading still leads straight to its section;
* nothing for the "Sources" sections of the chapters: the resources page lists every source once.

A size budget (BUDGET, gzip bytes) keeps each index well under the 60 KB that
tests/site/test_search_index_built.py allows, however the handbook grows: when the full `keys`
would go over it, the keys that help least to find their page go first – a word that is on many
pages and only once or twice on this one (low tf-idf), sooner still when a longer word of the same
page begins with it (Material searches every typed word as a prefix, `word*`, so the longer one
still finds the page). A page's topics are never dropped.

Chapters come first in the index: lunr keeps the index order among equal scores. The result is
printed by the build and in README ("Speed, search and the offline copies"), against one index of
244 KB for both languages with Material's defaults.

The index config names the languages whose lunr files the worker loads: "bg" is ours
(overrides/assets/javascripts/lunr/min/lunr.bg.min.js: Bulgarian stemmer, stop words, the
stemming of what the reader types, and the correction of a misspelt word); "en" is lunr's English
stemmer. Both indexes load both, as Bulgarian pages quote English titles and English pages
Bulgarian names; so every word goes through both stemmers (each leaves the other's alphabet alone).
"""

from __future__ import annotations

import gzip
import html
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise
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
# Words are split at spaces, dashes and punctuation too, so that a highlighted word under a result
# is the word alone ("прессъобщение", not "прессъобщение,"); Material uses it for the index, the
# query and the highlighting on the page.
SEPARATOR = r'[\s\-–—,.;:!?()\[\]{}„“”"«»…/]+'
BUDGET = 55 * 1024  # gzip bytes per language index, below the 60 KB limit of the tests
SLACK = 1024  # gzip bytes under the budget that are close enough
REDUNDANT = 0.3  # weight factor of a key that a longer key of the same page begins with

# lunr's English stop words (lunr.stopWordFilter, lunr 2.3.9): the worker drops them from the index
ENGLISH_STOP_WORDS = frozenset("""
a able about across after all almost also am among an and any are as at be because been but by
can cannot could dear did do does either else ever every for from get got had has have he her
hers him his how however i if in into is it its just least let like likely may me might most must
my neither no nor not of off often on only or other our own rather said say says she should since
so some than that the their them then there these they this tis to too twas us wants was we were
what when where which while who whom why will with would yet you your""".split())

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
# lunr's trimmer, as the worker builds it: JavaScript's \w (ASCII) and the Cyrillic block.
_WORD = "A-Za-z0-9_\u0400-\u04ff"
_TRIM = re.compile(rf"^[^{_WORD}]+|[^{_WORD}]+$")
_NUMBER = re.compile(r"[\d\W_]+")
_YEAR = re.compile(r"(?:19|20)\d\d")


class SearchIndexError(ValueError):
    pass


# lunr's English stemmer (lunr.stemmer, lunr 2.3.9: Porter's algorithm in Porter's own JavaScript
# version), ported step by step; tests/unit/test_search_words.py checks it on known stems.
_STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
          "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate",
          "ator": "ate", "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous",
          "aliti": "al", "iviti": "ive", "biliti": "ble", "logi": "log"}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_c, _v = "[^aeiou]", "[aeiouy]"
_C, _V = _c + "[^aeiouy]*", _v + "[aeiou]*"
_MGR0 = re.compile("^(" + _C + ")?" + _V + _C)
_MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")
_MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)
_S_V = re.compile("^(" + _C + ")?" + _v)
_1A, _1A2 = re.compile(r"^(.+?)(ss|i)es$"), re.compile(r"^(.+?)([^s])s$")
_1B, _1B2 = re.compile(r"^(.+?)eed$"), re.compile(r"^(.+?)(ed|ing)$")
_1B_ADD_E, _1B_DOUBLE = re.compile(r"(at|bl|iz)$"), re.compile(r"([^aeiouylsz])\1$")
_CVC = re.compile("^" + _C + _v + "[^aeiouwxy]$")
_1C = re.compile(r"^(.+?[^aeiou])y$")
_2 = re.compile(r"^(.+?)(" + "|".join(_STEP2) + ")$")
_3 = re.compile(r"^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")
_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
_4B = re.compile(r"^(.+?)(s|t)(ion)$")
_5 = re.compile(r"^(.+?)e$")


@lru_cache(maxsize=65536)
def english_stem(w: str) -> str:
    """Stem one lower-case token exactly as lunr.stemmer does (only Latin words change)."""
    if len(w) < 3:
        return w
    first = w[0]
    if first == "y":
        w = "Y" + w[1:]
    if m := _1A.match(w) or _1A2.match(w):
        w = m.group(1) + m.group(2)
    if m := _1B.match(w):
        if _MGR0.search(m.group(1)):
            w = w[:-1]
    elif (m := _1B2.match(w)) and _S_V.search(m.group(1)):
        w = m.group(1)
        if _1B_ADD_E.search(w):
            w += "e"
        elif _1B_DOUBLE.search(w):
            w = w[:-1]
        elif _CVC.search(w):
            w += "e"
    if m := _1C.match(w):
        w = m.group(1) + "i"
    if (m := _2.match(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP2[m.group(2)]
    if (m := _3.match(w)) and _MGR0.search(m.group(1)):
        w = m.group(1) + _STEP3[m.group(2)]
    if m := _4.match(w):
        if _MGR1.search(m.group(1)):
            w = m.group(1)
    elif (m := _4B.match(w)) and _MGR1.search(m.group(1) + m.group(2)):
        w = m.group(1) + m.group(2)
    if m := _5.match(w):
        rest = m.group(1)
        if _MGR1.search(rest) or (_MEQ1.search(rest) and not _CVC.search(rest)):
            w = rest
    if w.endswith("ll") and _MGR1.search(w):
        w = w[:-1]
    if first == "y":
        w = "y" + w[1:]
    return w


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """The term the worker indexes for a token: Bulgarian stemmer, then English."""
    return english_stem(bgstem.stem(token))


@cache
def stop_words() -> frozenset[str]:
    """Every stop word of the worker's index pipeline (Bulgarian and English)."""
    return bgstem.stop_words() | ENGLISH_STOP_WORDS


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


def paragraph(text: str) -> str:
    """The teaser as Material shows it under a result: a paragraph of HTML (Material inserts the
    field as HTML, with the matched words wrapped in <mark>)."""
    return f"<p>{html.escape(text, quote=False)}</p>" if text else ""


@dataclass
class PageWords:
    """The words of one page, grouped by the term the worker indexes: the shortest form seen and
    how often."""

    forms: dict = field(default_factory=dict)  # stem -> shortest token
    counts: Counter = field(default_factory=Counter)  # stem -> occurrences

    def add(self, text: str, separator: str) -> "PageWords":
        stop = stop_words()
        for token in tokens(plain(text), separator):
            if token in stop or (_NUMBER.fullmatch(token) and not _YEAR.fullmatch(token)):
                continue
            term = stem(token)
            self.counts[term] += 1
            if term not in self.forms or len(token) < len(self.forms[term]):
                self.forms[term] = token
        return self

    def written(self, term: str) -> str:
        """A stem goes into the index as itself when the worker's stemmers leave it as it is (most
        do, and it is shorter), else as the stem and one vowel when that stems back to it
        (кампан → кампана), else as the shortest form of the word on the page."""
        return _written(term, self.forms[term])

    def redundant(self) -> set[str]:
        """Stems that a longer stem of the same page begins with: a search for the word, always a
        prefix search (`word*`), finds the page through the longer one too."""
        terms = sorted(self.forms)
        return {term for term, after in pairwise(terms) if after.startswith(term)}

    def keys(self, dropped: frozenset = frozenset()) -> str:
        return " ".join(sorted({self.written(term) for term in self.forms if term not in dropped}))

    def weight(self, term: str, document_frequency: Counter, pages: int) -> float:
        return self.counts[term] * math.log(pages / document_frequency[term])

    def best(self, document_frequency: Counter, pages: int, count: int = TOPICS) -> list[str]:
        """The page's most characteristic stems (tf-idf), for ranking."""
        candidates = (term for term in self.forms if self.counts[term] > 1)
        return sorted(candidates, key=lambda t: (-self.weight(t, document_frequency, pages), t))[:count]

    def topics(self, document_frequency: Counter, pages: int, count: int = TOPICS) -> str:
        return " ".join(sorted(self.written(term) for term in self.best(document_frequency, pages, count)))


@lru_cache(maxsize=65536)
def _written(term: str, shortest: str) -> str:
    stop = stop_words()
    for candidate in (term, *(term + vowel for vowel in "аоеия")):
        if candidate not in stop and stem(candidate) == term:
            return candidate
    return shortest


def _rank(path: str) -> int:
    """Pages in the index in this order: lunr keeps the index order among equal scores, and most
    searches are for the chapters."""
    for number, prefix in enumerate(RESULT_ORDER):
        if path.startswith(prefix):
            return number
    return len(RESULT_ORDER)


def compact(index: dict, lang: str, budget: int = BUDGET, remember=None) -> dict:
    """The compact index of one language (see the module's docstring). remember(kind, parts, make,
    copied) may return a page's words as analysed before (the preview's memo)."""
    config = dict(index.get("config") or {})
    separator = SEPARATOR
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
        texts = [f"{doc.get('title', '')} {doc.get('text', '')}" for doc in entries]

        def analyse(texts=texts) -> PageWords:
            page = PageWords()
            for text in texts:
                page.add(text, separator)
            return page

        words[path] = remember("page-words", [lang, separator, texts], analyse, copied=False) if remember else analyse()
    document_frequency = Counter(term for page in words.values() for term in page.forms)
    topics = {path: page.best(document_frequency, len(pages)) for path, page in words.items()}
    config.update({"lang": LANGUAGES.get(lang, [lang]), "separator": separator,
                   "pipeline": PIPELINE, "fields": FIELDS})

    def build(dropped: dict[str, frozenset]) -> dict:
        docs = []
        for path, entries in sorted(pages.items(), key=lambda item: _rank(item[0])):
            head = next(doc for doc in entries if doc["location"] == path)
            lead = head.get("text") or next((doc.get("text") for doc in entries if doc.get("text")), "")
            page = words[path]
            docs.append({
                "location": path,
                "title": head.get("title", ""),
                "text": paragraph(teaser(lead)),
                "topics": " ".join(sorted(page.written(term) for term in topics[path])),
                "keys": page.keys(dropped.get(path, frozenset())),
            })
            docs.extend({"location": doc["location"], "title": doc.get("title", ""), "text": ""}
                        for doc in entries if doc is not head)
        return {"config": config, "docs": docs}

    result = build({})
    size = len(gzip.compress(dumps(result).encode("utf-8"), 6))
    if budget and size > budget:
        result = build(_within_budget(words, topics, document_frequency, len(pages), build, budget, size))
    return result


def _within_budget(words: dict[str, PageWords], topics: dict[str, list[str]], document_frequency: Counter,
                   pages: int, build, budget: int, full_size: int) -> dict[str, frozenset]:
    """The fewest keys to leave out, least useful first, for the index to fit the budget."""
    candidates = []
    for path, page in words.items():
        redundant = page.redundant()
        keep = set(topics[path])
        for term in page.forms:
            if term not in keep:
                weight = page.weight(term, document_frequency, pages) * (REDUNDANT if term in redundant else 1)
                candidates.append((weight, path, term))
    candidates.sort()

    def dropped(count: int) -> dict[str, frozenset]:
        out: dict[str, set] = {}
        for _, path, term in candidates[:count]:
            out.setdefault(path, set()).add(term)
        return {path: frozenset(terms) for path, terms in out.items()}

    def size(count: int) -> int:
        return len(gzip.compress(dumps(build(dropped(count))).encode("utf-8"), 6))

    # Interpolation search (the Illinois variant of regula falsi) on the size, which falls with the
    # keys left out: a handful of compressions, not a dozen. Stop at the first count that fits
    # within SLACK of the budget.
    low, low_excess = 0, full_size - budget  # over the budget
    high, high_excess = len(candidates), size(len(candidates)) - budget
    if high_excess > 0:
        return dropped(high)
    side = 0
    while high - low > 1:
        middle = low + round((high - low) * low_excess / (low_excess - high_excess))
        middle = min(high - 1, max(low + 1, middle))
        excess = size(middle) - budget
        if excess > 0:
            low, low_excess = middle, excess
            if side == -1:
                high_excess /= 2
            side = -1
        else:
            high, high_excess = middle, excess
            if excess >= -SLACK:
                break
            if side == 1:
                low_excess /= 2
            side = 1
    return dropped(high)


def dumps(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def tune(site_root: Path, folders: dict[str, str], remember=None) -> dict[str, dict]:
    """Rewrite each language's index (folders: lang -> output folder, '' for the default) and
    return per language: entries, bytes and gzip bytes. remember(kind, parts, make), when given,
    is the preview's memo: an unchanged index, or page, is not analysed again, and the index is not
    trimmed to its size budget (the preview finds every word; the published site is measured)."""
    stats = {}
    for lang, folder in folders.items():
        path = index_path(site_root, folder)
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")

        def make(text=text, lang=lang) -> str:
            if remember:  # the preview: every page's words, without trimming the index to its budget
                return dumps(compact(json.loads(text), lang, budget=0, remember=remember))
            return dumps(compact(json.loads(text), lang))

        compacted = remember("search-index", [lang, text], make) if remember else make()
        path.write_text(compacted, encoding="utf-8")
        index = {"docs": json.loads(compacted)["docs"]}
        stats[lang] = {"entries": len(index["docs"]), "bytes": path.stat().st_size, "gzip": gzip_size(path)}
    return stats
