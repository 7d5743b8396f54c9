"""The Bulgarian stemmer of the search: its rules on word families, and the two implementations
(overrides/…/lunr.bg.min.js, run by the search worker; scripts/handbook/bgstem.py, run by the
build to group a page's words) giving the same stem for every word of the built handbook."""

from __future__ import annotations

import json
import re

import pytest

from handbook.site import bgstem
from handbook.site import searchindex

# Forms that must share one stem: nouns with and without the article, singular and plural,
# adjectives in every gender, and common verb forms.
FAMILIES = [
    "кампания кампанията кампании кампаниите",
    "медия медията медии медиите",
    "бежанец бежанецът бежанеца бежанци бежанците",
    "фотосинтеза фотосинтезата",
    "община общината общини общините",
    "мигрант мигрантът мигранта мигранти мигрантите",
    "журналист журналистът журналиста журналисти журналистите",
    "участник участникът участници участниците",
    "страница страницата страници страниците",
    "информация информацията информации",
    "събитие събитието събития събитията",
    "прессъобщение прессъобщението прессъобщения",
    "интервю интервюто интервюта интервютата",
    "план планът плана планове плановете",
    "център центъра центърът центрове центровете",
    "списък списъка списъци списъците",
    "резултат резултатът резултата резултати резултатите",
    "възможност възможността възможности",
    "служител служителят служителя служители служителите",
    "сценарий сценарият сценария сценарии сценариите",
    "местен местна местно местни местния местният местната местните",
    "медиен медийна медийни медийния",
    "български българска българския българските",
    "планирам планираш планира планираме планирате планират планирал планирали планиран планиране планирането",
    "използвам използва използваме използват използвайте използвайки използване",
    "говоря говориш говори говорите говорят говорил говорили",
    "пиша пишеш пише пишете",
]

# Different words that must stay apart.
APART = [
    ("медия", "мед"),
    ("правило", "права"),
    ("страна", "стратегия"),
    ("местен", "място"),
]


@pytest.mark.parametrize("family", FAMILIES)
def test_forms_of_a_word_share_one_stem(family):
    stems = {word: bgstem.stem(word) for word in family.split()}
    assert len(set(stems.values())) == 1, stems


@pytest.mark.parametrize("first, second", APART)
def test_different_words_keep_different_stems(first, second):
    assert bgstem.stem(first) != bgstem.stem(second)


def test_only_bulgarian_words_are_stemmed():
    for word in ("campaigns", "w05", "2020", "clarinet", "e-mail", "ab"):
        assert bgstem.stem(word) == word.replace("ѝ", "и")
    assert bgstem.stem("ѝ") == "и"


def test_short_words_stay_whole():
    for word in ("как", "път", "ден", "дом"):
        assert bgstem.stem(word) == word


def test_rules_come_from_the_javascript_file():
    rules = bgstem.rules()
    text = bgstem.JS_FILE.read_text(encoding="utf-8")
    assert '"stopWords"' in text and rules["stopWords"]
    assert {"и", "на", "за", "от", "се", "да"} <= bgstem.stop_words()


def test_a_broken_rules_block_is_a_clear_error(tmp_path):
    broken = tmp_path / "lunr.bg.min.js"
    broken.write_text("/* RULES-BEGIN */ var RULES = {\"minLength\": 4,}; /* RULES-END */", encoding="utf-8")
    with pytest.raises(bgstem.RulesError, match="not valid JSON"):
        bgstem.rules(broken)
    broken.write_text("var RULES = {};", encoding="utf-8")
    with pytest.raises(bgstem.RulesError, match="RULES-BEGIN"):
        bgstem.rules(broken)


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


@pytest.mark.browser
def test_javascript_and_python_stem_every_word_alike(site, page):
    words = _vocabulary(site)
    assert len(words) > 3000
    page.goto("about:blank")
    page.add_script_tag(path=str(bgstem.JS_FILE))
    js_stems = page.evaluate("words => words.map(w => window.handbookBulgarian.stem(w))", words)
    differ = [(word, js, bgstem.stem(word)) for word, js in zip(words, js_stems) if js != bgstem.stem(word)]
    assert not differ, differ[:20]
