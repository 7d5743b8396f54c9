"""In headless Chromium (Debian's package): pages load everything from the local server, and
search answers in the reader's language only."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from support.sitemodel import type_query

PAGES = ["/", "/chapters/02-migration-in-facts/", "/glossary/", "/en/", "/en/chapters/02-migration-in-facts/",
         "/en/glossary/"]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_only_from_the_site(page, server, path):
    requests, failures = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: failures.append(request.url))
    page.on("response", lambda response: response.status >= 400 and failures.append(f"{response.status} {response.url}"))
    response = page.goto(server + path, wait_until="networkidle")
    assert response.status == 200
    host = urlsplit(server).netloc
    offsite = [url for url in requests if urlsplit(url).netloc not in (host, "") and not url.startswith("data:")]
    assert not offsite, offsite
    assert not failures, failures


def search(page, server, path, query):
    page.goto(server + path, wait_until="networkidle")
    type_query(page, query)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


@pytest.mark.parametrize("path, query, lang", [
    ("/chapters/02-migration-in-facts/", "бежанец", "bg"),
    ("/", "медиите", "bg"),
    ("/en/chapters/02-migration-in-facts/", "refugee", "en"),
    ("/en/", "media", "en"),
])
def test_search_returns_results_in_the_reader_language_only(page, server, path, query, lang):
    results = search(page, server, path, query)
    assert results, f"no results for {query!r}"
    in_english = [url for url in results if urlsplit(url).path.startswith("/en/")]
    if lang == "bg":
        assert not in_english, in_english
    else:
        assert len(in_english) == len(results), results


def test_bulgarian_query_finds_the_bulgarian_chapter(page, server):
    results = search(page, server, "/", "журналисти")
    paths = [urlsplit(url).path for url in results]
    assert any(path.startswith("/chapters/05-working-with-media/") for path in paths), paths


def test_language_switcher_keeps_the_page(page, server):
    page.goto(server + "/chapters/04-effective-campaigns/", wait_until="networkidle")
    page.locator(".md-select").first.hover()
    page.locator("a.md-select__link[hreflang='en']").click()
    page.wait_for_url("**/en/chapters/04-effective-campaigns/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator(".md-select").first.hover()
    page.locator("a.md-select__link[hreflang='bg']").click()
    page.wait_for_url(server + "/chapters/04-effective-campaigns/")
    assert page.locator("html").get_attribute("lang") == "bg"
