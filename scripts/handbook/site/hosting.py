"""Hosting files for the built site: security and caching headers, generated at build time.

The build (scripts/hooks.py, last step of on_post_build) writes two files into the site root:

- `_headers`, read by Netlify and Cloudflare Pages: the security headers for every path, and a
  Cache-Control header for each part of the site;
- `nginx-handbook.conf`, an nginx server block for self-hosting with the same headers, the same
  cache rules, and the 404 rule (a missing page under /en/ gets /en/404.html, any other
  /404.html; scripts/handbook/server.py answers the same way in the tests);

and puts the Content-Security-Policy into every page as a <meta> element as well, for hosts that
send no headers of their own (GitHub Pages); framing cannot be denied that way, only by a header.

The Content-Security-Policy allows scripts from the site itself and, by their SHA-256 hash, the
few inline scripts that Material writes into every page (scope, colour scheme, tabs). The hashes
are taken from the built pages, so the files belong to the build they were generated with: deploy
them together. No 'unsafe-inline' and no 'unsafe-eval'; the search worker is a same-origin file
(worker-src 'self'). Styles: Material's scripts set styles only through the CSSOM, which CSP does
not restrict, so style-src needs no 'unsafe-inline'; `<style>` elements, if a page ever has one,
are allowed by hash. An inline event handler, a `javascript:` link or a `style="…"` attribute in a
built page cannot run under this policy and fails the build (`HostingError`).

Caching: fingerprinted assets (`*.<8 hex digits>[.min].js|css|svg|…`, their source maps: Material's
and the handbook's own, see fingerprint.py) are cached for a year as immutable; every other file
(HTML, search index, sitemaps, files kept under their plain names, downloads) is revalidated on
every use (`max-age=0, must-revalidate`), so a new build is seen at once. Hosts join the values of
a header that several rules set, so the cache rules are generated not to overlap: each file is
matched by exactly one of them.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

HEADERS_FILE = "_headers"
NGINX_FILE = "nginx-handbook.conf"
HOSTING_FILES = (HEADERS_FILE, NGINX_FILE)

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
# Material's fingerprinted assets, and the handbook's own that fingerprint.py names the same way
# (handbook.1a2b3c4d.css, favicon.1a2b3c4d.svg).
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}(?:\.min)?\.(?:js|css|svg|png|ico|webp|woff2)(?:\.map)?$")

# Limits of Cloudflare Pages' _headers (the stricter of the two hosts): rules and line length.
MAX_RULES = 100
MAX_LINE = 2000

PERMISSIONS_POLICY = ", ".join(f"{feature}=()" for feature in (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get",
    "screen-wake-lock", "usb", "xr-spatial-tracking",
))

_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
_HANDLER = re.compile(r"<[a-zA-Z][^>]*?\s(?P<attr>on[a-z]+)\s*=", re.DOTALL)
_JS_URL = re.compile(r"""\s(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
_STYLE_ATTR = re.compile(r"<(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?\sstyle\s*=", re.DOTALL)


_HEADER_ONLY = {"frame-ancestors", "report-uri", "report-to", "sandbox"}
_CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_META_POLICY = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')


class HostingError(Exception):
    """Built pages that the Content-Security-Policy would break; each problem names the file."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def sha256_source(text: str) -> str:
    """The CSP source expression for an inline script or style with this exact text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def html_pages(site_root: Path) -> list[Path]:
    return sorted(path for path in site_root.rglob("*.html")
                  if "assets" not in path.relative_to(site_root).parts)


@dataclass
class InlineCode:
    scripts: set = field(default_factory=set)  # CSP hash sources
    styles: set = field(default_factory=set)
    problems: list = field(default_factory=list)


def inline_code(site_root: Path) -> InlineCode:
    """The hashes of every inline script and <style> element in the built pages, and the problems
    (event handler attributes, javascript: URLs, style attributes) that no hash can allow."""
    found = InlineCode()
    for path in html_pages(site_root):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(site_root).as_posix()
        for match in _SCRIPT.finditer(text):
            attrs = match.group("attrs") or ""
            kind = _TYPE.search(attrs)
            if _SRC.search(attrs) or (kind and kind.group("type").lower() not in _EXECUTABLE):
                continue  # an external script, or a data block such as Material's JSON config
            found.scripts.add(sha256_source(match.group("body")))
        for match in _STYLE.finditer(text):
            found.styles.add(sha256_source(match.group("body")))
        outside_scripts = _SCRIPT.sub("", text)
        for match in _HANDLER.finditer(outside_scripts):
            found.problems.append(f"site/{rel}: inline event handler “{match.group('attr')}=…” – the "
                                  "Content-Security-Policy blocks it; attach the handler from a script file")
        if _JS_URL.search(outside_scripts):
            found.problems.append(f"site/{rel}: a “javascript:” URL – the Content-Security-Policy blocks it")
        for match in _STYLE_ATTR.finditer(_STYLE.sub("", outside_scripts)):
            found.problems.append(f"site/{rel}: <{match.group('tag')} style=“…”> – the Content-Security-Policy "
                                  "blocks style attributes; use a class and a rule in the stylesheet")
    return found


def content_security_policy(scripts, styles=()) -> str:
    directives = [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", *sorted(scripts)]),
        ("style-src", ["'self'", *sorted(styles)]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    ]
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


def security_headers(csp: str) -> list[tuple[str, str]]:
    return [
        ("Content-Security-Policy", csp),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        ("Permissions-Policy", PERMISSIONS_POLICY),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
    ]


def cache_control(rel_path: str) -> str:
    """The Cache-Control value for a file of the site, by its path relative to the site root."""
    return IMMUTABLE if FINGERPRINTED.search(rel_path) else REVALIDATE


def _served_files(directory: Path, site_root: Path) -> list[Path]:
    return [path for path in directory.rglob("*") if path.is_file()
            and path.relative_to(site_root).as_posix() not in HOSTING_FILES]


def cache_rules(site_root: Path) -> list[tuple[str, str]]:
    """(URL pattern, Cache-Control) pairs that match every file of the site exactly once: a folder
    whose files all share a value gets one `/folder/*` rule, a mixed folder one rule per file (and
    its index page's URL ending in "/")."""
    rules: list[tuple[str, str]] = []

    def visit(directory: Path, prefix: str) -> None:
        files = _served_files(directory, site_root)
        values = {cache_control(path.relative_to(site_root).as_posix()) for path in files}
        if prefix != "/" and len(values) == 1:
            rules.append((prefix + "*", values.pop()))
            return
        for child in sorted(directory.iterdir()):
            rel = child.relative_to(site_root).as_posix()
            if child.is_dir():
                if _served_files(child, site_root):
                    visit(child, f"{prefix}{child.name}/")
            elif rel not in HOSTING_FILES:
                value = cache_control(rel)
                if child.name == "index.html":
                    rules.append((prefix, value))
                rules.append((prefix + child.name, value))

    visit(site_root, "/")
    return rules


def headers_file(site_root: Path, csp: str) -> str:
    lines = [
        "# Security and caching headers for Netlify and Cloudflare Pages, generated by",
        "# scripts/handbook/hosting.py for this build (the Content-Security-Policy lists the hashes",
        "# of this build's inline scripts). nginx: see nginx-handbook.conf.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in security_headers(csp)]
    for pattern, value in cache_rules(site_root):
        lines += [pattern, f"  Cache-Control: {value}"]
    return "\n".join(lines) + "\n"


def nginx_conf(csp: str) -> str:
    headers = "\n".join(f'    add_header {name} "{value}" always;' for name, value in security_headers(csp))
    fingerprint = FINGERPRINTED.pattern
    return f"""# CLARINET handbook: an nginx server block for self-hosting, generated by
# scripts/handbook/hosting.py for this build (the Content-Security-Policy lists the hashes of this
# build's inline scripts: deploy this file with the site it came with).
#
# Include it in nginx's http context (e.g. as /etc/nginx/conf.d/clarinet-handbook.conf, next to
# the standard `include mime.types;`), then set `listen`, `server_name` and `root` for your host and
# add TLS. Content types come from nginx's mime.types.

map $uri $handbook_cache_control {{
    default "{REVALIDATE}";
    "~{fingerprint}" "{IMMUTABLE}";
}}

server {{
    listen 80;
    server_name _;
    root /srv/clarinet-handbook/site;
    index index.html;

    charset utf-8;
    charset_types text/css text/plain text/xml application/javascript application/json image/svg+xml;
    gzip on;
    gzip_types text/css text/plain text/xml application/javascript application/json image/svg+xml;

{headers}
    add_header Cache-Control $handbook_cache_control always;

    # The hosting files themselves are not part of the site.
    location = /{HEADERS_FILE} {{ return 404; }}
    location = /{NGINX_FILE} {{ return 404; }}

    # A missing page gets the "page not found" page of its language.
    error_page 404 /404.html;
    location /en/ {{
        error_page 404 /en/404.html;
        try_files $uri $uri/ =404;
    }}
    location / {{
        try_files $uri $uri/ =404;
    }}
}}
"""


@dataclass(frozen=True)
class Report:
    scripts: int
    styles: int
    rules: int


def write(site_root: Path, meta: bool = True) -> Report:
    """Write _headers and nginx-handbook.conf into the built site and, with `meta`, the policy into
    every page; raise HostingError when a page has inline code that no policy without
    'unsafe-inline' can allow."""
    code = inline_code(site_root)
    if code.problems:
        raise HostingError(sorted(set(code.problems)))
    csp = content_security_policy(code.scripts, code.styles)
    text = headers_file(site_root, csp)
    rules = parse_headers(text)
    too_long = [line for line in text.splitlines() if len(line) > MAX_LINE]
    if len(rules) > MAX_RULES or too_long:
        raise HostingError([f"site/{HEADERS_FILE}: {len(rules)} rules (at most {MAX_RULES}) or a line longer "
                            f"than {MAX_LINE} characters – hosts ignore such a file"])
    (site_root / HEADERS_FILE).write_text(text, encoding="utf-8")
    (site_root / NGINX_FILE).write_text(nginx_conf(csp), encoding="utf-8")
    if meta:
        add_meta_policy(site_root, csp)
    return Report(len(code.scripts), len(code.styles), len(rules))


def meta_policy(csp: str) -> str:
    """The policy as a <meta> element can carry it: without frame-ancestors, which browsers ignore
    (and report) there."""
    return "; ".join(part for part in csp.split("; ") if part.split()[0] not in _HEADER_ONLY)


def add_meta_policy(site_root: Path, csp: str) -> None:
    """Put the policy into every page as <meta http-equiv> too, right after <meta charset>, for hosts
    that cannot send headers (GitHub Pages). Where the host sends the header as well, both apply
    and they agree."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{meta_policy(csp)}">'
    for path in html_pages(site_root):
        text = path.read_text(encoding="utf-8")
        text = _META_POLICY.sub("", text)
        charset = _CHARSET.search(text)
        if charset:
            text = text[:charset.end()] + "\n    " + tag + text[charset.end():]
            path.write_text(text, encoding="utf-8")


# --- reading a _headers file (the test server applies it as Netlify and Cloudflare Pages do) ------

@dataclass(frozen=True)
class Rule:
    pattern: str
    headers: tuple  # ((name, value), …)

    def matches(self, url_path: str) -> bool:
        regex = "".join(".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                        for part in re.split(r"(\*|:[A-Za-z]\w*)", self.pattern))
        return re.fullmatch(regex, url_path) is not None


def parse_headers(text: str) -> list[Rule]:
    """Parse the _headers format: a URL pattern on its own line, its headers indented below."""
    rules: list[Rule] = []
    pattern, headers = None, []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            if pattern is not None:
                rules.append(Rule(pattern, tuple(headers)))
            pattern, headers = line.strip(), []
            continue
        name, sep, value = line.strip().partition(":")
        if pattern is None or not sep or not name.strip():
            raise ValueError(f"{HEADERS_FILE}, line {number}: expected “Name: value” under a URL pattern")
        headers.append((name.strip(), value.strip()))
    if pattern is not None:
        rules.append(Rule(pattern, tuple(headers)))
    return rules


def headers_for(rules: list[Rule], url_path: str) -> list[tuple[str, str]]:
    """The headers a host sends for a URL path: those of every matching rule, in file order, with
    the values of a header set by several rules joined by ", " (as both hosts do)."""
    joined: dict[str, tuple[str, list[str]]] = {}
    for rule in rules:
        if rule.matches(url_path):
            for name, value in rule.headers:
                joined.setdefault(name.lower(), (name, []))[1].append(value)
    return [(name, ", ".join(values)) for name, values in joined.values()]
