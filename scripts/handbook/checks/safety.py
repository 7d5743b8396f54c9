"""Safety of what editors write and of the pages the build makes: nothing that runs code, nothing
loaded from another host, nothing that redirects the reader.

The sources (every text file under docs/: pages, data, word lists) are read with an HTML
tokenizer (Python's html.parser: tags and attributes as a browser sees them, character references
decoded), plus the Markdown link and image syntax. A problem names the file and the line and says
what to do instead. These fail the check and the strict build:

- an element that runs or embeds code or another page: script, iframe, frame, object, embed,
  applet, and style, base, meta (the theme sets what a page needs);
- an inline event handler (onclick=, onload=, …);
- a javascript:, vbscript: or data: address in a link, image or form (after entity decoding and
  with the white space a browser ignores removed);
- a resource from another host: an image, stylesheet, audio, video, source, track or form
  action with an address outside the site, a style attribute with url(…);
- a link written as <javascript:…>.

`check_site` applies the same rules to every built page. The content area (<article>) follows
the rules of the sources; outside it, the theme's own markup is allowed by explicit rules: scripts
from the site itself (a relative src) or inline scripts in the page head and after the content,
stylesheets and icons from the site itself, and <meta> in the <head>.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from handbook.sources import markdown as mdscan
from handbook.sources.problems import Problem
from handbook.strings import Message, say

TEXT_SUFFIXES = {".md", ".markdown", ".yml", ".yaml", ".txt", ".html", ".htm", ".svg", ".json", ".csv"}

# Each element's message (safety.element_<tag> in strings/*.yml) says what to do instead.
FORBIDDEN_ELEMENTS = {tag: say(f"safety.element_{tag}") for tag in (
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "base", "meta", "link")}
# Attributes whose value is an address the browser loads or navigates to.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "cite",
                  "srcset", "ping", "manifest", "codebase", "longdesc", "lowsrc", "dynsrc"}
# Elements whose address is loaded without the reader asking (a resource, not a link).
RESOURCE_ELEMENTS = {"img", "audio", "video", "source", "track", "input", "image", "picture"}
_UNSAFE_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.IGNORECASE)
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these inside a URL scheme
_AUTOLINK = re.compile(r"<\s*(?:java|vb)script\s*:", re.IGNORECASE)
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(?P<url>\S+?)>?(?:\s|$)")
_CSS_URL = re.compile(r"url\s*\(", re.IGNORECASE)


def _scheme_problem(url: str) -> Message | None:
    """What is wrong with an address after decoding, or None."""
    cleaned = _IGNORED_IN_URL.sub("", html.unescape(url or ""))
    match = _UNSAFE_SCHEME.match(cleaned)
    if match:
        scheme = match.group(1).lower()
        if scheme == "data":
            return say("safety.data_address")
        return say("safety.scheme_address", scheme=scheme)
    return None


def _other_host(url: str) -> bool:
    cleaned = _IGNORED_IN_URL.sub("", html.unescape(url or ""))
    parts = urlsplit(cleaned)
    return bool(parts.netloc) or cleaned.startswith("//")


def _srcset_urls(value: str) -> list[str]:
    return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]


class _Scanner(HTMLParser):
    """Collects (line, message) for every unsafe tag or attribute, with the explicit allowances of
    the theme outside the content area when `theme` is set."""

    def __init__(self, theme: bool = False):
        super().__init__(convert_charrefs=True)
        self.theme = theme
        self.found: list[tuple[int, Message]] = []
        self.in_head = False
        self.article_depth = 0  # > 0 inside <article>

    # --- where we are (built pages only) ------------------------------------------------------
    def _content(self) -> bool:
        return not self.theme or self.article_depth > 0

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)
        if tag == "article":
            self.article_depth += 1

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "article" and self.article_depth:
            self.article_depth -= 1
    def _report(self, message: Message) -> None:
        self.found.append((self.getpos()[0], message))

    # --- the rules ----------------------------------------------------------------------------
    def _theme_allows(self, tag: str, attrs: dict) -> bool:
        """The theme's own markup, outside the content area of a built page."""
        if self._content():
            return False
        if tag == "meta":  # in the head, and never a refresh or redirect
            return self.in_head and attrs.get("http-equiv", "").lower() in ("", "content-security-policy")
        if tag == "script":  # inline (the theme's; the policy lists their hashes) or from the site itself
            src = attrs.get("src")
            return src is None or (not _other_host(src) and not _scheme_problem(src))
        if tag == "link":
            href = attrs.get("href", "")
            rel = attrs.get("rel", "").lower()
            return rel in {"canonical", "alternate", "prev", "next", "sitemap", "search"} or (
                not _other_host(href) and not _scheme_problem(href))
        if tag == "style":
            return True  # Material's inline <style> for the theme's colours
        return False

    def _tag(self, tag: str, attr_list) -> None:
        if tag == "html" or tag == "head":
            self.in_head = tag == "head"
        attrs = {name.lower(): (value or "") for name, value in attr_list}
        if tag in FORBIDDEN_ELEMENTS and not self._theme_allows(tag, attrs):
            self._report(FORBIDDEN_ELEMENTS[tag])
            return
        for name, value in attrs.items():
            if name.startswith("on"):
                self._report(say("safety.event_handler", name=name))
            elif name == "style" and _CSS_URL.search(value) and self._content():
                self._report(say("safety.style_url"))
            elif name in URL_ATTRIBUTES:
                urls = _srcset_urls(value) if name == "srcset" else [value]
                for url in urls:
                    self._url(tag, name, url)

    def _url(self, tag: str, name: str, url: str) -> None:
        problem = _scheme_problem(url)
        if problem and not (self.theme and not self._content() and url.startswith("data:image/")):
            self._report(say("safety.in_attribute", tag=tag, name=name, problem=problem))
            return
        if tag in RESOURCE_ELEMENTS and name != "href" and _other_host(url):
            if tag in {"img", "picture", "image"}:
                self._report(say("safety.image_other_host", url=url))
            else:
                self._report(say("safety.resource_other_host", tag=tag, url=url))
        if name in ("action", "formaction") and _other_host(url):
            self._report(say("safety.form_other_host", url=url))


def _scan(text: str, theme: bool = False) -> list[tuple[int, Message]]:
    scanner = _Scanner(theme)
    scanner.feed(text)
    scanner.close()
    return scanner.found


def _markdown(text: str) -> list[tuple[int, Message]]:
    """Markdown links and images, and <javascript:…> autolinks."""
    found = []
    for line in mdscan.prose_lines(text):
        prose = mdscan.INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line.text)
        for match in mdscan.LINK.finditer(prose):
            problem = _scheme_problem(mdscan.strip_target(match.group("target")))
            if problem:
                found.append((line.number, say("safety.in_link", text=match.group("text"), problem=problem)))
        for match in mdscan.IMAGE.finditer(prose):
            target = mdscan.strip_target(match.group("src"))
            problem = _scheme_problem(target)
            if problem:
                found.append((line.number, say("safety.in_image", alt=match.group("alt"), problem=problem)))
            elif _other_host(target):
                found.append((line.number, say("safety.image_other_host", url=target)))
    for number, line in enumerate(text.splitlines(), start=1):
        if _AUTOLINK.search(line):
            found.append((number, say("safety.script_autolink")))
        reference = _REFERENCE.match(line)
        if reference:
            problem = _scheme_problem(reference.group("url"))
            if problem:
                found.append((number, say("safety.in_reference", problem=problem)))
    return found


def check_text(path: str, text: str) -> list[Problem]:
    """Problems in one source file (Markdown, YAML or any text file under docs/)."""
    found = set(_scan(text))
    if path.endswith((".md", ".markdown")):
        found |= set(_markdown(text))
    return sorted(Problem(path, line, message) for line, message in found)


def check(root: Path) -> list[Problem]:
    """Every text file under docs/ (files that are not UTF-8 text are the structure check's)."""
    root = Path(root)
    problems = []
    for path in sorted((root / "docs").rglob("*")):
        if path.is_file() and not path.is_symlink() and path.suffix.lower() in TEXT_SUFFIXES:
            try:
                text = path.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            problems += check_text(path.relative_to(root).as_posix(), text)
    return problems


def check_page(rel_path: str, page_html: str) -> list[Problem]:
    """Problems in one built page: the content area as strictly as the sources, the theme's own
    markup outside it by the explicit rules above."""
    return sorted(Problem(rel_path, line, message) for line, message in set(_scan(page_html, theme=True)))


def check_site(site_root: Path) -> list[Problem]:
    site_root = Path(site_root)
    problems = []
    for path in sorted(site_root.rglob("*.html")):
        problems += check_page(path.relative_to(site_root).as_posix(), path.read_text(encoding="utf-8"))
    return problems
