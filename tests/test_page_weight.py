"""What a reader downloads: content-addressed assets, a second page that costs only its HTML, and
no request off the site or failing. (Sizes against Material's defaults: `make bench`.)"""

from __future__ import annotations

import hashlib
import re

import pytest

from handbook.site import hosting
from devtools.bench import BenchServer, cache_rules_for
from sitemodel import pages

_ASSET = re.compile(r'<(?:link|script)\b[^>]*?\s(?:href|src)="(?P<url>[^"]*assets/[^"]+)"')


def test_pages_link_content_addressed_assets(site):
    problems = []
    for page in pages(site):
        for match in _ASSET.finditer(page.path.read_text(encoding="utf-8")):
            url = match.group("url")
            if url.startswith(("http:", "https:")):
                problems.append(f"{page.rel}: off-site {url}")
                continue
            name = url.rsplit("/", 1)[-1]
            if not hosting.FINGERPRINTED.search(name):
                problems.append(f"{page.rel}: {url} is not fingerprinted")
    assert not problems, "\n".join(sorted(set(problems))[:20])


def test_fingerprint_is_the_content_hash(site):
    copies = [path for path in (site / "assets").rglob("*.*") if re.search(r"\.[0-9a-f]{8}\.(css|js|svg)$", path.name)
              and ".min." not in path.name]
    assert copies, "no fingerprinted copies of the handbook's own assets"
    for copy in copies:
        digest = re.search(r"\.([0-9a-f]{8})\.", copy.name).group(1)
        assert hashlib.sha256(copy.read_bytes()).hexdigest()[:8] == digest, copy
        original = copy.with_name(copy.name.replace(f".{digest}", ""))
        assert original.read_bytes() == copy.read_bytes(), "the original stays for links by name"
        assert hosting.cache_control(copy.relative_to(site).as_posix()) == hosting.IMMUTABLE


@pytest.mark.browser
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
    assert [(path, status) for path, status, _ in requests] == [(second, 200)], requests


@pytest.mark.browser
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
