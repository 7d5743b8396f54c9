"""Print in Chromium: the print stylesheet hides the navigation and opens trainer notes."""

from __future__ import annotations

LANGS = {"bg": "", "en": "en/"}


def downloads(site, lang):
    return site / LANGS[lang] / "downloads"


def test_print_media_hides_navigation_and_opens_trainer_notes(page, server):
    page.goto(server + "/chapters/04-effective-campaigns/", wait_until="networkidle")
    note = page.locator("details.trainer p").first
    assert not note.is_visible(), "trainer notes are collapsed on screen"
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".handbook-print", ".md-search"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()
    assert note.is_visible(), "collapsed blocks must print open"
    after = page.evaluate("""() => getComputedStyle(
        [...document.querySelectorAll('article a[href^="http"]')][0], '::after').content""")
    assert "http" in after, "external links print their address"
