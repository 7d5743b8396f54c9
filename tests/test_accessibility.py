"""Accessibility (WCAG 2.1 AA, as EN 301 549 requires of public-sector sites): axe-core in headless
Chromium on every page of both languages and both colour schemes, the keyboard by pressing keys,
200 % zoom, headings, images, link texts, Material's interface strings in Bulgarian, and the
accessibility statement linked from every page."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitemodel import content_pages, file_for, pages, type_query

ROOT = Path(__file__).resolve().parents[1]
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
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

@pytest.mark.browser
@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_every_page_has_no_wcag_violations(browser, server, site, scheme):
    """Every built page (404 pages and worksheets included), trainer notes and other collapsed
    blocks opened so that their content is checked too."""
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    problems, checked = [], 0
    for built in pages(site):
        page.goto(server + built.url, wait_until="load")
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], built.url
        open_all_details(page)
        problems += [f"{built.url}: {line}" for line in axe_violations(page)]
        checked += 1
    context.close()
    assert checked == len(pages(site)) > 50
    assert not problems, f"{len(problems)} violation(s) in the {scheme} scheme:\n" + "\n".join(problems[:40])


def test_axe_is_the_vendored_engine():
    header = AXE.read_text(encoding="utf-8")[:400]
    assert header.startswith("/*! axe v4.") and "Mozilla Public" in header


@pytest.mark.browser
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
    page.wait_for_selector(".md-tooltip2--active")  # Material shows it after a short delay
    page.evaluate(f"new Promise(requestAnimationFrame).then(() => {{ {SETTLE} }})")
    problems += [f"tooltip: {line}" for line in axe_violations(page)]
    context.close()
    assert not problems, "\n".join(problems)


NARROW = {"width": 640, "height": 360}  # a 1280 × 720 window at 200 % zoom


@pytest.mark.browser
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


@pytest.mark.browser
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
            info = page.evaluate(ACTIVE)
            if info is None:
                break  # focus left the page after its last element
            key = (info["tag"], info["cls"], info["text"], info["href"])
            if key == first:
                break
            first = first or key
            page.evaluate(SETTLE)
            ring = page.evaluate(FOCUS_RING)
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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
    if (["hidden", "clip"].includes(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.innerText.trim())
      problems.push(`cut off: <${el.tagName.toLowerCase()} class="${el.className}">`);
  }
  const menu = document.querySelector("label.md-header__button[for='__drawer']");
  if (!menu || !menu.checkVisibility()) problems.push("no visible navigation button");
  return problems;
}"""


@pytest.mark.browser
def test_pages_reflow_at_200_percent_zoom(browser, server, site):
    context = browser.new_context(viewport=NARROW, device_scale_factor=2)
    page = context.new_page()
    problems = []
    for built in pages(site):
        page.goto(server + built.url, wait_until="load")
        open_all_details(page)
        problems += [f"{built.url}: {p}" for p in page.evaluate(REFLOW)]
    context.close()
    assert not problems, "\n".join(problems[:40])


# --- structure of the built HTML ---------------------------------------------------------------

def test_one_h1_per_page_and_no_skipped_heading_levels(site):
    problems = []
    for built in pages(site):
        article = built.soup.select_one("article")
        levels = [int(h.name[1]) for h in article.find_all(re.compile(r"^h[1-6]$"))]
        if levels.count(1) != 1 or levels[0] != 1:
            problems.append(f"{built.url}: headings {levels[:6]}…, expected exactly one h1, first")
        for before, after in zip(levels, levels[1:]):
            if after > before + 1:
                problems.append(f"{built.url}: heading level jumps from h{before} to h{after}")
                break
    assert not problems, "\n".join(problems)


CYRILLIC = re.compile(r"[А-Яа-яЁё]")


def test_every_image_has_a_text_alternative_in_the_page_language(site):
    problems, images = [], 0
    for built in pages(site):
        for img in built.soup.select("img"):
            images += 1
            alt = img.get("alt")
            if alt is None:
                problems.append(f"{built.url}: <img src={img.get('src')}> without alt")
            elif alt.strip() and re.search(r"[^\W\d_]", alt) and bool(CYRILLIC.search(alt)) != (built.language == "bg"):
                problems.append(f"{built.url}: alt “{alt}” is not in the page's language")
        for svg in built.soup.select("article svg"):
            labelled = svg.get("aria-label") or svg.get("aria-hidden") == "true" or svg.find("title")
            inside_named = svg.find_parent(attrs={"aria-label": True}) or svg.find_parent(attrs={"title": True})
            if not (labelled or inside_named):
                problems.append(f"{built.url}: an <svg> in the article without a name")
    assert not problems, "\n".join(problems)


VAGUE_LINKS = {"тук", "натиснете тук", "кликнете тук", "вижте тук", "още", "прочетете още", "повече",
               "връзка", "линк", "click here", "here", "read more", "more", "link", "this link", "this page"}


def test_link_texts_say_where_they_go(site):
    problems = []
    for built in pages(site):
        for a in built.soup.select("a[href]"):
            name = (a.get("aria-label") or a.get_text(" ", strip=True)).strip().lower().rstrip(".:!")
            if name in VAGUE_LINKS:
                problems.append(f"{built.url}: link “{name}” → {a['href']}")
    assert not problems, "\n".join(problems)


def test_task_list_check_boxes_are_named_by_their_item(site):
    checked = 0
    for built in content_pages(site):
        for box in built.soup.select("li.task-list-item input[type=checkbox]"):
            label = built.soup.find(id=box.get("aria-labelledby"))
            assert label is not None and label.get_text(strip=True), f"{built.url}: unnamed check box"
            assert label.find_parent("li") is box.find_parent("li")
            checked += 1
    assert checked > 20


# --- Material's interface in Bulgarian ---------------------------------------------------------

ENGLISH_ONLY = re.compile(r"^[^А-Яа-яЁё]*[A-Za-z]{3,}[^А-Яа-яЁё]*$")
# Strings that are meant to be as they are: the name of the English edition in the language
# switcher (marked lang="en"), and machine values.
ALLOWED_LATIN = {"English"}


def test_bulgarian_pages_show_no_english_interface_strings(site):
    problems = {}
    for built in pages(site):
        if built.language != "bg":
            continue
        soup = built.soup
        article = soup.select_one("article")
        for tag in soup.find_all(True):
            if tag.name in ("meta", "script", "style", "link"):
                continue
            for attr in ("title", "aria-label", "placeholder", "alt"):
                value = tag.get(attr)
                if value and ENGLISH_ONLY.match(value) and value not in ALLOWED_LATIN:
                    problems.setdefault(f'{attr}="{value}"', built.url)
        for text in soup.find_all(string=True):
            if text.parent.name in ("script", "style", "code", "pre", "title", "[document]") or article in text.parents:
                continue
            value = text.strip()
            if value and ENGLISH_ONLY.match(value) and value not in ALLOWED_LATIN:
                if text.parent.get("lang") != "en":
                    problems.setdefault(f"text “{value}”", built.url)
        config = json.loads(soup.select_one("#__config").string)
        for key, value in config["translations"].items():
            if ENGLISH_ONLY.match(value):
                problems.setdefault(f"{key}: {value}", built.url)
    assert not problems, "\n".join(f"{what} (e.g. {url})" for what, url in problems.items())


def test_language_switcher_entries_are_marked_with_their_language(site):
    for built in pages(site):
        for link in built.soup.select("a.md-select__link[hreflang]"):
            assert link.get("lang") == link["hreflang"], f"{built.url}: {link}"


def test_permalink_titles_are_in_the_page_language(site):
    expected = {"bg": "Постоянна връзка към този раздел", "en": "Permanent link to this section"}
    for built in content_pages(site):
        titles = {a.get("title") for a in built.soup.select("a.headerlink")}
        assert titles <= {expected[built.language]}, f"{built.url}: {titles}"


def _material_strings(language: str) -> dict[str, str]:
    """Every key of Material's translations, as the theme renders it for `language` (through
    partials/language.html, so custom translations and fallbacks are applied as in a build)."""
    from mkdocs.theme import Theme
    theme = Theme(name="material", custom_dir=str(ROOT / "overrides"), language=language)
    env = theme.get_env()
    import material
    english = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    keys = re.findall(r'^\s*"([a-z.]+)":', english.read_text(encoding="utf-8"), re.MULTILINE)
    template = env.from_string('{% import "partials/language.html" as lang with context %}'
                               '{% for key in keys %}{{ key }}\t{{ lang.t(key) }}\n{% endfor %}')
    rendered = template.render(config={"theme": {"language": language}}, keys=keys)
    return dict(line.split("\t", 1) for line in rendered.strip().splitlines())


def test_every_material_string_has_a_bulgarian_value_without_typos():
    bulgarian, english = _material_strings("bg-custom"), _material_strings("en")
    machine = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}
    untranslated = [key for key in english if key not in machine and bulgarian[key] == english[key]]
    assert not untranslated, untranslated
    assert bulgarian["consent.manage"] == "Управление на настройките"
    assert not [key for key, value in bulgarian.items() if "настойк" in value]
    assert bulgarian["language"] == "bg"
    assert _material_strings("en-custom")["search.result.initializer"] == "Initialising search"


# --- the accessibility statement -----------------------------------------------------------------

STATEMENT = {"bg": "/accessibility/", "en": "/en/accessibility/"}


def test_statement_is_published_in_both_languages_with_the_model_sections(site):
    anchors = {}
    for lang, url in STATEMENT.items():
        soup = next(p for p in content_pages(site) if p.url == url).soup
        anchors[lang] = [h["id"] for h in soup.select("article h2[id], article h3[id]")]
        text = soup.select_one("article").get_text(" ", strip=True)
        assert re.search(r"\b20\d\d\b", text), "the statement needs its date"
        assert soup.select_one('article a[href$="/issues"]'), "the feedback link to the issue tracker"
        assert {"conformance-status", "non-accessible-content", "preparation", "feedback", "enforcement"} <= set(anchors[lang])
    assert anchors["bg"] == anchors["en"]


def test_every_page_links_to_the_statement_in_its_footer(site):
    problems = []
    for built in pages(site):
        links = built.soup.select("footer a.handbook-footer-links__link")
        if len(links) != 1:
            problems.append(f"{built.url}: {len(links)} statement links in the footer")
            continue
        target, _ = built.resolve(links[0]["href"])
        if target != STATEMENT[built.language] or not file_for(site, target).exists():
            problems.append(f"{built.url}: footer links to {target}")
    assert not problems, "\n".join(problems)


def test_statement_is_in_the_navigation(site):
    for lang, url in STATEMENT.items():
        home = next(p for p in content_pages(site) if p.url == ("/" if lang == "bg" else "/en/"))
        targets = {home.resolve(a["href"])[0] for a in home.soup.select("nav.md-nav--primary a[href]")}
        assert url in targets, f"{lang}: the statement is not in the navigation"


def test_bulgarian_text_on_english_pages_is_marked_as_bulgarian(site):
    problems, marked = [], 0
    for built in content_pages(site):
        if built.language != "en":
            continue
        article = built.soup.select_one("article")
        for text in article.find_all(string=CYRILLIC):
            if text.find_parent(["code", "pre", "script", "style"]):
                continue
            owner = text.find_parent(attrs={"lang": True})
            if owner is None or owner["lang"] != "bg":
                problems.append(f"{built.url}: “{text.strip()[:60]}” is not marked lang=bg")
            else:
                marked += 1
    assert marked > 50
    assert not problems, "\n".join(problems[:30])


@pytest.mark.browser
def test_glossary_definitions_can_be_dismissed_with_escape(page, server):
    """WCAG 1.4.13: content shown on hover or focus can be dismissed without moving pointer or focus."""
    page.goto(server + "/chapters/05-working-with-media/", wait_until="load")
    shown = "[...document.querySelectorAll('.md-tooltip2--active')].some(t => t.checkVisibility({visibilityProperty: true}))"
    term = tab_to(page, lambda i: i["tag"] == "abbr", limit=200)
    page.wait_for_function(shown)
    page.keyboard.press("Escape")
    page.wait_for_function(f"!({shown})")
    assert page.evaluate(ACTIVE)["text"] == term["text"], "Escape moved the focus"
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")  # back on the term: its definition shows again
    page.wait_for_function(shown)


def test_downloadable_documents_carry_title_and_language(site):
    """The statement promises tagged PDFs with title and language, and DOCX files with both."""
    from docx import Document
    from pypdf import PdfReader
    problems, documents = [], 0
    for path in sorted(site.rglob("*.pdf")) + sorted(site.rglob("*.docx")):
        rel = path.relative_to(site).as_posix()
        lang = "en" if rel.startswith("en/") else "bg"
        documents += 1
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            root = reader.trailer["/Root"]
            title = (reader.metadata or {}).get("/Title")
            if str(root.get("/Lang", "")).split("-")[0] != lang or "/StructTreeRoot" not in root or not title:
                problems.append(f"{rel}: Lang={root.get('/Lang')}, tagged={'/StructTreeRoot' in root}, title={title!r}")
        else:
            props = Document(str(path)).core_properties
            if not props.title or (props.language or "").split("-")[0] != lang:
                problems.append(f"{rel}: title={props.title!r}, language={props.language!r}")
    assert documents > 40
    assert not problems, "\n".join(problems)


# --- the repairs, on their own -------------------------------------------------------------------

def test_mark_bulgarian_leaves_tags_attributes_and_code_alone():
    from handbook.render.accessibility import mark_bulgarian
    html = ('<p title="Заглавие">See „Бургас – богатството са хората“ (2021) and '
            '<code>код</code> <a href="/x">Проведе се обучение по проект CLARINET</a></p>')
    assert mark_bulgarian(html) == (
        '<p title="Заглавие">See „<span lang="bg">Бургас – богатството са хората</span>“ (2021) and '
        '<code>код</code> <a href="/x"><span lang="bg">Проведе се обучение по проект</span> CLARINET</a></p>')


def test_task_list_labels_stop_at_a_nested_list():
    from handbook.render.accessibility import label_task_lists
    html = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
            '<span class="task-list-indicator"></span></label> Draft the <em>plan</em>\n<ul><li>sub</li></ul></li>')
    out = label_task_lists(html)
    assert 'aria-labelledby="__task_1"' in out
    assert '<span id="__task_1">Draft the <em>plan</em></span>\n<ul>' in out


def test_a_page_without_a_skip_link_gets_one_to_its_heading():
    from handbook.render.accessibility import repair_page
    html = ('<html lang="en"><body><div data-md-component="skip">\n  </div>'
            '<article class="md-content__inner"><h1 id="not-found">Page not found</h1></article></body></html>')
    assert '<a href="#not-found" class="md-skip">Skip to content</a>' in repair_page(html)
