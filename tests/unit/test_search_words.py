"""The words of the compact search index: stop words of both languages, lunr's English stemmer
ported to the build, words split at punctuation, the size budget, and the strings the worker
shows (lunr.bg.min.js)."""

from __future__ import annotations

import gzip
import json

import pytest

from handbook.site import bgstem, searchindex

# lunr.stemmer (lunr 2.3.9) on these words, as run in the search worker
ENGLISH_STEMS = {
    "campaign": "campaign", "campaigns": "campaign", "campaigning": "campaign",
    "journalists": "journalist", "journalism": "journal", "releases": "releas", "released": "releas",
    "generalizations": "gener", "happy": "happi", "sky": "ski", "yelling": "yell", "hopping": "hop",
    "agreed": "agre", "feed": "feed", "rumours": "rumour", "framing": "frame", "myths": "myth",
    "stereotypes": "stereotyp", "evaluating": "evalu", "indicators": "indic", "planning": "plan",
    "moderating": "moder", "disinformation": "disinform", "xenophobia": "xenophobia",
    "refugees": "refuge", "asylum": "asylum", "bnt's": "bnt'", "sanded": "sand", "filing": "file",
    "кампаниите": "кампаниите", "медии": "медии",  # Cyrillic words pass unchanged
}


@pytest.mark.parametrize("word, expected", sorted(ENGLISH_STEMS.items()))
def test_english_stemmer_matches_lunr(word, expected):
    assert searchindex.english_stem(word) == expected


def test_stop_words_of_both_languages():
    stop = searchindex.stop_words()
    for word in ("как", "да", "за", "на", "и", "къде", "колко", "the", "how", "to", "a", "of"):
        assert word in stop, word
    assert "как" in bgstem.rules()["stopWords"]  # the worker reads the same list
    for word in ("прессъобщение", "press", "release", "напиша", "write"):
        assert word not in stop, word


def test_words_split_at_punctuation():
    text = "Едно прессъобщение, един „плакат“ (и т.н.)… – press release; www.unhcr.org/bg"
    assert searchindex.tokens(text, searchindex.SEPARATOR) == [
        "едно", "прессъобщение", "един", "плакат", "press", "release", "www", "unhcr", "org", "bg"]


def _index(docs, **config):
    return {"config": {"lang": ["bg"], "separator": r"[\s\-]+", "pipeline": [], **config}, "docs": docs}


def test_page_keys_group_english_forms_and_drop_stop_words():
    merged = _index([{"location": "a/", "title": "Press releases",
                      "text": "<p>How to write a press release: the release, released, releasing.</p>"}])
    keys = searchindex.compact(merged, "en")["docs"][0]["keys"].split()
    assert keys == sorted(keys)
    assert [key for key in keys if searchindex.stem(key) == "releas"] == ["release"]
    assert not {"how", "to", "a", "the"} & set(keys)
    assert "write" in keys and "press" in keys


def test_every_written_key_is_indexed_as_its_stem():
    words = searchindex.PageWords().add("кампаниите кампания медиите интервютата бежанци journalists "
                                        "пресконференциите радиата участниците", searchindex.SEPARATOR)
    for term, shortest in words.forms.items():
        written = words.written(term)
        assert searchindex.stem(written) == term, (term, written)
        assert len(written) <= len(shortest)
        assert written not in searchindex.stop_words()


def test_teaser_is_real_text_in_a_paragraph():
    merged = _index([{"location": "a/", "title": "Заглавие", "text": "<p>Първо изречение с <b>дума</b> &lt;3.</p>"}])
    page = searchindex.compact(merged, "bg")["docs"][0]
    assert page["text"] == "<p>Първо изречение с дума &lt;3.</p>"


CONSONANTS = "бвгдзклмпрстфхчш"  # word endings the Bulgarian stemmer leaves alone


def _words(prefix: str, count: int, offset: int = 0) -> list[str]:
    return [prefix + CONSONANTS[(offset + i) // len(CONSONANTS) % len(CONSONANTS)] + CONSONANTS[i % len(CONSONANTS)]
            for i in range(count)]


def _budget_example():
    common = _words("общ", 40)
    docs = []
    for n in range(12):
        unique = _words("уникалн", 30, offset=30 * n)
        special = ["особеност"] * 5 if n == 0 else []
        docs.append({"location": f"p{n}/", "title": f"Страница {n}",
                     "text": "<p>" + " ".join(common + unique + special + ["журналист", "журналистически"]) + "</p>"})
    return _index(docs)


def test_the_index_fits_its_budget_dropping_the_least_useful_keys_first():
    merged = _budget_example()
    full = searchindex.compact(merged, "bg", budget=0)
    full_size = len(gzip.compress(searchindex.dumps(full).encode(), 6))
    budget = full_size - 150
    small = searchindex.compact(json.loads(json.dumps(merged)), "bg", budget=budget)
    assert len(gzip.compress(searchindex.dumps(small).encode(), 6)) <= budget
    first = small["docs"][0]
    keys, topics = first["keys"].split(), first["topics"].split()
    assert "особеност" in topics and "особеност" in keys  # a page's topics stay
    # the words on every page go first, the words of one page only last
    common = set(_words("общ", 40)) | {"журналист", "журналистическ", "страник"}
    gone = [set(before["keys"].split()) - set(after["keys"].split()) for before, after in zip(full["docs"], small["docs"])]
    assert any(gone)
    if any(key.startswith("уникалн") for keys in gone for key in keys):
        assert not [doc["location"] for doc in small["docs"] if common & set(doc["keys"].split())]
    else:
        assert all(keys <= common for keys in gone), gone


def test_a_word_that_a_longer_word_of_the_page_begins_with_goes_before_it():
    words = searchindex.PageWords().add("журналист журналистически кампания", searchindex.SEPARATOR)
    assert words.redundant() == {"журналист"}


def test_an_index_under_its_budget_keeps_every_key():
    merged = _budget_example()
    assert searchindex.compact(merged, "bg") == searchindex.compact(merged, "bg", budget=0)


def test_the_worker_file_knows_the_correction_rules():
    rules = bgstem.rules()
    assert rules["fuzzyMinLength"] == 5
    script = bgstem.JS_FILE.read_text(encoding="utf-8")
    # the parts of the worker the results depend on (see the file's header, parts 4 and 5)
    for name in ("function distance1", "function nearest", "function respell", "function rewriteTerms",
                 "handbookVocabulary", "message.data.handbook"):
        assert name in script, name
