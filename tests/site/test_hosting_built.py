"""Hosting files generated with the build (_headers, nginx-handbook.conf): the policy they carry,
caching and content types, and the nginx configuration served by a real nginx."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath

import pytest

from handbook.site import hosting
from devtools.server import SiteServer
from support.nginxserver import NGINX, NginxServer
from support.sitemodel import content_pages, pages, type_query

SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
}


def _rules(site: Path) -> list[hosting.Rule]:
    return hosting.parse_headers((site / "_headers").read_text(encoding="utf-8"))


def _csp(site: Path) -> str:
    return dict(hosting.headers_for(_rules(site), "/"))["Content-Security-Policy"]


def _directives(csp: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in csp.split("; ")}


# --- the generated policy --------------------------------------------------------------------


def url_paths_for(rel_path: str) -> list[str]:
    """The URL paths at which a file of the site is served ('chapters/x/index.html' is also served
    at '/chapters/x/')."""
    paths = ["/" + rel_path]
    pure = PurePosixPath(rel_path)
    if pure.name == "index.html":
        parent = pure.parent.as_posix()
        paths.append("/" if parent == "." else f"/{parent}/")
    return paths


def test_policy_allows_scripts_only_from_the_site_and_by_hash(site):
    directives = _directives(_csp(site))
    scripts = directives["script-src"]
    assert scripts[0] == "'self'"
    assert scripts[1:] and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/]+=*'", s) for s in scripts[1:]), scripts
    assert "'unsafe-inline'" not in _csp(site) and "'unsafe-eval'" not in _csp(site)
    assert directives["default-src"] == ["'none'"]
    assert directives["worker-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["style-src"] == ["'self'"]


def test_policy_hashes_every_inline_script_of_every_page(site):
    allowed = set(_directives(_csp(site))["script-src"])
    for built in pages(site):
        html = built.path.read_text(encoding="utf-8")
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.DOTALL):
            if "src=" in attrs or "application/json" in attrs:
                continue
            assert hosting.sha256_source(body) in allowed, f"{built.rel}: inline script not in the policy"


def test_every_path_gets_the_security_headers(site):
    rules = _rules(site)
    for path in ("/", "/en/chapters/01-introduction/", "/assets/javascripts/bundle.js", "/no-such-page/"):
        headers = {name.lower(): value for name, value in hosting.headers_for(rules, path)}
        for name, value in SECURITY_HEADERS.items():
            assert headers.get(name) == value, (path, name)
        assert "camera=()" in headers["permissions-policy"]


def test_cache_rules_give_every_file_exactly_one_lifetime(site):
    rules = _rules(site)
    problems = []
    fingerprinted = 0
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel in hosting.HOSTING_FILES:
            continue
        expected = hosting.IMMUTABLE if hosting.FINGERPRINTED.search(rel) else hosting.REVALIDATE
        fingerprinted += expected == hosting.IMMUTABLE
        for url in url_paths_for(rel):
            values = [value for rule in rules if rule.matches(url)
                      for name, value in rule.headers if name == "Cache-Control"]
            if values != [expected]:
                problems.append(f"{url}: Cache-Control {values}, expected [{expected!r}]")
    assert not problems, "\n".join(problems[:20])
    assert fingerprinted >= 4  # Material's main and palette CSS, the bundle and the search worker


def test_headers_file_fits_the_hosts_limits(site):
    text = (site / "_headers").read_text(encoding="utf-8")
    assert len(_rules(site)) <= hosting.MAX_RULES
    assert max(len(line) for line in text.splitlines()) <= hosting.MAX_LINE


def test_nginx_conf_carries_the_same_policy_and_the_404_rule(site):
    conf = (site / hosting.NGINX_FILE).read_text(encoding="utf-8")
    assert f'add_header Content-Security-Policy "{_csp(site)}" always;' in conf
    assert "error_page 404 /en/404.html;" in conf


def test_served_pages_carry_the_headers(site, secure_server):
    response = urllib.request.urlopen(secure_server + "/chapters/01-introduction/")
    assert response.headers["Content-Security-Policy"] == _csp(site)
    assert response.headers["X-Frame-Options"] == "DENY"


# --- the nginx configuration, served by nginx --------------------------------------------------

CONTENT_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".json": "application/json",
    ".svg": "image/svg+xml", ".xml": "text/xml", ".pdf": "application/pdf", ".zip": "application/zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _get(url: str):
    try:
        response = urllib.request.urlopen(url)
        return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_nginx_serves_every_file_type_with_its_type_headers_and_lifetime(site, nginx):
    samples: dict[str, Path] = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        samples.setdefault(path.suffix, path)
    csp = _csp(site)
    problems = []
    for suffix, expected_type in CONTENT_TYPES.items():
        assert suffix in samples, f"no {suffix} file in the built site"
        rel = samples[suffix].relative_to(site).as_posix()
        status, headers, body = _get(f"{nginx}/{rel}")
        content_type = headers["Content-Type"] or ""
        if status != 200 or content_type.split(";")[0] != expected_type:
            problems.append(f"/{rel}: {status} {content_type}")
        if expected_type.startswith("text/") or expected_type in ("application/javascript", "application/json"):
            if "charset=utf-8" not in content_type:
                problems.append(f"/{rel}: no charset in {content_type}")
        if headers["Cache-Control"] != hosting.cache_control(rel):
            problems.append(f"/{rel}: Cache-Control {headers['Cache-Control']}")
        if headers["Content-Security-Policy"] != csp or headers["X-Content-Type-Options"] != "nosniff":
            problems.append(f"/{rel}: security headers missing")
    assert not problems, "\n".join(problems)


def test_nginx_caches_fingerprinted_assets_for_a_year_and_pages_not(site, nginx):
    bundle = next(site.glob("assets/javascripts/bundle.*.min.js")).relative_to(site).as_posix()
    assert _get(f"{nginx}/{bundle}")[1]["Cache-Control"] == hosting.IMMUTABLE
    for built in content_pages(site)[:5]:
        status, headers, _ = _get(nginx + built.url)
        assert status == 200 and headers["Cache-Control"] == hosting.REVALIDATE, built.url


@pytest.mark.parametrize("path, lang", [("/no-such-page/", "bg"), ("/chapters/nothing/", "bg"),
                                        ("/en/no-such-page/", "en"), ("/en/chapters/nothing", "en")])
def test_nginx_answers_a_missing_page_with_the_404_of_its_language(nginx, path, lang):
    status, headers, body = _get(nginx + path)
    assert status == 404
    assert f'<html lang="{lang}"'.encode() in body
    assert headers["X-Frame-Options"] == "DENY"


def test_nginx_does_not_serve_the_hosting_files(nginx):
    for name in hosting.HOSTING_FILES:
        status, _, body = _get(f"{nginx}/{name}")
        assert status == 404 and b"add_header" not in body and b"Cache-Control:" not in body


def test_every_page_carries_the_policy_as_meta_before_any_script(site):
    expected = hosting.meta_policy(_csp(site))
    assert "frame-ancestors" not in expected and "script-src 'self' 'sha256-" in expected
    problems = []
    for built in pages(site):
        html = built.path.read_text(encoding="utf-8")
        metas = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        if metas != [expected]:
            problems.append(f"{built.rel}: {len(metas)} policy meta element(s), or a different policy")
        elif html.find('http-equiv="Content-Security-Policy"') > html.find("<script"):
            problems.append(f"{built.rel}: the policy comes after a script")
    assert not problems, "\n".join(problems)
