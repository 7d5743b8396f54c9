"""The search index of the built site: one compact index per language, small, with our stemmers."""

from __future__ import annotations

import gzip
import json

import pytest

from handbook.site import searchindex
from support.sitemodel import content_pages

LIMIT = 60 * 1024  # gzip bytes per language


def index(site, lang):
    folder = site if lang == "bg" else site / lang
    return json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_index_is_small(site, lang):
    folder = site if lang == "bg" else site / lang
    data = (folder / "search" / "search_index.json").read_bytes()
    size = len(gzip.compress(data, compresslevel=6))
    print(f"\nsearch index {lang}: {len(data)} bytes, {size} bytes gzip")
    assert size < LIMIT, f"{lang}: {size} bytes gzip"


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_each_language_indexes_its_own_pages_once(site, lang):
    docs = index(site, lang)["docs"]
    pages = [doc["location"] for doc in docs if "#" not in doc["location"]]
    assert len(pages) == len(set(pages))
    expected = {p.url[len("/en/"):] if lang == "en" else p.url[1:] for p in content_pages(site) if p.language == lang}
    assert set(pages) == expected
    for doc in docs:
        assert not doc["location"].startswith("en/"), doc["location"]


@pytest.mark.parametrize("lang, languages", [("bg", ["bg", "en"]), ("en", ["en", "bg"])])
def test_index_config_loads_our_stemmers(site, lang, languages):
    config = index(site, lang)["config"]
    assert config["lang"] == languages
    assert "stemmer" in config["pipeline"] and "stopWordFilter" in config["pipeline"]
    assert set(config["fields"]) >= {"title", "text", "keys", "topics"}
    assert (site / "assets" / "javascripts" / "lunr" / "min" / "lunr.bg.min.js").exists()


def test_pages_carry_their_words_and_sections_their_titles(site):
    docs = index(site, "bg")["docs"]
    chapter = next(doc for doc in docs if doc["location"] == "chapters/05-working-with-media/")
    assert chapter["title"] and chapter["text"]
    keys = chapter["keys"].split()
    assert keys == sorted(keys)
    assert "журналист" in keys  # stored as its stem: the worker stems it to itself
    sections = [doc for doc in docs if doc["location"].startswith("chapters/05-working-with-media/#")]
    assert sections and all(doc["text"] == "" and doc["title"] for doc in sections)
    assert not [doc["location"] for doc in docs if doc["location"].endswith("#sources")]
