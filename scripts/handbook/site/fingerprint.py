"""Content-addressed names for the handbook's own assets, so that a browser keeps them for a year.

Material names its own files by their content (bundle.a5f9d56c.min.js); the hosting rules
(hosting.py) cache such files as immutable and revalidate everything else. The handbook's own
stylesheets and scripts (extra_css, overrides/assets/…) and the favicon keep plain names, so every
page view asked for each of them again. After the build, every such file that a page links to is
copied to `<name>.<8 hex digits of its SHA-256>.<ext>` next to the original, and the pages link to
the copy: a changed file gets a new name, an unchanged one is never fetched twice. The originals
stay where they were for anything that links to them by name.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import shutil
from pathlib import Path

EXTENSIONS = {".css", ".js", ".svg", ".png", ".ico", ".webp", ".woff2"}
HASHED = re.compile(r"\.[0-9a-f]{8}(?:\.min)?\.[a-z0-9]+$")
_ATTRIBUTE = re.compile(r'(?P<lead>\s(?:href|src)=")(?P<url>[^"?#:]+)(?P<tail>[?#][^"]*)?"')


def fingerprinted_name(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:8]
    return f"{path.stem}.{digest}{path.suffix}"


def _pages(site_root: Path) -> list[Path]:
    return sorted(path for path in site_root.rglob("*.html")
                  if "assets" not in path.relative_to(site_root).parts)


def apply(site_root: Path) -> dict[str, str]:
    """Fingerprint the assets the pages link to; return {original: fingerprinted} (paths relative
    to the site root)."""
    site_root = Path(site_root)
    renamed: dict[str, str] = {}

    def target_for(rel: str) -> str | None:
        if rel in renamed:
            return renamed[rel]
        source = site_root / rel
        if (not rel.startswith("assets/") or source.suffix not in EXTENSIONS or HASHED.search(source.name)
                or not source.is_file()):
            return None
        name = fingerprinted_name(source)
        copy = source.with_name(name)
        if not copy.exists():
            shutil.copy2(source, copy)
        renamed[rel] = posixpath.join(posixpath.dirname(rel), name)
        return renamed[rel]

    for page in _pages(site_root):
        folder = page.parent.relative_to(site_root).as_posix()
        text = page.read_text(encoding="utf-8")

        def swap(match: re.Match) -> str:
            url = match.group("url")
            rel = posixpath.normpath(url.lstrip("/") if url.startswith("/")
                                     else posixpath.join("" if folder == "." else folder, url))
            new = target_for(rel)
            if new is None:
                return match.group(0)
            new_url = url[: len(url) - len(posixpath.basename(url))] + posixpath.basename(new)
            return f'{match.group("lead")}{new_url}{match.group("tail") or ""}"'

        changed = _ATTRIBUTE.sub(swap, text)
        if changed != text:
            page.write_text(changed, encoding="utf-8")
    return renamed
