"""The search index: one compact index per language, small, fetched only when the reader searches."""

from __future__ import annotations

import gzip
import json

import pytest

from handbook.site import searchindex
from sitemodel import content_pages

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


def test_compact_index_of_a_small_example():
    merged = {"config": {"lang": ["ru", "en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]},
              "docs": [
                  {"location": "a/", "title": "Медиите", "text": "<p>Кампаниите и кампанията на общината.</p>"},
                  {"location": "a/#x", "title": "Раздел", "text": "<p>Бежанците, бежанци и 2020 г.; 42.</p>"},
                  {"location": "a/#sources", "title": "Източници", "text": "<p>Нещо само тук</p>"},
              ]}
    result = searchindex.compact(merged, "bg")
    page, section = result["docs"]
    assert section == {"location": "a/#x", "title": "Раздел", "text": ""}
    keys = page["keys"].split()
    assert "кампан" in keys and keys.count("кампан") == 1  # one entry for кампаниите/кампанията
    assert "бежанк" in keys and "2020" in keys and "42" not in keys
    assert "и" not in keys and "на" not in keys  # stop words
    assert "нещо" not in page["keys"]  # the sources section is left out
    assert result["config"]["lang"] == ["bg", "en"]


def test_a_section_without_its_page_is_a_clear_error():
    with pytest.raises(searchindex.SearchIndexError, match="a/"):
        searchindex.compact({"config": {}, "docs": [{"location": "a/#x", "title": "x", "text": ""}]}, "bg")


@pytest.mark.browser
@pytest.mark.parametrize("path, query", [("/chapters/02-migration-in-facts/", "бежанците"),
                                         ("/en/chapters/02-migration-in-facts/", "refugees")])
def test_index_is_fetched_only_when_the_reader_searches(page, server, path, query):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + path, wait_until="networkidle")
    page.wait_for_timeout(500)
    assert not [url for url in requested if "search_index" in url], "the index came with the page"
    with page.expect_request(lambda request: "search/search_index.json" in request.url):
        page.locator("input.md-search__input").click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.dispatch_event("keyup")
    page.locator(".md-search-result__item").first.wait_for(timeout=20000)
    index_urls = [url for url in requested if "search_index.json" in url]
    assert len(index_urls) == 1
    assert ("/en/search/" in index_urls[0]) == path.startswith("/en/")
