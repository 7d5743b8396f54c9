"""The handbook on a 390 × 844 phone (Chromium, touch): the home page and every chapter show what
they are for and their text on the first screen, nothing is cut off on any page, wide tables show
that they scroll, the worksheet catalogue keeps its downloads in reach, glossary pop-ups are
readable and get out of the way, and the language switch keeps the reader's place."""

from __future__ import annotations

import re

import pytest

from handbook.languages import url_prefix
from handbook.project import chapter_stems
from support import ROOT
from support.browsing import in_tabs, result, start
from support.sitemodel import pages

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
SCREEN = PHONE["viewport"]["height"]
LANGS = ("bg", "en")
CHAPTERS = chapter_stems(ROOT / "docs")


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


# --- the first screen ------------------------------------------------------------------------

HOME = """() => {
  const box = el => el ? el.getBoundingClientRect() : null;
  const tasks = document.querySelector(".handbook-tasks");
  const links = tasks ? [...tasks.querySelectorAll("a")] : [];
  const search = document.querySelector("[data-handbook-search]");
  const items = [...document.querySelectorAll(".handbook-chapters li")];
  return {
    tasksTop: box(tasks) && box(tasks).top,
    worksheets: links.filter(a => /\\/worksheets\\/$/.test(new URL(a.href).pathname)).map(a => box(a).top),
    search: search && search.checkVisibility() ? box(search).top : null,
    chapters: items.map(li => ({text: li.textContent.trim(), ordered: li.parentElement.tagName === "OL",
                                 top: box(li).top, bottom: box(li).bottom,
                                 line: parseFloat(getComputedStyle(li).lineHeight) || 24})),
    introTop: box(document.querySelector("#what-this-is")).top,
  };
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_opens_on_tasks_search_worksheets_and_the_chapters(phone, server, lang):
    phone.goto(server + "/" + url_prefix(lang), wait_until="load")
    home = phone.evaluate(HOME)
    assert home["tasksTop"] is not None and home["tasksTop"] < SCREEN / 2, home
    assert home["search"] is not None and home["search"] < SCREEN, "no search button on the first screen"
    assert home["worksheets"] and min(home["worksheets"]) < SCREEN, "no way to the worksheets on the first screen"
    chapters = home["chapters"]
    assert len(chapters) == len(CHAPTERS)
    for number, item in enumerate(chapters, start=1):
        assert item["ordered"] or item["text"].startswith(f"{number}."), item  # numbered
        assert item["bottom"] - item["top"] < 1.6 * item["line"], f"“{item['text']}” takes more than one line"
    assert chapters[0]["bottom"] <= SCREEN, "the chapter list does not start on the first screen"
    assert chapters[-1]["bottom"] <= home["introTop"], "the introduction comes before the chapters"


CHAPTER = """() => {
  const article = document.querySelector("article");
  const h1 = article.querySelector("h1");
  let lead = h1.nextElementSibling;
  while (lead && lead.tagName !== "P") lead = lead.nextElementSibling;
  const menu = article.querySelector("details.handbook-print");
  return {
    title: h1.textContent.replace("¶", "").trim(),
    h1: h1.getBoundingClientRect().top,
    lead: lead ? lead.getBoundingClientRect().top : null,
    leadText: lead ? lead.textContent.trim().length : 0,
    menuAfterLead: menu && lead ? !!(lead.compareDocumentPosition(menu) & Node.DOCUMENT_POSITION_FOLLOWING) : null,
    menuOpen: menu ? menu.open : null,
    menuHeight: menu ? menu.getBoundingClientRect().height : null,
  };
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_every_chapter_opens_on_its_number_title_and_text(phone, server, lang):
    problems = []
    for number, stem in enumerate(CHAPTERS, start=1):
        phone.goto(f"{server}/{url_prefix(lang)}chapters/{stem}/", wait_until="load")
        seen = phone.evaluate(CHAPTER)
        where = f"{lang} {stem}"
        if not seen["title"].startswith(f"{number}. "):
            problems.append(f"{where}: the title does not carry its number: {seen['title']}")
        if seen["h1"] > SCREEN / 4:
            problems.append(f"{where}: the title starts {seen['h1']:.0f} px down")
        if seen["lead"] is None or seen["lead"] > SCREEN * 0.6 or seen["leadText"] < 80:
            problems.append(f"{where}: the text does not start on the first screen ({seen})")
        if seen["menuAfterLead"] is not True or seen["menuOpen"] or seen["menuHeight"] > 60:
            problems.append(f"{where}: the print and download menu is not one closed control after the lead ({seen})")
    assert not problems, "\n".join(problems)


# --- nothing cut off ---------------------------------------------------------------------------

CUT_OFF = """() => {
  const doc = document.documentElement;
  const problems = [];
  if (doc.scrollWidth > doc.clientWidth + 1) problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
  const article = document.querySelector("article");
  for (const el of article.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const screenReaderOnly = rect.width <= 1 && rect.height <= 1 && style.position === "absolute";
    if (!screenReaderOnly && ["hidden", "clip"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1
        && el.innerText.trim())
      problems.push(`cut off: <${el.tagName.toLowerCase()} class="${el.className}">`);
  }
  // A table wider than the screen scrolls in its own box, which says so: a named region that
  // Tab reaches, marked as scrolling (the shadow at its edge).
  for (const table of article.querySelectorAll("table")) {
    if (!table.checkVisibility()) continue;
    const wrap = table.closest(".md-typeset__scrollwrap");
    const box = wrap || table;
    if (table.getBoundingClientRect().width <= box.clientWidth + 1 && box.getBoundingClientRect().right <= doc.clientWidth + 1) continue;
    if (!wrap) { problems.push("a wide table outside a scrolling box"); continue; }
    if (!wrap.classList.contains("handbook-scrolls") || wrap.getAttribute("role") !== "region"
        || wrap.getAttribute("tabindex") !== "0" || !wrap.getAttribute("aria-label"))
      problems.push(`a wide table that does not show that it scrolls (${wrap.className})`);
  }
  return problems;
}"""


def test_nothing_is_cut_off_on_any_page(browser, server, site):
    context = browser.new_context(**PHONE)
    problems = []

    def check(page, built):
        page.goto(server + built.url, wait_until="commit")
        yield  # it loads
        page.wait_for_load_state("load")
        page.evaluate("document.querySelectorAll('article details').forEach(d => d.open = true)")
        start(page, CUT_OFF)
        yield  # it is measured
        problems.extend(f"{built.url}: {p}" for p in result(page))

    checked = pages(site)
    assert len(checked) > 60
    in_tabs([context.new_page() for _ in range(3)], checked, check)
    context.close()
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("lang", LANGS)
def test_the_worksheet_catalogue_keeps_every_download_in_reach(phone, server, lang):
    phone.goto(f"{server}/{url_prefix(lang)}worksheets/", wait_until="load")
    links = phone.evaluate("""() => [...document.querySelectorAll('article table a[href$=".pdf"], article table a[href$=".docx"]')]
        .map(a => { const r = a.getBoundingClientRect();
                    return {href: a.getAttribute("href"), left: r.left, right: r.right, visible: a.checkVisibility()}; })""")
    assert len(links) >= 2 * 14, "a PDF and a DOCX link per worksheet"
    width = PHONE["viewport"]["width"]
    hidden = [link["href"] for link in links if not link["visible"] or link["left"] < 0 or link["right"] > width]
    assert not hidden, f"out of reach at {width} px: {hidden}"


# --- glossary pop-ups -------------------------------------------------------------------------

POPUP = """() => {
  const popup = document.querySelector("span.handbook-term");
  if (!popup || !popup.checkVisibility()) return null;
  const term = document.querySelector("abbr[aria-expanded='true']");
  const style = getComputedStyle(popup.querySelector(".handbook-term__text"));
  const box = popup.getBoundingClientRect();
  const lines = [...term.getClientRects()];
  const link = popup.querySelector("a");
  return {size: parseFloat(style.fontSize), weight: parseInt(style.fontWeight, 10),
          left: box.left, right: box.right, top: box.top, bottom: box.bottom,
          covers: lines.some(r => box.top < r.bottom - 1 && box.bottom > r.top + 1 && box.left < r.right && box.right > r.left),
          link: link ? link.href : null, id: term.getAttribute("data-glossary-term")};
}"""


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_pop_ups_are_readable_leave_the_line_free_and_lead_to_the_entry(phone, server, lang):
    phone.goto(f"{server}/{url_prefix(lang)}chapters/05-working-with-media/", wait_until="load")
    term = phone.locator("article abbr[data-definition]").first
    term.scroll_into_view_if_needed()
    phone.evaluate("window.scrollBy(0, -200)")  # the term in the middle of the screen, not under the header
    term.tap()
    phone.wait_for_function(f"() => ({POPUP})() !== null")
    popup = phone.evaluate(POPUP)
    assert popup["size"] >= 14 and popup["weight"] < 600, popup  # readable, not small bold type
    assert popup["left"] >= 0 and popup["right"] <= PHONE["viewport"]["width"], popup
    assert 0 <= popup["top"] and popup["bottom"] <= SCREEN, popup
    assert not popup["covers"], "the pop-up covers the term's own line"
    assert popup["link"] and popup["link"].endswith("#" + popup["id"]), popup
    assert popup["link"].startswith(f"{server}/{url_prefix(lang)}glossary/"), popup
    phone.goto(popup["link"], wait_until="load")
    assert phone.evaluate(f"!!document.getElementById({popup['id']!r})"), "the link leads to no glossary entry"

    # Esc, a scroll and a tap elsewhere close it
    phone.go_back(wait_until="load")
    term = phone.locator("article abbr[data-definition]").first
    term.scroll_into_view_if_needed()
    phone.evaluate("window.scrollBy(0, -200)")
    for close in ("Escape", "scroll", "tap"):
        term.tap()
        phone.wait_for_function(f"() => ({POPUP})() !== null")
        phone.wait_for_timeout(400)  # a scroll right after opening is the tap's own: it is ignored
        if close == "Escape":
            phone.keyboard.press("Escape")
        elif close == "scroll":
            phone.mouse.wheel(0, 300)
        else:
            phone.locator("article h1").tap()
        phone.wait_for_function(f"() => ({POPUP})() === null", timeout=5000)
        phone.evaluate("window.scrollTo(0, 0)")
        term.scroll_into_view_if_needed()
        phone.evaluate("window.scrollBy(0, -200)")


# --- the language switch ----------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_language_switch_keeps_the_place_on_a_phone(phone, server, lang):
    other = "en" if lang == "bg" else "bg"
    phone.goto(f"{server}/{url_prefix(lang)}chapters/05-working-with-media/", wait_until="load")
    phone.evaluate("document.getElementById('local-outlets').scrollIntoView({block: 'start'})")
    phone.evaluate("window.scrollBy(0, 60)")  # reading the section, its heading gone under the header
    phone.locator(".md-header .md-select").first.tap()
    link = phone.locator(f"a.md-select__link[hreflang='{other}']")
    link.tap()
    phone.wait_for_url(re.compile(rf"/{url_prefix(other)}chapters/05-working-with-media/#local-outlets$"))
    assert phone.locator("html").get_attribute("lang") == other
    phone.wait_for_function("() => { const r = document.getElementById('local-outlets').getBoundingClientRect();"
                            " return r.top >= 0 && r.top < innerHeight; }")
