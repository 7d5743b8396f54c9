"""A sitemap per language folder.

The i18n plugin writes one sitemap.xml at the site root (every page, with hreflang alternates).
Material's language switcher fetches the target language's own sitemap (/en/sitemap.xml) to find
the same page there; without one, every Bulgarian page load asks for a URL that answers 404. Each
other language gets a sitemap of its own pages, which the sitemap protocol also requires (a
sitemap lists only URLs at or below its own location).
"""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def split_by_language(site_root: Path, site_url: str, other_languages: list[str]) -> None:
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
