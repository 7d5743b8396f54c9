"""Checks over the built site: languages, switcher, links and anchors, 404 pages, sitemap, and
resources that must all come from the site itself."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from support.sitemodel import content_pages, file_for, pages, parsed

ASCII_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def test_site_has_both_languages(site):
    built = content_pages(site)
    assert {p.language for p in built} == {"bg", "en"}
    assert (site / "index.html").exists() and (site / "en" / "index.html").exists()


def test_every_page_exists_in_both_languages(site):
    missing = [f"{p.url} has no counterpart at {p.counterpart_url}"
               for p in content_pages(site) if not file_for(site, p.counterpart_url).exists()]
    assert not missing, "\n".join(missing)


def test_html_lang_is_the_page_language(site):
    wrong = [f"{p.rel}: lang={p.soup.html.get('lang')!r}, expected {p.language!r}"
             for p in pages(site) if p.soup.html.get("lang") != p.language]
    assert not wrong, "\n".join(wrong)


def _switcher(page):
    return {a["hreflang"]: a["href"] for a in page.soup.select("a.md-select__link[hreflang]")}


def test_language_switcher_leads_to_the_same_page(site):
    problems = []
    for page in content_pages(site):
        links = _switcher(page)
        if set(links) != {"bg", "en"}:
            problems.append(f"{page.url}: switcher offers {sorted(links)}")
            continue
        for lang, href in links.items():
            target, _ = page.resolve(href)
            expected = page.url if lang == page.language else page.counterpart_url
            if target != expected:
                problems.append(f"{page.url}: switcher {lang} -> {target}, expected {expected}")
    assert not problems, "\n".join(problems)


def test_hreflang_pairs_are_in_the_sitemaps_not_in_pages(site):
    # In-page alternates make Material fetch "<page>/sitemap.xml" (404); the sitemaps carry them.
    offenders = [p.rel for p in pages(site) if p.soup.select('link[rel="alternate"][hreflang]')]
    assert not offenders, offenders


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def test_sitemap_lists_every_page_with_existing_alternates(site):
    tree = ET.parse(site / "sitemap.xml")
    listed = {urlsplit(loc.text).path for loc in tree.findall(".//s:loc", SITEMAP_NS)}
    expected = {p.url for p in content_pages(site)}
    assert expected <= listed, f"not in sitemap: {sorted(expected - listed)}"
    for url in tree.findall(".//s:url", SITEMAP_NS):
        links = {link.get("hreflang"): urlsplit(link.get("href")).path for link in url.findall("x:link", SITEMAP_NS)}
        assert set(links) == {"bg", "en"}, url.find("s:loc", SITEMAP_NS).text
        for href in links.values():
            assert file_for(site, href).exists(), href


def test_english_sitemap_lists_only_english_pages(site):
    tree = ET.parse(site / "en" / "sitemap.xml")
    listed = {urlsplit(loc.text).path for loc in tree.findall(".//s:loc", SITEMAP_NS)}
    assert listed == {p.url for p in content_pages(site) if p.language == "en"}


def test_every_internal_link_and_anchor_resolves(site):
    ids_cache: dict = {}

    def ids(path):
        if path not in ids_cache:
            ids_cache[path] = {tag["id"] for tag in parsed(path).select("[id]")}
        return ids_cache[path]

    problems = []
    for page in content_pages(site):
        for a in page.soup.select("a[href]"):
            resolved = page.resolve(a["href"])
            if resolved is None:
                continue
            target, fragment = resolved
            path = file_for(site, target)
            if not path.exists():
                problems.append(f"{page.url}: link to missing {target}")
            elif fragment and path.suffix == ".html" and fragment not in ids(path):
                problems.append(f"{page.url}: link to missing anchor {target}#{fragment}")
    assert not problems, "\n".join(sorted(set(problems)))


def test_content_headings_have_ascii_anchors(site):
    problems = []
    for page in content_pages(site):
        for heading in page.soup.select("article h1, article h2, article h3, article h4"):
            anchor = heading.get("id")
            if anchor is None and heading.name == "h1":
                continue  # a generated page title without a section anchor
            if not anchor or not ASCII_ID.match(anchor):
                problems.append(f"{page.url}: <{heading.name}> “{heading.get_text(strip=True)}” id={anchor!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("prefix, lang, title", [("/", "bg", "Страницата не е намерена"),
                                                 ("/en/", "en", "Page not found")])
def test_missing_page_shows_the_404_of_its_language(site, server, prefix, lang, title):
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(f"{server}{prefix}no-such-page/")
    assert caught.value.code == 404
    body = caught.value.read().decode("utf-8")
    assert f'<html lang="{lang}"' in body
    assert title in body


def test_404_pages_load_their_assets_from_absolute_paths(site):
    # a 404 page is served at any depth, so its assets must not be relative
    for path in (site / "404.html", site / "en" / "404.html"):
        html = path.read_text(encoding="utf-8")
        for ref in re.findall(r'(?:src|href)="([^"#]+)"', html):
            if "://" not in ref and not ref.startswith(("mailto:", "data:")):
                assert ref.startswith("/"), f"{path}: relative URL {ref}"


RESOURCE_SELECTORS = {
    "script[src]": "src", "link[href]": "href", "img[src]": "src", "source[src]": "src",
    "iframe[src]": "src", "video[src]": "src", "audio[src]": "src", "object[data]": "data",
}


def test_no_resource_is_loaded_from_another_host(site):
    problems = []
    for page in pages(site):
        for selector, attribute in RESOURCE_SELECTORS.items():
            for tag in page.soup.select(selector):
                if tag.name == "link" and not set(tag.get("rel", [])) & {
                        "stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch"}:
                    continue
                if urlsplit(tag[attribute]).netloc:
                    problems.append(f"{page.rel}: <{tag.name} {attribute}={tag[attribute]}>")
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if urlsplit(url).netloc:
                problems.append(f"{css.relative_to(site)}: url({url})")
    assert not problems, "\n".join(problems)


def test_bulgarian_pages_speak_bulgarian(site):
    page = next(p for p in content_pages(site) if p.rel == "chapters/01-introduction/index.html")
    config = json.loads(page.soup.select_one("#__config").string)
    assert config["translations"]["search.result.none"] == "Няма резултати"
    assert page.soup.select_one(".md-search__input")["placeholder"] == "Търси"
    nav = page.soup.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "Наръчник" in nav and "Handbook" not in nav
    assert "Как да говорим за миграцията и интеграцията" in page.soup.title.get_text()


def test_english_pages_speak_english(site):
    page = next(p for p in content_pages(site) if p.rel == "en/chapters/01-introduction/index.html")
    config = json.loads(page.soup.select_one("#__config").string)
    assert config["translations"]["search.result.none"] == "No matching documents"
    nav = page.soup.select_one("nav.md-nav--primary").get_text(" ", strip=True)
    assert "Handbook" in nav and "Наръчник" not in nav
    assert "Communicating migration" in page.soup.title.get_text()


def test_each_language_has_its_own_search_index(site):
    for folder, lang in (("", "bg"), ("en", "en")):
        index = json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
        locations = [doc["location"] for doc in index["docs"]]
        assert locations, f"empty search index for {lang}"
        assert not any(loc.startswith("en/") for loc in locations)
        # every result location resolves to a page of that language
        for loc in locations:
            path = loc.split("#", 1)[0]
            assert file_for(site / folder, "/" + path).exists(), f"{lang} index: {loc}"
