"""Reading the built site: its pages, their language, links and resources."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

OTHER_LANGUAGES = ("en",)


@dataclass
class BuiltPage:
    site: Path
    path: Path  # the HTML file

    @property
    def rel(self) -> str:
        return self.path.relative_to(self.site).as_posix()

    @property
    def url(self) -> str:
        """The URL path the page is served at, e.g. '/en/chapters/01-introduction/'."""
        rel = self.rel
        return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)

    @property
    def language(self) -> str:
        first = self.rel.split("/", 1)[0]
        return first if first in OTHER_LANGUAGES else "bg"

    @property
    def counterpart_url(self) -> str:
        if self.language == "bg":
            return "/en" + self.url
        return self.url[len("/" + self.language):]

    @property
    def soup(self) -> BeautifulSoup:
        return parsed(self.path)

    def resolve(self, href: str) -> tuple[str, str] | None:
        """An internal href as (URL path, fragment); None for external or special links."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "data:")):
            return None
        if not parts.path:
            return self.url, unquote(parts.fragment)
        base = PurePosixPath(self.url if self.url.endswith("/") else self.url.rsplit("/", 1)[0] + "/")
        joined = parts.path if parts.path.startswith("/") else str(base / parts.path)
        # normalise "..", keeping a trailing slash
        stack: list[str] = []
        for segment in joined.split("/"):
            if segment == "..":
                if stack:
                    stack.pop()
            elif segment not in ("", "."):
                stack.append(segment)
        path = "/" + "/".join(stack)
        if parts.path.endswith("/") and path != "/":
            path += "/"
        return unquote(path), unquote(parts.fragment)


_PARSED: dict[tuple, BeautifulSoup] = {}


def parsed(path: Path) -> BeautifulSoup:
    """The HTML file parsed (html.parser), once per test run and shared by every test that reads it:
    read it, never change it. A file written again is parsed again."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    if key not in _PARSED:
        _PARSED[key] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return _PARSED[key]


def file_for(site: Path, url_path: str) -> Path:
    target = site / url_path.lstrip("/")
    if url_path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def pages(site: Path) -> list[BuiltPage]:
    """Every HTML page of the site (404 pages included)."""
    return [BuiltPage(site, path) for path in sorted(site.rglob("*.html"))
            if "assets" not in path.relative_to(site).parts]


def content_pages(site: Path) -> list[BuiltPage]:
    return [page for page in pages(site) if page.path.name != "404.html"]


def type_query(page, query: str):
    """Type a search into Material's search box. Material listens to keyup, which Playwright's
    fill() does not send (notably for Cyrillic), so it is dispatched. Returns the box."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.dispatch_event("keyup")
    return box
