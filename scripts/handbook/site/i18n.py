"""Undoing the i18n plugin's merged outputs: one search index, one sitemap and one search base
per language.

The i18n plugin builds every language into one site and merges their search entries and sitemap
at the root, so a Bulgarian reader would get English results, and Material's language switcher
asks for /en/sitemap.xml, which it does not write. Here:

- the merged index is split: the default language keeps site/search/search_index.json, every other
  language gets its own site/<lang>/search/, with result locations relative to its folder;
- every other language gets a sitemap of its own pages (the sitemap protocol also requires that a
  sitemap lists only URLs at or below its own location);
- each page's Material "base" points at its language folder (`rebase_search`), and the in-page
  hreflang links that made Material fetch "<link>/sitemap.xml" are dropped (`drop_alternate_links`).
"""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit


def index_path(site_root: Path, folder: str = "") -> Path:
    return site_root / folder / "search" / "search_index.json"


def split_search_index(site_root: Path, other_languages: list[str]) -> dict[str, int]:
    """Split the merged index; return the number of entries per language folder ('' = default)."""
    path = index_path(site_root)
    merged = json.loads(path.read_text(encoding="utf-8"))
    buckets: dict[str, list] = {"": []}
    buckets.update({lang: [] for lang in other_languages})
    for doc in merged["docs"]:
        folder, _, rest = doc["location"].partition("/")
        if folder in other_languages:
            buckets[folder].append({**doc, "location": rest})
        elif doc["location"] in other_languages:  # a language's home page: "en" without slash
            buckets[doc["location"]].append({**doc, "location": ""})
        else:
            buckets[""].append(doc)
    for folder, docs in buckets.items():
        target = index_path(site_root, folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        index = {"config": merged["config"], "docs": docs}
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {folder: len(docs) for folder, docs in buckets.items()}


NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def split_sitemap(site_root: Path, site_url: str, other_languages: list[str]) -> None:
    source = site_root / "sitemap.xml"
    if not source.exists():
        return
    ET.register_namespace("", NS)
    ET.register_namespace("xhtml", XHTML)
    base = urlsplit(site_url).path.rstrip("/") + "/"
    for lang in other_languages:
        tree = ET.parse(source)
        root = tree.getroot()
        prefix = f"{base}{lang}/"
        for url in list(root.findall(f"{{{NS}}}url")):
            loc = url.find(f"{{{NS}}}loc").text or ""
            if not urlsplit(loc).path.startswith(prefix):
                root.remove(url)
        target = site_root / lang / "sitemap.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = ET.tostring(root, encoding="utf-8", xml_declaration=True)
        target.write_bytes(data)
        (target.parent / "sitemap.xml.gz").write_bytes(gzip.compress(data, mtime=0))


_CONFIG_BASE = re.compile(r'("base":\s*")([^"]*)(")')


def rebase_search(page_html: str, language_folder: str) -> str:
    """Point Material's client-side "base" (used for the search index and the links of search
    results) at the page's own language folder, so each language searches its own index.

    "../.." becomes "../../en/" and "/" (the 404 page) "/en/". The trailing slash matters: the
    browser resolves "search/search_index.json" against it.
    """
    if not language_folder:
        return page_html
    start = page_html.find('<script id="__config"')
    if start == -1:
        return page_html
    end = page_html.find("</script>", start)

    def join(match: re.Match) -> str:
        base = match.group(2)
        new = f"{base.rstrip('/')}/{language_folder}/"
        return f"{match.group(1)}{new}{match.group(3)}"

    return page_html[:start] + _CONFIG_BASE.sub(join, page_html[start:end], count=1) + page_html[end:]


_ALTERNATE = re.compile(r'<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_alternate_links(page_html: str) -> str:
    """Remove the in-page <link rel="alternate" hreflang> tags.

    Material's script treats every such link as the root of a language and fetches
    "<link>/sitemap.xml" from it; the i18n plugin points them at the counterpart page instead, so
    every page load made two requests that answer 404. The hreflang pairs are published in the
    sitemap (one per language folder), which search engines read the same way, and the language
    switcher still leads to the counterpart page.
    """
    if '<link rel="alternate"' not in page_html:
        return page_html
    # the tags and the white space before each (a pattern starting with \s* would be tried at every
    # white space of the page: a tenth of a preview rebuild)
    kept, last = [], 0
    for match in _ALTERNATE.finditer(page_html):
        start = match.start()
        while start > last and page_html[start - 1].isspace():
            start -= 1
        kept.append(page_html[last:start])
        last = match.end()
    kept.append(page_html[last:])
    return "".join(kept)
