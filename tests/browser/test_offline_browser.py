"""The offline copies in Chromium: each language's ZIP works from the file system (links, search)."""

from __future__ import annotations

import pytest

from support.sitemodel import type_query


@pytest.mark.parametrize("lang, chapter_title, query", [
    ("bg", "Работа с медиите", "медиите"),
    ("en", "Working with the media", "journalists"),
])
def test_copy_works_from_disk_in_chromium(browser, unzipped, lang, chapter_title, query):
    root = unzipped[lang]
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((root / "index.html").as_uri())
        page.wait_for_load_state("load")
        if lang == "en":  # the top-level index.html forwards to en/index.html
            page.wait_for_url("**/en/index.html")
        assert page.locator("html").get_attribute("lang") == lang
        page.locator('nav.md-nav--primary a[href*="05-working-with-media"]').first.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/chapters/05-working-with-media/index.html")
        assert chapter_title in page.locator("h1").first.inner_text()

        type_query(page, query)
        page.locator(".md-search-result__item").first.wait_for(timeout=30000)
        results = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
        assert results
        language_root = (root if lang == "bg" else root / "en").as_uri() + "/"
        assert all(url.startswith(language_root) for url in results), results
        if lang == "bg":
            assert not [url for url in results if "/en/" in url], results
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_load_state("load")
        assert page.url.startswith(language_root) and ".html" in page.url
        assert not errors, errors
    finally:
        context.close()
