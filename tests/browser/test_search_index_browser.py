"""The search index is fetched only when the reader searches (Chromium)."""

from __future__ import annotations

import json

import pytest



def index(site, lang):
    folder = site if lang == "bg" else site / lang
    return json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))


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
