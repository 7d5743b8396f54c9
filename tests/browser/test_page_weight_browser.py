"""What a reader downloads, in Chromium: a second page that costs only its HTML, and no request
off the site or failing. (Sizes against Material's defaults: `make bench`.)"""

from __future__ import annotations

import re

import pytest

from devtools.server import BenchServer, cache_rules_for


@pytest.mark.parametrize("first, second", [
    ("/", "/chapters/05-working-with-media/"),
    ("/en/chapters/01-introduction/", "/en/worksheets/w05-press-release/"),
])
def test_second_page_costs_only_its_html(browser, site, first, second):
    """With the hosting's cache headers, a reader's second page needs nothing but its own HTML."""
    with BenchServer(site, cache_rules_for(site)) as server:
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(server.url + first, wait_until="networkidle")
            server.traffic.take()
            page.goto(server.url + second, wait_until="networkidle")
            page.wait_for_timeout(300)
            requests = server.traffic.take()
        finally:
            context.close()
    # Besides its HTML, a page with a form or a checklist loads that feature's files (only such
    # pages do: overrides/main.html); everything else comes from the cache.
    feature = re.compile(r"/assets/(javascripts|stylesheets)/(worksheet-form|checklists)\.[0-9a-f]{8}\.(js|css)$")
    assert [(path, status) for path, status, _ in requests if not feature.search(path)] == [(second, 200)], requests


def test_first_visit_of_a_chapter_stays_on_the_site(browser, site):
    with BenchServer(site, cache_rules_for(site)) as server:
        context = browser.new_context()
        offsite, failed = [], []
        try:
            page = context.new_page()
            page.on("request", lambda r: r.url.startswith(server.url) or r.url.startswith("data:") or offsite.append(r.url))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.goto(server.url + "/chapters/05-working-with-media/", wait_until="networkidle")
            requests = server.traffic.take()
        finally:
            context.close()
    assert not offsite and not failed
    assert all(status == 200 for _, status, _ in requests), requests
    assert not [path for path, _, _ in requests if "search_index" in path]
    assert any(path.endswith(".js") and "search-on-demand" in path for path, _, _ in requests)
