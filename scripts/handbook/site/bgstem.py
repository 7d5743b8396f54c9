"""The Bulgarian stemmer of the search, for the build.

The rules live in one place: the RULES object of overrides/assets/javascripts/lunr/min/
lunr.bg.min.js, the file that Material's search worker loads to stem the index and what the
reader types (its header documents every rule). This module reads that object and applies it
with the same few steps, so that the post-build can group the words of a page by stem before
they go into the index (scripts/handbook/site/searchindex.py).
tests/browser/test_search_stemmer_browser.py runs both implementations on every word of the built
handbook and requires the same stems.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from handbook import ROOT

JS_FILE = ROOT / "overrides" / "assets" / "javascripts" / "lunr" / "min" / "lunr.bg.min.js"
_BLOCK = re.compile(r"/\* RULES-BEGIN[^*]*\*/\s*var RULES = (?P<json>\{.*?\});\s*/\* RULES-END \*/", re.DOTALL)
_BULGARIAN_WORD = re.compile(r"[а-я]+")


class RulesError(ValueError):
    pass


@lru_cache(maxsize=None)
def rules(path: Path = JS_FILE) -> dict:
    text = path.read_text(encoding="utf-8")
    match = _BLOCK.search(text)
    if match is None:
        raise RulesError(f"{path}: no 'var RULES = {{…}};' between RULES-BEGIN and RULES-END")
    try:
        data = json.loads(match.group("json"))
    except json.JSONDecodeError as error:
        raise RulesError(f"{path}: the RULES object is not valid JSON ({error})") from error
    data["_rewrites"] = [(re.compile(pattern), replacement.replace("$1", r"\1"), minimum)
                         for pattern, replacement, minimum in data["rewrites"]]
    data["_stop"] = frozenset(data["stopWords"])
    lengths = [len(suffix) for suffix, _ in data["endings"]]
    if lengths != sorted(lengths, reverse=True):
        raise RulesError(f"{path}: RULES.endings must go from the longest suffix to the shortest")
    # The first match in list order is the longest match: look the endings up by length.
    data["_endings"] = [(length, {s: m for s, m in data["endings"] if len(s) == length})
                        for length in sorted(set(lengths), reverse=True)]
    return data


def stop_words() -> frozenset[str]:
    return rules()["_stop"]


def _ends(word: str, suffix: str, minimum: int) -> bool:
    return len(word) - len(suffix) >= minimum and word.endswith(suffix)


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Stem one lower-case token, exactly as lunr.bg.min.js does."""
    r = rules()
    w = token.replace("ѝ", "и").replace("ѐ", "е")
    if len(w) < r["minLength"] or not _BULGARIAN_WORD.fullmatch(w):
        return w
    for suffix, minimum, before in r["article"]:
        if _ends(w, suffix, minimum) and (not before or w[-len(suffix) - 1] in before):
            w = w[: -len(suffix)]
            break
    pairs = r["pairs"]
    if len(w) >= pairs["minWord"] and w[-2:] in pairs["endings"]:
        base = w[:-2]
        w = base if len(base) >= pairs["keep"] and not base.endswith(pairs["notAfter"]) else w[:-1]
    else:
        for length, endings in r["_endings"]:
            minimum = endings.get(w[-length:])
            if minimum is not None and len(w) - length >= minimum:
                w = w[:-length]
                break
    for pattern, replacement, minimum in r["_rewrites"]:
        if len(w) >= minimum and pattern.search(w):
            w = pattern.sub(replacement, w, count=1)
    return w
