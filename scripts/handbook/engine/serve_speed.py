"""What makes `make serve` fast: Markdown conversions remembered between rebuilds, and compiled
page templates kept on disk.

Markdown conversions.

`mkdocs serve` rebuilds the whole site, both languages, on every save (its --dirty mode is not an
option: with the i18n plugin it duplicates the search index on every rebuild). Converting the
Markdown of some sixty pages is the largest part of a rebuild, and after one save all but one of
them convert to exactly what they did before. Under `make serve` only (never in `mkdocs build`),
each page's conversion is kept in memory under a key of everything it depends on – the page's
Markdown as the hooks hand it over, its path and URL, the Markdown extensions and their settings
(the glossary of the page's language among them), the URL settings and the path and URL of every
file of the build – and reused when the key comes again. Everything after the conversion (hooks,
templates, search, the other language) runs as usual.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections import OrderedDict
from pathlib import Path

import jinja2
from mkdocs.structure.pages import Page

MAX_ENTRIES = 512
_cache: OrderedDict = OrderedDict()
_state = {"installed": False, "hits": 0, "misses": 0}


def _stable(value) -> str:
    """Functions and objects in the extension settings, by name (their repr has an address)."""
    return getattr(value, "__qualname__", None) or f"{type(value).__module__}.{type(value).__name__}"


def key(page: Page, config, files) -> str:
    extensions = [ext if isinstance(ext, str) else _stable(ext) for ext in config["markdown_extensions"]]
    settings = json.dumps({
        "extensions": extensions,
        "configs": config["mdx_configs"] or {},
        "directory_urls": config["use_directory_urls"],
        "validation": repr(config.get("validation")),
        "page": [page.file.src_uri, page.file.url],
        "files": sorted((file.src_uri, file.url) for file in files),
    }, sort_keys=True, default=_stable, ensure_ascii=False)
    digest = hashlib.sha256(settings.encode("utf-8"))
    digest.update(b"\0" + (page.markdown or "").encode("utf-8"))
    return digest.hexdigest()


def install_render_cache() -> None:
    """Patch Page.render for this process (call it for `mkdocs serve` only)."""
    if _state["installed"]:
        return
    original = Page.render

    def render(self: Page, config, files) -> None:
        entry_key = key(self, config, files)
        entry = _cache.get(entry_key)
        if entry is None:
            _state["misses"] += 1
            original(self, config, files)
            links = getattr(self, "links_to_anchors", None)
            _cache[entry_key] = (
                self.content, copy.deepcopy(self.toc), self._title_from_render, set(self.present_anchor_ids or ()),
                None if links is None else {target.src_uri: dict(anchors) for target, anchors in links.items()},
            )
            while len(_cache) > MAX_ENTRIES:
                _cache.popitem(last=False)
            return
        _state["hits"] += 1
        _cache.move_to_end(entry_key)
        content, toc, title, anchors, links = entry
        self.content = content
        self.toc = copy.deepcopy(toc)
        self._title_from_render = title
        self.present_anchor_ids = set(anchors)
        if links is not None:
            self.links_to_anchors = {files.get_file_from_path(uri): dict(targets) for uri, targets in links.items()
                                     if files.get_file_from_path(uri) is not None}

    render.handbook_render_cache = True
    Page.render = render
    _state["installed"] = True


def stats() -> dict:
    return {"entries": len(_cache), "hits": _state["hits"], "misses": _state["misses"]}


# Compiled page templates, kept between builds.
#
# Every MkDocs build (each language, and every rebuild of `make serve`) creates a new Jinja
# environment and compiles Material's templates again – a noticeable part of a rebuild. Jinja's
# bytecode cache keeps the compiled form in .cache/templates/ and recompiles a template only when its
# source changes (the cache key includes a checksum of the source), so edits to overrides/ show at
# once.

def enable_template_cache(env: jinja2.Environment, cache_dir: Path) -> jinja2.Environment:
    cache_dir.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
    return env
