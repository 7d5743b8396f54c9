"""The Bulgarian stemmer of the search: its rules on word families, read from the JavaScript file."""

from __future__ import annotations

import pytest

from handbook.site import bgstem

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
