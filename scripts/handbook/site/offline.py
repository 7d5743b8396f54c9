"""Offline copies: one ZIP per language that opens from the file system, search included.

Trainers work in rooms without Wi-Fi. Each language's ZIP holds that language's pages, downloads
and the assets they use, made to work from file:// – unzip it anywhere and open index.html:

* links to a folder ("../05-working-with-media/") point at its index.html, because a browser
  shows a file listing for a folder on disk; links to the other language (not in the ZIP) point
  at the online site (site_url);
* the search index is also written as search/search_index.js, which Material loads with a
  <script> element when the page comes from file:// (a page on disk may not fetch JSON), its
  locations pointing at index.html files too;
* browsers refuse to start a Web Worker from file://; the iframe-worker shim (the one Material's
  own offline plugin uses, kept in overrides/assets/javascripts/vendor/) is loaded before
  Material's bundle and runs the search worker in a hidden frame;
* the home page's offline box becomes a note that this is the offline copy.

The copy is made from the finished site in post-build (no second MkDocs build: the same pages,
the same PDFs), skipped by `make serve` unless HANDBOOK_OFFLINE=1. The ZIP goes to
<language folder>/downloads/, and the home page shows its size.
"""

from __future__ import annotations

import json
import posixpath
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from markupsafe import Markup

from handbook import ROOT, strings, templates
from handbook.languages import LANGUAGES, human_size, url_prefix
from handbook.downloads.cache import reproducible_zip, write_atomic
from handbook.site.i18n import index_path

DOWNLOADS = "downloads"
SHIM = "assets/javascripts/vendor/iframe-worker.js"
LEAVE_OUT = {"_headers", "nginx-handbook.conf", "sitemap.xml", "sitemap.xml.gz", "404.html"}
STORED = {".pdf", ".docx", ".zip", ".png", ".jpg", ".jpeg", ".webp", ".woff2", ".gz"}

BLOCK_START = "<!-- handbook-offline -->"
BLOCK_END = "<!-- /handbook-offline -->"
_BLOCK = re.compile(re.escape(BLOCK_START) + ".*?" + re.escape(BLOCK_END), re.DOTALL)
_SIZE = re.compile(r"<span data-handbook-offline-size>[^<]*</span>")
_LINK_ATTR = re.compile(r'(?P<lead>\s(?:href|src)=")(?P<url>[^"]*)"')
_BUNDLE = re.compile(r'<script src="(?P<prefix>[^"]*?)assets/javascripts/bundle\.[0-9a-f]{8}\.min\.js"></script>')
_INSERT_BEFORE = '<h3 id="print-a-chapter">'


def zip_name(lang: str) -> str:
    return f"clarinet-handbook-offline-{lang}.zip"


def home_block(lang: str) -> str:
    """The offline box of a language's home page; the size is filled in after the ZIP is built."""
    return templates.render("offline_home.html", t=strings.table(lang)["offline"], href=f"{DOWNLOADS}/{zip_name(lang)}",
                            block_start=Markup(BLOCK_START), block_end=Markup(BLOCK_END))


def add_home_block(page_html: str, lang: str) -> str:
    """Put the offline box into the home page's content, before "print a chapter" if present."""
    block = home_block(lang)
    at = page_html.find(_INSERT_BEFORE)
    return page_html + block if at == -1 else page_html[:at] + block + page_html[at:]


def set_home_size(site_root: Path, folder: str, lang: str, size: int | None) -> None:
    """Show the ZIP's size on the built home page, or drop the box when there is no ZIP."""
    home = site_root / folder / "index.html"
    if not home.exists():
        return
    text = home.read_text(encoding="utf-8")
    if size is None:
        new = _BLOCK.sub("", text)
    else:
        new = _SIZE.sub(f"<span data-handbook-offline-size>{human_size(size, lang)}</span>", text)
    if new != text:
        home.write_text(new, encoding="utf-8")


def _inside(rel: str, folder: str, others: list[str]) -> bool:
    """Is a path (relative to the site root) part of this language's copy?"""
    if rel.startswith("assets/"):
        return True
    if folder:
        return rel == folder or rel.startswith(folder + "/")
    return not any(rel == other or rel.startswith(other + "/") for other in others)


def _wanted(rel: str, folder: str, others: list[str], lunr_files: set[str]) -> bool:
    name = posixpath.basename(rel)
    if name in LEAVE_OUT or rel.endswith(".map") or name.startswith("clarinet-handbook-offline-"):
        return False
    if rel.startswith("assets/javascripts/lunr/"):
        return name in lunr_files
    return _inside(rel, folder, others)


def _lunr_files(config: dict) -> set[str]:
    """The lunr files Material's worker loads for this index (its config.lang)."""
    langs = config.get("lang") or ["en"]
    files = {f"lunr.{lang}.min.js" for lang in langs if lang != "en"}
    if files or len(langs) > 1:
        files.add("lunr.stemmer.support.min.js")
    if len(langs) > 1:
        files.add("lunr.multi.min.js")
    return files


def _offline_location(location: str) -> str:
    path, hash_, anchor = location.partition("#")
    if path == "" or path.endswith("/"):
        path += "index.html"
    return path + hash_ + anchor


def rewrite_links(page_html: str, page_rel: str, exists, site_url: str, local) -> str:
    """Folder links → index.html; links to files outside the copy → the online site.
    `exists(rel)` says whether a site file exists, `local(rel)` whether it is in the copy."""
    folder = posixpath.dirname(page_rel)
    home = posixpath.join(page_rel.split("/", 1)[0], "index.html") if page_rel.split("/", 1)[0] in LANGUAGES else "index.html"

    def swap(match: re.Match) -> str:
        url = match.group("url")
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            return match.group(0)
        path = parts.path
        rel = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path))
        rel = "" if rel == "." else rel
        is_dir = path.endswith("/") or path in (".", "..") or exists(posixpath.join(rel, "index.html"))
        target = posixpath.join(rel, "index.html") if is_dir else rel
        if not exists(target):
            return match.group(0)
        if not local(target):
            if not site_url:  # no public address: the home page's box says what needs the internet
                return f'{match.group("lead")}{posixpath.relpath(home, folder or ".")}#offline"'
            online = urlunsplit(urlsplit(site_url.rstrip("/") + "/" + (rel + "/" if is_dir and rel else rel))
                                ._replace(query=parts.query, fragment=parts.fragment))
            return f'{match.group("lead")}{online}"'
        if path.startswith("/"):  # "/" means the disk's root on file://: link relative to the page
            path = posixpath.relpath(target, folder or ".")
        elif is_dir:
            path = (path if path.endswith("/") else path + "/") + "index.html"
        return f'{match.group("lead")}{urlunsplit(parts._replace(path=path))}"'

    return _LINK_ATTR.sub(swap, page_html)


def _note(lang: str, site_url: str) -> str:
    """The home page's box in the offline copy: what needs the internet, and where it is (no
    address when the build had no public address)."""
    t = strings.table(lang)["offline"]
    where = ""
    if site_url:
        url = site_url.rstrip("/") + "/" + url_prefix(lang)
        where = f': <a href="{url}">{url}</a>'
    return (f'<div class="admonition info handbook-offline" id="offline"><p class="admonition-title">'
            f'{t["title"]}</p><p>{t["note"]}{where}.</p></div>')


def _transform_page(text: str, page_rel: str, lang: str, site_url: str, exists, local) -> str:
    text = _BLOCK.sub(lambda _: _note(lang, site_url), text)
    text = rewrite_links(text, page_rel, exists, site_url, local)
    return _BUNDLE.sub(lambda m: f'<script src="{m.group("prefix")}{SHIM}"></script>{m.group(0)}', text, count=1)


def _redirect_page(lang: str, folder: str) -> str:
    t = strings.table(lang)["offline"]
    return (f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={folder}/index.html">'
            f'<title>{t["open"]}</title></head>\n<body><p><a href="{folder}/index.html">{t["open"]}</a></p>'
            f'</body></html>\n')


def build_copy(site_root: Path, lang: str, folder: str, others: list[str], site_url: str, target: Path) -> Path:
    """Write one language's offline copy into the folder `target` and return it."""
    index_file = index_path(site_root, folder)
    index = json.loads(index_file.read_text(encoding="utf-8")) if index_file.exists() else {"config": {}, "docs": []}
    lunr_files = _lunr_files(index.get("config", {}))
    all_files = {p.relative_to(site_root).as_posix() for p in site_root.rglob("*") if p.is_file()}
    copied = {rel for rel in all_files if _wanted(rel, folder, others, lunr_files)}
    shim = ROOT / "overrides" / SHIM
    for rel in sorted(copied):
        destination = target / rel
        destination.parent.mkdir(parents=True, exist_ok=True)
        if rel.endswith(".html"):
            text = (site_root / rel).read_text(encoding="utf-8")
            destination.write_text(_transform_page(text, rel, lang, site_url, all_files.__contains__,
                                                   copied.__contains__), encoding="utf-8")
        else:
            shutil.copyfile(site_root / rel, destination)
    if not (target / SHIM).exists():
        (target / SHIM).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shim, target / SHIM)
    index["docs"] = [{**doc, "location": _offline_location(doc["location"])} for doc in index.get("docs", [])]
    data = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    search_dir = target / folder / "search"
    search_dir.mkdir(parents=True, exist_ok=True)
    (search_dir / "search_index.json").write_text(data, encoding="utf-8")
    (search_dir / "search_index.js").write_text(f"var __index = {data}\n", encoding="utf-8")
    if folder:
        (target / "index.html").write_text(_redirect_page(lang, folder), encoding="utf-8")
    return target


def _zip(source: Path, top: str) -> bytes:
    members = [(f"{top}/{path.relative_to(source).as_posix()}", path)
               for path in sorted(p for p in source.rglob("*") if p.is_file())]
    return reproducible_zip(members, stored=STORED, level=9)


def build(site_root: Path, folders: dict[str, str], site_url: str) -> dict[str, Path]:
    """Build every language's ZIP into <folder>/downloads/ and show its size on the home page."""
    site_root = Path(site_root)
    zips = {}
    languages_folders = [folder for folder in folders.values() if folder]
    for lang, folder in folders.items():
        others = [other for other in languages_folders if other != folder]
        with tempfile.TemporaryDirectory(prefix=f"handbook-offline-{lang}-") as temp:
            copy = build_copy(site_root, lang, folder, others, site_url, Path(temp) / "copy")
            data = _zip(copy, f"clarinet-handbook-{lang}")
        target = site_root / folder / DOWNLOADS / zip_name(lang)
        write_atomic(target, data)
        zips[lang] = target
    for lang, folder in folders.items():
        set_home_size(site_root, folder, lang, zips[lang].stat().st_size)
    return zips


def skip(site_root: Path, folders: dict[str, str]) -> None:
    """No offline copy in this build (`make serve`): take the box off the home pages."""
    for lang, folder in folders.items():
        set_home_size(Path(site_root), folder, lang, None)
