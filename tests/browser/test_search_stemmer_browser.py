"""The two implementations of the Bulgarian stemmer (overrides/…/lunr.bg.min.js in the browser,
scripts/handbook/site/bgstem.py in the build) give the same stem for every word of the handbook."""

from __future__ import annotations

import json
import re

from handbook.site import bgstem
from handbook.site import searchindex


def _vocabulary(site) -> list[str]:
    """Every token of every page of both languages, as the search worker sees it, and every
    stored key of the indexes."""
    words = set()
    for page in sorted(site.rglob("*.html")):
        if "assets" in page.relative_to(site).parts:
            continue
        text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page.read_text(encoding="utf-8"), flags=re.S)
        words.update(searchindex.tokens(searchindex.plain(text), searchindex.DEFAULT_SEPARATOR))
    for index in (site / "search" / "search_index.json", site / "en" / "search" / "search_index.json"):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            words.update(doc.get("keys", "").split())
            words.update(doc.get("topics", "").split())
    return sorted(words)


def test_javascript_and_python_stem_every_word_alike(site, page):
    words = _vocabulary(site)
    assert len(words) > 3000
    page.goto("about:blank")
    page.add_script_tag(path=str(bgstem.JS_FILE))
    js_stems = page.evaluate("words => words.map(w => window.handbookBulgarian.stem(w))", words)
    differ = [(word, js, bgstem.stem(word)) for word, js in zip(words, js_stems) if js != bgstem.stem(word)]
    assert not differ, differ[:20]
