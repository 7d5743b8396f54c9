"""What makes `make serve` fast: Markdown conversions remembered between rebuilds, and compiled
page templates kept on disk.

Markdown conversions, search entries and other pure work.

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

MAX_ENTRIES = 2048
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
    _install_search_cache()
    _install_template_listing_cache()
    _state["installed"] = True


# Search entries. Material's search plugin parses every page's HTML into sections on every build;
# under `make serve` a page whose HTML, address, table of contents and search settings are the same
# as before gives the same entries, which are reused.

def _search_key(page: Page) -> str:
    toc = []

    def walk(items):
        for item in items or ():
            toc.append((item.id, item.title, item.url))
            walk(item.children)

    walk(page.toc)
    meta = {name: page.meta.get(name) for name in ("search", "tags", "title")}
    parts = json.dumps([page.url, page.title, toc, meta], default=str, ensure_ascii=False)
    digest = hashlib.sha256(parts.encode("utf-8"))
    digest.update(b"\0" + (page.content or "").encode("utf-8"))
    return "search:" + digest.hexdigest()


def _install_search_cache() -> None:
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:  # another theme: nothing to speed up
        return
    original = SearchIndex.add_entry_from_context

    def add_entry_from_context(self, page) -> None:
        entry_key = _search_key(page)
        entries = _cache.get(entry_key)
        if entries is None:
            before = len(self.entries)
            original(self, page)
            _remember(entry_key, copy.deepcopy(self.entries[before:]))
            return
        _cache.move_to_end(entry_key)
        self.entries.extend(copy.deepcopy(entries))

    SearchIndex.add_entry_from_context = add_entry_from_context


def _remember(entry_key: str, value) -> None:
    _cache[entry_key] = value
    while len(_cache) > MAX_ENTRIES:
        _cache.popitem(last=False)


def remember(kind: str, parts, make, copied: bool = True):
    """make(), or what it returned before for the same parts (a JSON-able description of every
    input). Only under `make serve` (install_render_cache was called); otherwise make() is called.
    copied=False hands out the remembered value itself: for values nobody changes."""
    if not _state["installed"]:
        return make()
    digest = hashlib.sha256(json.dumps(parts, default=repr, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    entry_key = f"{kind}:{digest.hexdigest()}"
    if entry_key in _cache:
        _cache.move_to_end(entry_key)
        return copy.deepcopy(_cache[entry_key]) if copied else _cache[entry_key]
    value = make()
    _remember(entry_key, copy.deepcopy(value) if copied else value)
    return value


def tree_state(folder: Path) -> list:
    """Every file below a folder with its size and modification time: a cheap key for work that
    reads those files (a save changes the time)."""
    folder = Path(folder)
    return sorted((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns)
                  for path in folder.rglob("*") if (stat := path.stat()) and path.is_file())


def project_state(docs_dir: Path) -> list:
    """What handbook.project.Project.load reads: the data files, and the top-level headings (the
    titles) of every page – a save that changes a page's text but not its title keeps the key."""
    docs_dir = Path(docs_dir)
    titles = []
    for page in sorted(docs_dir.rglob("*.md")):
        text = page.read_text(encoding="utf-8", errors="replace")
        titles.append((page.relative_to(docs_dir).as_posix(), [line for line in text.splitlines() if line.startswith("# ")]))
    return [tree_state(docs_dir / "data"), titles]


# The theme's file list. Every build (each language, every rebuild) lists the theme's folders to
# copy its assets – Material's folder holds thousands of icons. Folders inside the Python
# environment do not change while the preview runs; their listing is kept (overrides/ is listed
# every time).

def _install_template_listing_cache() -> None:
    import sys

    original = jinja2.FileSystemLoader.list_templates
    listings: dict[str, list[str]] = {}

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            fixed = str(Path(searchpath).resolve()).startswith(str(Path(sys.prefix).resolve()))
            if fixed and searchpath in listings:
                found.update(listings[searchpath])
                continue
            names = original(jinja2.FileSystemLoader(searchpath, self.encoding, self.followlinks))
            if fixed:
                listings[searchpath] = names
            found.update(names)
        return sorted(found)

    jinja2.FileSystemLoader.list_templates = list_templates


def stats() -> dict:
    return {"entries": len(_cache), "hits": _state["hits"], "misses": _state["misses"],
            "languages_reused": _state.get("skipped", 0)}


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


# The other language, when nothing it is made of changed.
#
# The i18n plugin builds the default language and then, from its on_post_build, every other
# language with a second MkDocs build. Under `make serve` a save usually touches one language: when
# everything the other language's pages are made of is as it was at its last build (see
# HandbookPlugin.language_inputs), its pages are put back from a copy of that build, with its search
# entries and error page, instead of being built again.

_languages: dict[str, dict] = {}


def install_language_skip(plugin_for) -> None:
    """plugin_for(config) -> the handbook plugin of that build, or None."""
    import atexit
    import shutil
    import tempfile

    import mkdocs_static_i18n.plugin as i18n_module

    if getattr(i18n_module.build, "handbook_language_skip", False):
        return
    original = i18n_module.build
    store = Path(tempfile.mkdtemp(prefix="handbook-serve-"))
    atexit.register(shutil.rmtree, store, True)

    def build(config, dirty=False, **kwargs):
        plugin, i18n = plugin_for(config), config.plugins.get("i18n")
        lang = getattr(i18n, "current_language", None)
        inputs = plugin.language_inputs(lang) if plugin is not None and lang else None
        site_dir = Path(config.site_dir)
        saved = _languages.get(lang)
        if inputs is not None and saved is not None and saved["inputs"] == inputs:
            target = site_dir / lang
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(saved["copy"], target)
            i18n.search_entries.extend(copy.deepcopy(saved["entries"]))
            plugin.not_found[lang] = saved["not_found"]
            _state["skipped"] = _state.get("skipped", 0) + 1
            return None
        before = len(i18n.search_entries) if i18n is not None else 0
        result = original(config, dirty=dirty, **kwargs)
        if inputs is not None and (site_dir / lang).is_dir() and lang in plugin.not_found:
            kept = store / lang
            if kept.exists():
                shutil.rmtree(kept)
            shutil.copytree(site_dir / lang, kept)
            _languages[lang] = {"inputs": inputs, "copy": kept, "not_found": plugin.not_found[lang],
                                "entries": copy.deepcopy(i18n.search_entries[before:])}
        return result

    build.handbook_language_skip = True
    i18n_module.build = build


# Noticing a save.

POLLING_INTERVAL = 0.1  # seconds; MkDocs' default is 0.5


def poll_faster(server):
    """Give MkDocs' live-reload server a polling observer with a shorter interval, watching the same
    paths (before the server starts). A server without the expected attributes is left as it is."""
    import watchdog.observers.polling

    refs = getattr(server, "_watch_refs", None)
    if not isinstance(refs, dict) or not hasattr(server, "unwatch") or getattr(server.observer, "is_alive", lambda: True)():
        return server
    paths = list(refs)
    for path in paths:
        server.unwatch(path)
    server.observer = watchdog.observers.polling.PollingObserver(timeout=POLLING_INTERVAL)
    for path in paths:
        server.watch(path)
    return server
