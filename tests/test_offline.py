"""The offline copies: one ZIP per language, linked with its size from the home page, that works
from the file system – links, search, and nothing of the other language."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from handbook.site import offline
from handbook.sources import worksheets
from sitemodel import type_query

LANGS = {"bg": "", "en": "en"}


def zip_path(site: Path, lang: str) -> Path:
    return site / LANGS[lang] / offline.DOWNLOADS / offline.zip_name(lang)


@pytest.fixture(scope="module")
def unzipped(site, tmp_path_factory) -> dict[str, Path]:
    """Each language's ZIP, unzipped into its own folder: {lang: the folder holding index.html}."""
    roots = {}
    for lang in LANGS:
        target = tmp_path_factory.mktemp(f"offline-{lang}")
        with zipfile.ZipFile(zip_path(site, lang)) as archive:
            assert archive.testzip() is None
            archive.extractall(target)
        (top,) = [child for child in target.iterdir() if child.is_dir()]
        roots[lang] = top
    return roots


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_links_the_zip_with_its_size(site, lang):
    home = (site / LANGS[lang] / "index.html").read_text(encoding="utf-8")
    href = f"{offline.DOWNLOADS}/{offline.zip_name(lang)}"
    assert f'href="{href}"' in home
    size = worksheets.human_size(zip_path(site, lang).stat().st_size, lang)
    assert f"<span data-handbook-offline-size>{size}</span>" in home


@pytest.mark.parametrize("lang", LANGS)
def test_zip_holds_one_language(unzipped, lang):
    root = unzipped[lang]
    pages = [p.relative_to(root).as_posix() for p in root.rglob("*.html")]
    assert (root / "index.html").exists()
    if lang == "bg":
        assert not [p for p in pages if p.startswith("en/")]
        assert (root / "search" / "search_index.js").exists()
    else:
        assert all(p.startswith(("en/", "assets/")) or p == "index.html" for p in pages), pages
        assert (root / "en" / "search" / "search_index.js").exists()
    assert not list(root.rglob("*.map")), "source maps are not needed offline"
    assert not list(root.rglob("clarinet-handbook-offline-*.zip")), "a ZIP inside the ZIP"
    assert (root / offline.SHIM).exists()


def _local_links(html: str):
    for match in re.finditer(r'\s(?:href|src)="([^"]*)"', html):
        url = match.group(1).replace("&amp;", "&")
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        yield url, unquote(parts.path)


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_of_the_copy_opens_a_file(unzipped, lang):
    root = unzipped[lang]
    broken = []
    for page in root.rglob("*.html"):
        folder = page.parent.relative_to(root).as_posix()
        for url, path in _local_links(page.read_text(encoding="utf-8")):
            target = root / posixpath.normpath(posixpath.join("" if folder == "." else folder, path))
            if not target.is_file():  # a folder would show a file listing, not its page
                broken.append(f"{page.relative_to(root)}: {url}")
    assert not broken, "\n".join(broken[:30])


@pytest.mark.browser
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


def test_rewriting_links_for_the_disk():
    files = {"index.html", "chapters/a/index.html", "en/index.html", "en/chapters/a/index.html", "assets/x.css"}
    local = {"index.html", "chapters/a/index.html", "assets/x.css"}
    html = ('<a href="chapters/a/">A</a> <a href="./">home</a> <a href="chapters/a/#s">S</a> '
            '<a href="en/">EN</a> <link href="assets/x.css"> <a href="https://example.org/">ext</a> '
            '<a href="/" hreflang="bg">BG</a>')
    out = offline.rewrite_links(html, "index.html", files.__contains__, "https://handbook.example/", local.__contains__)
    assert 'href="chapters/a/index.html"' in out
    assert 'href="./index.html"' in out
    assert 'href="chapters/a/index.html#s"' in out
    assert 'href="https://handbook.example/en/"' in out  # the other language is online only
    assert 'href="assets/x.css"' in out and 'href="https://example.org/"' in out
    assert 'href="index.html" hreflang="bg"' in out  # root-relative: "/" is the disk's root on file://
    deeper = offline.rewrite_links('<a href="/chapters/a/">A</a>', "chapters/a/index.html", files.__contains__,
                                   "https://handbook.example/", local.__contains__)
    assert 'href="index.html"' in deeper
