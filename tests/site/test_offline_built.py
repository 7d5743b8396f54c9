"""The offline copies: one ZIP per language, linked with its size from the home page, holding one
language, every link of which opens a file."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from handbook.site import offline
from handbook.languages import human_size
from support.sitemodel import type_query

LANGS = {"bg": "", "en": "en"}


def zip_path(site: Path, lang: str) -> Path:
    return site / LANGS[lang] / offline.DOWNLOADS / offline.zip_name(lang)


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_links_the_zip_with_its_size(site, lang):
    home = (site / LANGS[lang] / "index.html").read_text(encoding="utf-8")
    href = f"{offline.DOWNLOADS}/{offline.zip_name(lang)}"
    assert f'href="{href}"' in home
    size = human_size(zip_path(site, lang).stat().st_size, lang)
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
