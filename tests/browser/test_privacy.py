"""Privacy in Chromium: on every page of both languages, with search used, the colour scheme changed
and the language switched, the site contacts no host but itself, sets no cookie, and keeps in
the browser's storage nothing but the reader's own settings."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from support.browsing import in_tabs
from support.sitemodel import pages, type_query

# Material's storage keys are "<scope path>.<name>". The only one allowed: the colour scheme the
# reader has (or their device has) chosen. Material's other keys (__consent, __outdated, __source,
# __tabs, __announce) belong to features this site does not use and must not appear.
ALLOWED_STORAGE = re.compile(r"^/(?:[^/]+/)*\.__palette$")

STORAGE = "() => ({local: Object.keys(localStorage), session: Object.keys(sessionStorage)})"


class Recorder:
    """Every request, response header and storage key seen in one browser context."""

    def __init__(self, context, server: str):
        self.context, self.host = context, urlsplit(server).netloc
        self.requests: list[str] = []
        self.set_cookie: list[str] = []
        self.storage: set[str] = set()
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("response", self._response)

    def _response(self, response) -> None:
        if "set-cookie" in response.headers:
            self.set_cookie.append(response.url)

    def take_storage(self, page) -> None:
        keys = page.evaluate(STORAGE)
        self.storage |= {f"localStorage {k}" for k in keys["local"]} | {f"sessionStorage {k}" for k in keys["session"]}

    def problems(self) -> list[str]:
        found = [f"request to another host: {url}" for url in self.requests
                 if urlsplit(url).netloc != self.host and not url.startswith(("data:", "blob:"))]
        found += [f"Set-Cookie from {url}" for url in self.set_cookie]
        found += [f"cookie {c['name']} for {c['domain']}" for c in self.context.cookies()]
        found += [f"{key}: not a reader setting" for key in sorted(self.storage)
                  if not ALLOWED_STORAGE.match(key.split(" ", 1)[1])]
        return found


TABS = 4  # pages loaded at once: each waits for half a second without traffic (network idle)


def test_no_page_contacts_another_host_sets_a_cookie_or_stores_more_than_settings(browser, server, site):
    """Every page until the network is idle (no request for half a second), in tabs of one
    context whose every request, cookie and stored key is recorded (support/browsing.py)."""
    context = browser.new_context()
    recorder = Recorder(context, server)

    def visit(page, built):
        page.goto(server + built.url, wait_until="commit")
        yield  # it loads, its scripts run
        page.wait_for_load_state("networkidle")
        recorder.take_storage(page)

    in_tabs([context.new_page() for _ in range(TABS)], pages(site), visit)
    assert len(recorder.requests) > len(pages(site))
    problems = recorder.problems()
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("start, query, other", [("/chapters/02-migration-in-facts/", "бежанец", "en"),
                                                 ("/en/glossary/", "refugee", "bg")])
def test_search_scheme_and_language_switch_stay_private(browser, server, start, query, other):
    context = browser.new_context()
    page = context.new_page()
    recorder = Recorder(context, server)
    page.goto(server + start, wait_until="networkidle")
    type_query(page, query)
    page.locator(".md-search-result__item").first.wait_for()
    recorder.take_storage(page)
    page.keyboard.press("Escape")
    page.locator("label.md-header__button[for^='__palette']:visible").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    recorder.take_storage(page)
    page.locator(".md-select").first.hover()
    page.locator(f"a.md-select__link[hreflang='{other}']").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == other
    # the chosen scheme is the one setting kept, and it follows the reader to the other language
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    recorder.take_storage(page)
    problems = recorder.problems()
    stored = {key.split(" ", 1)[1] for key in recorder.storage}
    context.close()
    assert not problems, "\n".join(problems)
    assert stored == {"/.__palette"}, stored
