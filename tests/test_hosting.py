"""Hosting files generated with the build (_headers, nginx-handbook.conf): the policy they carry,
that the whole site runs under it in Chromium without a single CSP violation, caching and content
types, and the nginx configuration served by a real nginx."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from handbook.site import hosting
from devtools.server import SiteServer
from nginxserver import NGINX, NginxServer
from sitemodel import content_pages, pages, type_query

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
        for url in hosting.url_paths_for(rel):
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


# --- inline code that no policy without 'unsafe-inline' allows ---------------------------------

def _mini_site(tmp_path: Path, body: str) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "main.0123abcd.min.css").write_text("p{}", encoding="utf-8")
    return tmp_path


def test_inline_scripts_are_hashed_and_data_blocks_ignored(tmp_path):
    site = _mini_site(tmp_path, '<script>var a=1</script><script type="application/json">{"x": 1}</script>'
                                '<script src="/x.js"></script>')
    report = hosting.write(site)
    assert report.scripts == 1
    csp = dict(hosting.headers_for(_rules(site), "/page/"))["Content-Security-Policy"]
    # the hash of "var a=1" (computed independently: printf 'var a=1' | openssl dgst -sha256 -binary | base64)
    assert "'sha256-WazVQOu5lmXfSreSrMJd1CsaQ4c00fUQpJfBYCuMSIw='" in csp
    immutable = dict(hosting.headers_for(_rules(site), "/assets/main.0123abcd.min.css"))
    assert immutable["Cache-Control"] == hosting.IMMUTABLE


@pytest.mark.parametrize("body, words", [
    ('<button onclick="go()">Go</button>', "inline event handler “onclick=…”"),
    ('<a href="javascript:go()">Go</a>', "“javascript:” URL"),
    ('<p style="color:red">Red</p>', "<p style=“…”>"),
])
def test_inline_code_that_the_policy_would_block_fails_with_the_file_named(tmp_path, body, words):
    site = _mini_site(tmp_path, body)
    with pytest.raises(hosting.HostingError) as caught:
        hosting.write(site)
    assert any("site/page/index.html" in p and words in p for p in caught.value.problems), caught.value.problems
    assert not (site / "_headers").exists()


def test_headers_file_parsing_and_joining():
    rules = hosting.parse_headers("# comment\n/*\n  A: 1\n/en/*\n  A: 2\n  B: x\n/:page/index.html\n  C: y\n")
    assert hosting.headers_for(rules, "/en/x/") == [("A", "1, 2"), ("B", "x")]
    assert hosting.headers_for(rules, "/") == [("A", "1")]
    assert ("C", "y") in hosting.headers_for(rules, "/about/index.html")
    assert ("C", "y") not in hosting.headers_for(rules, "/a/b/index.html")
    with pytest.raises(ValueError, match="line 2"):
        hosting.parse_headers("/*\n  no colon here\n")


# --- the site under its policy, in Chromium ----------------------------------------------------

VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => window.__cspViolations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`));
"""


@pytest.fixture(scope="module")
def secure_server(site):
    with SiteServer(site, headers=site / "_headers") as url:
        yield url


def _watch(context, page):
    """Collect CSP violations (events and console reports), page errors and failed loads."""
    found: list[str] = []
    context.add_init_script(VIOLATIONS)
    page.on("console", lambda msg: msg.type in ("error", "warning") and found.append(f"console {msg.type}: {msg.text}"))
    page.on("pageerror", lambda error: found.append(f"page error: {error}"))
    # (a load that the next navigation cuts short is not a failure of the site)
    page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
            and found.append(f"failed: {request.url} ({request.failure})"))
    return found


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


@pytest.mark.browser
def test_served_pages_carry_the_headers(site, secure_server):
    response = urllib.request.urlopen(secure_server + "/chapters/01-introduction/")
    assert response.headers["Content-Security-Policy"] == _csp(site)
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.browser
def test_every_page_runs_without_a_csp_violation(browser, site, secure_server):
    context = browser.new_context()
    page = context.new_page()
    found = _watch(context, page)
    for built in pages(site):
        response = page.goto(secure_server + built.url, wait_until="load")
        assert response.headers.get("content-security-policy"), built.url
        found += [f"{built.url}: {v}" for v in _violations(page)]
    context.close()
    assert not found, "\n".join(found[:30])


@pytest.mark.browser
@pytest.mark.parametrize("path, query, other", [
    ("/chapters/05-working-with-media/", "медиите", "en"),
    ("/en/chapters/05-working-with-media/", "media", "bg"),
])
def test_search_language_switch_scheme_and_tooltips_run_under_the_policy(browser, secure_server, path, query, other):
    context = browser.new_context()
    page = context.new_page()
    found = _watch(context, page)
    page.goto(secure_server + path, wait_until="networkidle")
    type_query(page, query)
    page.locator(".md-search-result__item").first.wait_for()  # the search worker ran, under the policy
    found += _violations(page)
    page.keyboard.press("Escape")
    page.locator("article abbr[tabindex]").first.focus()  # a glossary tooltip
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    found += _violations(page)
    page.locator(".md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang='{other}']").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == other
    found += _violations(page)
    context.close()
    assert not found, "\n".join(found)


@pytest.mark.browser
def test_the_violation_check_sees_a_missing_hash(browser, site, tmp_path):
    """Control: with one inline script's hash removed, Chromium reports a violation and the checks
    above see it (so their silence means something)."""
    text = (site / "_headers").read_text(encoding="utf-8")
    first_hash = re.search(r"'sha256-[^']+'", text).group(0)
    broken = tmp_path / "_headers"
    broken.write_text(text.replace(" " + first_hash, ""), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    found = _watch(context, page)
    with SiteServer(site, headers=broken) as url:
        for built in pages(site):
            page.goto(url + built.url, wait_until="load")
            found += _violations(page)
            if found:
                break
    context.close()
    assert any("script-src" in line for line in found), found


# --- the nginx configuration, served by nginx --------------------------------------------------

CONTENT_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "application/javascript", ".json": "application/json",
    ".svg": "image/svg+xml", ".xml": "text/xml", ".pdf": "application/pdf", ".zip": "application/zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@pytest.fixture(scope="module")
def nginx(site):
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: run `make test` (installs it) or `sudo apt-get install -y nginx`")
    with NginxServer(site) as url:
        yield url


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


NGINX_SAMPLE = ["/", "/chapters/05-working-with-media/", "/worksheets/w01-training-needs/", "/glossary/",
                "/en/", "/en/chapters/05-working-with-media/", "/en/worksheets/", "/en/no-such-page/"]


@pytest.mark.browser
def test_site_served_by_nginx_runs_without_a_csp_violation(browser, nginx):
    context = browser.new_context()
    page = context.new_page()
    found = _watch(context, page)
    for path in NGINX_SAMPLE:
        page.goto(nginx + path, wait_until="networkidle")
        found += [f"{path}: {v}" for v in _violations(page)]
    found = [line for line in found if "404 (Not Found)" not in line]  # the 404 page's own status
    page.goto(nginx + "/", wait_until="networkidle")
    type_query(page, "CLARINET")
    page.locator(".md-search-result__item").first.wait_for()
    found += _violations(page)
    context.close()
    assert not found, "\n".join(found)


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


@pytest.mark.browser
def test_pages_keep_their_policy_without_the_headers(browser, site, server):
    """On a host that sends no headers (GitHub Pages) the <meta> policy still applies: a script
    injected inline is blocked, and the page's own scripts run (search works)."""
    context = browser.new_context()
    page = context.new_page()
    found = _watch(context, page)
    page.goto(server + "/en/", wait_until="networkidle")
    assert not page.request.get(server + "/en/").headers.get("content-security-policy")
    blocked = page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = true";
        document.head.appendChild(script);
        return !window.__injected;
    }""")
    type_query(page, "media")
    page.locator(".md-search-result__item").first.wait_for()
    violations = _violations(page)
    context.close()
    assert blocked
    assert len(violations) == 1 and violations[0].startswith("script-src"), violations
    assert not [line for line in found if "__injected" not in line and "Content Security Policy" not in line], found
