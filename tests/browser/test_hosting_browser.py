"""The site in Chromium under the policy of its generated hosting files: not a single CSP violation
when served with `_headers`, by nginx, or with the policy only as a <meta> element."""

from __future__ import annotations

import re

import pytest

from devtools.server import SiteServer
from support.browsing import in_tabs
from support.sitemodel import pages, type_query


# --- the site under its policy, in Chromium ----------------------------------------------------

VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", event => window.__cspViolations.push(
  `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`));
"""


def _watch(context, *pages):
    """Collect CSP violations (events and console reports), page errors and failed loads."""
    found: list[str] = []
    context.add_init_script(VIOLATIONS)
    for page in pages:
        page.on("console", lambda msg: msg.type in ("error", "warning") and found.append(f"console {msg.type}: {msg.text}"))
        page.on("pageerror", lambda error: found.append(f"page error: {error}"))
        # (a load that the next navigation cuts short is not a failure of the site)
        page.on("requestfailed", lambda request: request.failure != "net::ERR_ABORTED"
                and found.append(f"failed: {request.url} ({request.failure})"))
    return found


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def test_every_page_runs_without_a_csp_violation(browser, site, secure_server):
    """Every page, loaded in one of a few tabs at once (support/browsing.py)."""
    context = browser.new_context()
    tabs = [context.new_page() for _ in range(3)]
    found = _watch(context, *tabs)

    def check(page, built):
        response = page.goto(secure_server + built.url, wait_until="commit")
        assert response.headers.get("content-security-policy"), built.url
        yield  # it loads, its scripts run
        page.wait_for_load_state("load")
        found.extend(f"{built.url}: {v}" for v in _violations(page))

    in_tabs(tabs, pages(site), check)
    context.close()
    assert not found, "\n".join(found[:30])


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


NGINX_SAMPLE = ["/", "/chapters/05-working-with-media/", "/worksheets/w01-training-needs/", "/glossary/",
                "/en/", "/en/chapters/05-working-with-media/", "/en/worksheets/", "/en/no-such-page/"]


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
