"""The site's public address: what the build may print in pages, sitemaps, PDFs, DOCX files and
offline copies.

It comes from the project's configuration (`site_url` in mkdocs.yml, set by the deployment through
SITE_URL). A build without one, or with a loopback address (the preview's 127.0.0.1), prints no
address at all and writes no sitemap (a sitemap needs absolute addresses): a municipality's copy on
an intranet or a USB stick must not tell readers to visit a machine that is not theirs, and a wrong
address is worse than none.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def public(site_url: str | None) -> str:
    """The public address with a final slash, or "" when there is none to print: unset, not a web
    address, or one on this machine (localhost, 127.0.0.1, [::1]), which means nothing on paper."""
    url = (site_url or "").strip()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return ""
    if host == "localhost" or host.endswith(".localhost"):
        return ""
    try:
        if ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).is_unspecified:
            return ""
    except ValueError:
        pass
    return url if url.endswith("/") else url + "/"
