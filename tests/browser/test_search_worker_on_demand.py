"""The search costs a first visit nothing: neither the index nor Material's search worker is fetched
until the reader starts to search (overrides/assets/javascripts/search-on-demand.js), and search
still works then. The search dialog has an accessible name (overrides/main.html). Sizes: `make bench`."""

from __future__ import annotations

from devtools.server import BenchServer, cache_rules_for

CHAPTER = "/en/chapters/05-working-with-media/"


def test_worker_and_index_wait_for_the_reader(browser, site):
    with BenchServer(site, cache_rules_for(site)) as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(server.url + CHAPTER, wait_until="networkidle")
            page.wait_for_timeout(300)
            at_load = [path for path, _, _ in server.traffic.take()]
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("journalists")
            box.dispatch_event("keyup")
            page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
            on_search = [path for path, _, _ in server.traffic.take()]
        finally:
            context.close()
    assert not [path for path in at_load if "/workers/search." in path or "search_index" in path], at_load
    assert any("/workers/search." in path for path in on_search), on_search
    assert any("search_index" in path for path in on_search), on_search


def test_a_page_opened_from_a_search_result_is_highlighted(browser, site):
    with BenchServer(site, cache_rules_for(site)) as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(server.url + CHAPTER + "?h=journalists", wait_until="networkidle")
            page.locator("article mark").first.wait_for(timeout=30_000)
        finally:
            context.close()


def test_the_search_dialog_has_a_name(site):
    for path, name in (("index.html", "Търси"), ("en/index.html", "Search")):
        html = (site / path).read_text(encoding="utf-8")
        assert f'data-md-component="search" role="dialog" aria-label="{name}"' in html
