"""Accessibility in Chromium (WCAG 2.1 AA, as EN 301 549 requires of public-sector sites): axe-core
on every page of both languages and both colour schemes, the keyboard by pressing keys, 200 % zoom.
(Headings, images, link texts and strings in the built HTML: tests/site/test_accessibility_built.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from support.browsing import in_tabs, result, start
from support.sitemodel import pages, type_query
from support import VENDOR

AXE = VENDOR / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = {"light": "default", "dark": "slate"}

AXE_RUN = """async tags => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.flatMap(v => v.nodes.map(n =>
    `${v.id} (${v.impact}): ${n.target.join(" ")} – ${n.failureSummary.replace(/\\s+/g, " ").slice(0, 300)}`));
}"""

# Finish every running CSS transition, so computed styles show the end state (Material fades the
# skip link and the "¶" links in on focus).
SETTLE = "document.getAnimations().forEach(a => { try { a.finish() } catch (e) {} })"


def axe_violations(page) -> list[str]:
    """axe's findings for the page as it is now. The page's browser context needs bypass_csp=True:
    axe is injected as an inline script, which the site's own policy forbids."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, WCAG_TAGS)


def open_all_details(page) -> None:
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")


# --- axe-core: every page, both schemes ------------------------------------------------------

WORKERS = 2  # pages checked at once, each in both schemes: Chromium works on one while another waits


@pytest.fixture(scope="module")
def axe_on_every_page(browser, server, site) -> dict[str, tuple[list[str], int]]:
    """axe over every built page in each colour scheme: {scheme: (violations, pages checked)}.
    Each page is loaded in a browser context of each scheme, its collapsed blocks opened and axe
    run; a few pages, in both schemes, are checked at once (support/browsing.py)."""
    contexts = {scheme: browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800},
                                            bypass_csp=True) for scheme in SCHEMES}
    found = {scheme: ([], []) for scheme in SCHEMES}

    def check(tab, built):
        for page in tab.values():
            page.goto(server + built.url, wait_until="commit")
        yield  # the pages load
        for scheme, page in tab.items():
            page.wait_for_load_state("load")
            shown = page.evaluate("document.body.dataset.mdColorScheme")
            if shown != SCHEMES[scheme]:
                found[scheme][0].append(f"{built.url}: shown in the {shown} scheme")
            open_all_details(page)
            if not page.evaluate("typeof axe !== 'undefined'"):
                page.add_script_tag(path=str(AXE))
            start(page, AXE_RUN, WCAG_TAGS)
        yield  # axe runs
        for scheme, page in tab.items():
            problems, checked = found[scheme]
            problems += [f"{built.url}: {line}" for line in result(page)]
            checked.append(built.url)

    tabs = [{scheme: context.new_page() for scheme, context in contexts.items()} for _ in range(WORKERS)]
    in_tabs(tabs, pages(site), check)
    for context in contexts.values():
        context.close()
    return {scheme: (problems, len(checked)) for scheme, (problems, checked) in found.items()}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_page_has_no_wcag_violations(axe_on_every_page, site, scheme):
    """Every built page (404 pages and worksheets included), trainer notes and other collapsed
    blocks opened so that their content is checked too."""
    problems, checked = axe_on_every_page[scheme]
    assert checked == len(pages(site)) > 50
    assert not problems, f"{len(problems)} violation(s) in the {scheme} scheme:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("path, query", [("/chapters/05-working-with-media/", "медиите"),
                                         ("/en/chapters/05-working-with-media/", "media")])
def test_open_menus_search_results_and_tooltips_have_no_wcag_violations(browser, server, scheme, path, query):
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(server + path, wait_until="load")
    problems = []
    type_query(page, query)
    page.locator(".md-search-result__item").first.wait_for()
    page.evaluate(f"new Promise(requestAnimationFrame).then(() => {{ {SETTLE} }})")
    problems += [f"search results: {line}" for line in axe_violations(page)]
    page.keyboard.press("Escape")
    page.locator("a.md-select__link").first.focus()  # the language list opens on focus
    page.evaluate(SETTLE)
    problems += [f"language list: {line}" for line in axe_violations(page)]
    page.locator("article abbr[tabindex]").first.focus()  # a glossary tooltip
    page.wait_for_selector("span.handbook-term")  # the handbook's pop-up (overrides/assets/javascripts/handbook.js)
    page.evaluate(f"new Promise(requestAnimationFrame).then(() => {{ {SETTLE} }})")
    problems += [f"tooltip: {line}" for line in axe_violations(page)]
    context.close()
    assert not problems, "\n".join(problems)


NARROW = {"width": 640, "height": 360}  # a 1280 × 720 window at 200 % zoom


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("path", ["/", "/chapters/07-events-exhibitions/", "/worksheets/w02-action-plan/",
                                  "/en/glossary/", "/en/worksheets/"])
def test_zoomed_pages_and_the_open_navigation_have_no_wcag_violations(browser, server, scheme, path):
    context = browser.new_context(color_scheme=scheme, viewport=NARROW, device_scale_factor=2, bypass_csp=True)
    page = context.new_page()
    page.goto(server + path, wait_until="load")
    open_all_details(page)
    problems = axe_violations(page)
    page.locator("label.md-header__button[for='__drawer']").click()  # the navigation drawer
    page.evaluate(SETTLE)
    problems += [f"navigation open: {line}" for line in axe_violations(page)]
    context.close()
    assert not problems, "\n".join(problems)


# --- keyboard ----------------------------------------------------------------------------------

ACTIVE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  return {tag: e.tagName.toLowerCase(), cls: typeof e.className === "string" ? e.className : "",
          text: (e.innerText || e.getAttribute("aria-label") || e.value || "").trim().slice(0, 60),
          hreflang: e.getAttribute("hreflang"), href: e.getAttribute("href")};
}"""

FOCUS_RING = """() => {
  const focused = document.activeElement;
  // A visually hidden radio button (the colour-scheme toggle) shows its focus on the visible
  // button (label) of its group.
  let shown = focused;
  const box = focused.getBoundingClientRect();
  if ((box.width < 1 || box.height < 1) && focused.type === "radio" && focused.form) {
    shown = [...focused.form.querySelectorAll("label")].find(label => label.checkVisibility()) || focused;
  }
  // A checklist's check box is invisible above the box Material draws; its item shows the focus
  // (overrides/assets/stylesheets/checklists.css).
  if (focused.type === "checkbox" && focused.closest(".task-list-control")) shown = focused.closest("li");
  const style = getComputedStyle(shown);
  const rect = shown.getBoundingClientRect();
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1;
  const shadow = style.boxShadow !== "none";
  const visible = shown.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && rect.width >= 1 && rect.height >= 1
    && rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth;
  return {outline, shadow, visible, what: shown.outerHTML.slice(0, 140).replace(/\\s+/g, " "),
          ring: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`};
}"""


# One round trip per focus stop: what is focused and, its transitions finished, how it shows focus.
FOCUS_STOP = f"""() => {{
  const info = ({ACTIVE})();
  if (info === null) return null;
  {SETTLE};
  return {{info, ring: ({FOCUS_RING})()}};
}}"""


def tab_to(page, predicate, limit: int = 80) -> dict:
    """Press Tab until the focused element satisfies `predicate`; fail if it never does."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(ACTIVE)
        if info and predicate(info):
            return info
        seen.append(info and f"{info['tag']}.{info['cls']} {info['text'][:20]!r}")
    raise AssertionError(f"not reached by {limit} Tab presses; focus went through: {seen}")


FOCUS_PAGES = ["/", "/chapters/04-effective-campaigns/", "/worksheets/w01-training-needs/", "/worksheets/",
               "/glossary/", "/accessibility/", "/404.html",
               "/en/", "/en/chapters/08-ethics/", "/en/worksheets/w11-informed-consent/", "/en/404.html"]


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_focus_stop_has_a_visible_focus_indicator(browser, server, scheme):
    """Tab through whole pages: every element that takes focus is visible and shows an outline (or
    a shadow); nothing takes focus while hidden."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    problems, stops = [], 0
    for path in FOCUS_PAGES:
        page.goto(server + path, wait_until="load")
        first = None
        for _ in range(600):
            page.keyboard.press("Tab")
            stop = page.evaluate(FOCUS_STOP)
            if stop is None:
                break  # focus left the page after its last element
            info, ring = stop["info"], stop["ring"]
            key = (info["tag"], info["cls"], info["text"], info["href"])
            if key == first:
                break
            first = first or key
            stops += 1
            if not ring["visible"]:
                problems.append(f"{path}: focus on a hidden element: {ring['what']}")
            elif not (ring["outline"] or ring["shadow"]):
                problems.append(f"{path}: no focus indicator ({ring['ring']}): {ring['what']}")
        else:
            problems.append(f"{path}: more than 600 focus stops")
    context.close()
    assert stops > 300
    assert not problems, "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("path", ["/chapters/03-how-people-think/", "/en/worksheets/w04-media-plan/", "/404.html"])
def test_skip_link_appears_on_focus_and_moves_focus_to_the_content(page, server, path):
    page.goto(server + path, wait_until="load")
    page.keyboard.press("Tab")
    info = page.evaluate(ACTIVE)
    assert info and "md-skip" in info["cls"], f"first Tab stop is {info}, not the skip link"
    page.evaluate(SETTLE)
    ring = page.evaluate(FOCUS_RING)
    assert ring["visible"] and (ring["outline"] or ring["shadow"]), ring
    target = info["href"].split("#", 1)[1]
    page.keyboard.press("Enter")
    page.wait_for_function(f"location.hash === '#{target}'")
    page.keyboard.press("Tab")
    inside = page.evaluate("document.querySelector('article').contains(document.activeElement)")
    assert inside, f"after the skip link, Tab went to {page.evaluate(ACTIVE)}"


def test_language_switcher_works_by_keyboard(page, server):
    page.goto(server + "/chapters/06-social-media/", wait_until="load")
    tab_to(page, lambda i: i["hreflang"] == "en")
    page.evaluate(SETTLE)
    assert page.evaluate(FOCUS_RING)["visible"], "the English link is focused but not shown"
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/chapters/06-social-media/")
    assert page.locator("html").get_attribute("lang") == "en"
    tab_to(page, lambda i: i["hreflang"] == "bg")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/chapters/06-social-media/")
    assert page.locator("html").get_attribute("lang") == "bg"


@pytest.mark.parametrize("path, query, status", [("/", "CLARINET", "резултат"), ("/en/", "CLARINET", "matching")])
def test_search_works_by_keyboard(page, server, path, query, status):
    page.goto(server + path, wait_until="load")
    tab_to(page, lambda i: "md-search__input" in i["cls"])
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for()
    # the number of results is a status message, read out without moving the focus
    assert status in page.locator(".md-search-result__meta[role='status']").inner_text()
    page.keyboard.press("ArrowDown")
    info = page.evaluate(ACTIVE)
    assert info and "md-search-result__link" in info["cls"], info
    target = info["href"]
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: url.split("#")[0].endswith(target.split("#")[0].lstrip(".")))
    assert query.lower() in page.locator("article").inner_text().lower()


@pytest.mark.parametrize("key", ["Enter", " "])
def test_trainer_notes_open_and_close_by_keyboard(page, server, key):
    page.goto(server + "/chapters/05-working-with-media/", wait_until="load")
    tab_to(page, lambda i: i["tag"] == "summary" and page.evaluate(
        "document.activeElement.parentElement.classList.contains('trainer')"), limit=200)
    details = page.locator("details.trainer:has(> summary:focus)")
    assert details.evaluate("d => !d.open")
    page.keyboard.press(key)
    assert details.evaluate("d => d.open")
    assert details.locator("p").first.is_visible()
    page.keyboard.press(key)
    assert details.evaluate("d => !d.open")


@pytest.mark.parametrize("path, lang", [("/worksheets/w05-press-release/", "bg"),
                                        ("/en/worksheets/w05-press-release/", "en")])
def test_worksheet_downloads_work_by_keyboard(browser, server, path, lang):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(server + path, wait_until="load")
    got = {}
    for kind, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        tab_to(page, lambda i: "worksheet-download" in i["cls"] and i["href"].endswith(f"-{lang}.{kind}"), limit=120)
        with page.expect_download() as caught:
            page.keyboard.press("Enter")
        download = caught.value
        data = Path(download.path()).read_bytes()
        got[kind] = download.suggested_filename
        assert download.suggested_filename.endswith(f"w05-press-release-{lang}.{kind}")
        assert data.startswith(magic) and len(data) > 1000
    context.close()
    assert set(got) == {"pdf", "docx"}


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_colour_scheme_toggle_works_by_keyboard(browser, server, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(server + "/en/about/", wait_until="load")
    tab_to(page, lambda i: "md-option" in i["cls"])
    other = {"default": "slate", "slate": "default"}
    current = SCHEMES[scheme]
    for _ in range(2):  # Enter switches to the other scheme, and back
        assert page.evaluate("document.body.dataset.mdColorScheme") == current
        page.keyboard.press("Enter")
        current = other[current]
        page.wait_for_function(f"document.body.dataset.mdColorScheme === '{current}'")
        page.evaluate(SETTLE)
        ring = page.evaluate(FOCUS_RING)
        assert ring["visible"] and ring["outline"], ring
    context.close()


# --- zoom: text resized to 200 % ---------------------------------------------------------------

REFLOW = """() => {
  const doc = document.documentElement;
  const problems = [];
  if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
  const article = document.querySelector("article");
  const box = article.getBoundingClientRect();
  if (box.left < 0 || box.right > doc.clientWidth + 1) problems.push(`article outside the window: ${box.left}–${box.right}`);
  if (!article.querySelector("h1").checkVisibility()) problems.push("no visible h1");
  // Text cut off: an element of the article whose content is wider than its box, and that hides
  // the rest instead of scrolling (tables and code scroll in their own boxes, which is allowed).
  for (const el of article.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    // visually hidden on purpose, for screen readers only (1 px, clipped): not text cut off
    const screenReaderOnly = rect.width <= 1 && rect.height <= 1 && style.position === "absolute";
    if (!screenReaderOnly && ["hidden", "clip"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && el.innerText.trim())
      problems.push(`cut off: <${el.tagName.toLowerCase()} class="${el.className}">`);
  }
  const menu = document.querySelector("label.md-header__button[for='__drawer']");
  if (!menu || !menu.checkVisibility()) problems.push("no visible navigation button");
  return problems;
}"""


def test_pages_reflow_at_200_percent_zoom(browser, server, site):
    context = browser.new_context(viewport=NARROW, device_scale_factor=2)
    problems = []

    def check(page, built):
        page.goto(server + built.url, wait_until="commit")
        yield  # it loads
        page.wait_for_load_state("load")
        open_all_details(page)
        start(page, REFLOW)
        yield  # it is measured
        problems.extend(f"{built.url}: {p}" for p in result(page))

    in_tabs([context.new_page() for _ in range(3)], pages(site), check)
    context.close()
    assert not problems, "\n".join(problems[:40])


def test_glossary_definitions_can_be_dismissed_with_escape(page, server):
    """WCAG 1.4.13: content shown on hover or focus can be dismissed without moving pointer or focus."""
    page.goto(server + "/chapters/05-working-with-media/", wait_until="load")
    shown = "[...document.querySelectorAll('span.handbook-term')].some(t => t.checkVisibility({visibilityProperty: true}))"
    term = tab_to(page, lambda i: i["tag"] == "abbr", limit=200)
    page.wait_for_function(shown)
    page.keyboard.press("Escape")
    page.wait_for_function(f"!({shown})")
    assert page.evaluate(ACTIVE)["text"] == term["text"], "Escape moved the focus"
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # back on the term: its definition shows again
    page.wait_for_function(shown)
