"""Small transformations of rendered pages that depend on the page's language."""

from __future__ import annotations

import re

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


_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def drop_alternate_links(page_html: str) -> str:
    """Remove the in-page <link rel="alternate" hreflang> tags.

    Material's script treats every such link as the root of a language and fetches
    "<link>/sitemap.xml" from it; the i18n plugin points them at the counterpart page instead, so
    every page load made two requests that answer 404. The hreflang pairs are published in the
    sitemap (one per language folder), which search engines read the same way, and the language
    switcher still leads to the counterpart page.
    """
    return _ALTERNATE.sub("", page_html)
