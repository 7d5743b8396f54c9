"""What a reader downloads: content-addressed (fingerprinted) assets whose name is their hash."""

from __future__ import annotations

import hashlib
import re

import pytest

from handbook.site import hosting
from devtools.server import BenchServer, cache_rules_for
from support.sitemodel import pages

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
