"""Search as a reader on a phone uses it (Chromium): question words do not steer the results, a
word misspelt by one letter still finds its page (with "Did you mean …?"), and what is shown
under a result is the page's own text and the words the reader typed – never the index's stems.
Online under the site's Content-Security-Policy, and from the offline copy (file://)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from handbook.site import searchindex

TOP = 5
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def search(page, query: str, open_search: bool = True) -> dict:
    """Type `query` into Material's search (opened from the header on a phone) and return what
    the result list shows: meta line, result pages, snippets, "missing" words, suggestion."""
    if open_search:
        page.locator("label[for=__search]").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.dispatch_event("keyup")  # Material listens to keyup; Playwright's Cyrillic input may not send it
    page.locator(".md-search-result__item").first.wait_for(timeout=30000)
    page.wait_for_timeout(200)  # the suggestion is added right after Material's rendering
    return page.evaluate("""() => ({
        meta: document.querySelector('.md-search-result__meta').textContent,
        fix: [...document.querySelectorAll('.handbook-search-fix__query')].map(b => b.textContent),
        hrefs: [...document.querySelectorAll('.md-search-result__item')].map(i => i.querySelector('a').href),
        texts: [...document.querySelectorAll('.md-search-result__item')].map(i => {
            const a = i.querySelector('.md-search-result__article').cloneNode(true);
            a.querySelectorAll('h1, h2, nav, .md-search-result__icon, .md-search-result__terms').forEach(n => n.remove());
            return a.textContent.trim();
        }),
        missing: [...document.querySelectorAll('.md-search-result__terms del')].map(d => d.textContent),
    })""")


def pages(result: dict, prefix: str) -> list[str]:
    return [urlsplit(href).path[len(prefix):] for href in result["hrefs"]]


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.errors = errors
    yield page
    context.close()


@pytest.mark.parametrize("prefix, query, expected, not_first", [
    ("/", "как да напиша прессъобщение",
     ["worksheets/w05-press-release/", "chapters/05-working-with-media/"], "chapters/03-how-people-think/"),
    ("/en/", "how to write a press release",
     ["worksheets/w05-press-release/", "chapters/05-working-with-media/"], "chapters/03-how-people-think/"),
])
def test_question_words_do_not_steer_the_results(phone, server, prefix, query, expected, not_first):
    phone.goto(server + prefix, wait_until="networkidle")
    found = pages(search(phone, query), prefix)
    for page in expected:
        assert page in found[:TOP], found
    assert not_first not in found[:3], f"a page found only by a question word ranks high: {found}"
    assert {"как", "да", "how", "to", "a"} & set(searchindex.stop_words()) == {"как", "да", "how", "to", "a"}


@pytest.mark.parametrize("prefix, query, expected, suggestion", [
    ("/", "пресъобщение", "worksheets/w05-press-release/", "прессъобщение"),
    ("/", "жрналисти", "chapters/05-working-with-media/", "журналисти"),
    ("/en/", "jurnalists", "chapters/05-working-with-media/", "journalists"),
])
def test_a_word_one_letter_off_still_finds_its_page(phone, server, prefix, query, expected, suggestion):
    phone.goto(server + prefix, wait_until="networkidle")
    result = search(phone, query)
    assert expected in pages(result, prefix)[:TOP], result["hrefs"]
    assert result["fix"] == [suggestion], result["meta"]
    assert not result["missing"], "a corrected word is not 'missing'"
    # the suggestion puts the word into the search field, and the exact search finds the same page
    phone.locator(".handbook-search-fix__query").click()
    assert phone.locator("input.md-search__input").input_value() == suggestion
    phone.wait_for_function("() => !document.querySelector('.handbook-search-fix__query')", timeout=20000)
    assert expected in pages(search(phone, suggestion, open_search=False), prefix)[:TOP]
    assert not phone.errors, phone.errors


def test_a_word_that_is_nowhere_gets_no_suggestion(phone, server):
    phone.goto(server + "/", wait_until="networkidle")
    phone.locator("label[for=__search]").first.click()
    box = phone.locator("input.md-search__input")
    box.fill("фотосинтезата")
    box.dispatch_event("keyup")
    phone.wait_for_function("() => /Няма/.test(document.querySelector('.md-search-result__meta').textContent)",
                            timeout=30000)
    assert not phone.locator(".handbook-search-fix__query").count()


def _page_words(site, href: str) -> set[str]:
    folder = site / urlsplit(href).path.lstrip("/")
    html = (folder / "index.html").read_text(encoding="utf-8")
    html = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html, flags=re.S)
    return set(searchindex.tokens(searchindex.plain(html), searchindex.SEPARATOR))


@pytest.mark.parametrize("prefix, query, highlighted", [
    ("/", "как да напиша прессъобщение", True),
    ("/", "снимките на децата", False),
    ("/en/", "illegal migrants", False),
])
def test_results_show_real_text_and_typed_words_never_stems(phone, server, site, prefix, query, highlighted):
    phone.goto(server + prefix, wait_until="networkidle")
    result = search(phone, query)
    typed = set(query.lower().split())
    assert set(result["missing"]) <= typed, f"'missing' shows words the reader did not type: {result['missing']}"
    assert any(result["texts"]), "no snippet under any result"
    for href, text in zip(result["hrefs"], result["texts"]):
        words = set(searchindex.tokens(text.replace("…", " "), searchindex.SEPARATOR))
        unknown = words - _page_words(site, href)
        assert not unknown, f"{href}: the snippet has words that are not on the page: {unknown}"
    # the words that matched are highlighted inside the snippet, whole (no trailing punctuation)
    marks = phone.eval_on_selector_all(".md-search-result__article > p mark", "ms => ms.map(m => m.textContent)")
    assert marks or not highlighted, "no matched word is highlighted in a snippet"
    assert all(re.fullmatch(r"\w+", mark) for mark in marks), marks


def test_correction_works_under_the_content_security_policy(browser, secure_server):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    violations = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text or message.type == "error" else None)
    try:
        page.goto(secure_server + "/", wait_until="networkidle")
        result = search(page, "пресъобщение")
        assert result["fix"] == ["прессъобщение"]
        assert not violations, violations
    finally:
        context.close()


@pytest.mark.parametrize("lang, query, suggestion", [("bg", "пресъобщение", "прессъобщение"),
                                                     ("en", "jurnalists", "journalists")])
def test_correction_works_in_the_offline_copy(browser, unzipped, lang, query, suggestion):
    root = unzipped[lang]
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(((root if lang == "bg" else root / "en") / "index.html").as_uri())
        page.wait_for_load_state("load")
        box = page.locator("input.md-search__input")
        box.click()
        result = search(page, query, open_search=False)
        assert result["fix"] == [suggestion]
        assert all(href.startswith("file://") for href in result["hrefs"])
    finally:
        context.close()


def test_the_build_stems_english_words_as_the_worker_does(site, page):
    """searchindex.english_stem (the build) and lunr.stemmer (Material's worker) agree on every
    Latin word of the handbook, so that the words written into the index are found."""
    words = set()
    for html_file in sorted(site.rglob("*.html")):
        if "assets" not in html_file.relative_to(site).parts:
            text = re.sub(r"<script.*?</script>|<style.*?</style>", " ", html_file.read_text(encoding="utf-8"), flags=re.S)
            words.update(word for word in searchindex.tokens(searchindex.plain(text), searchindex.SEPARATOR)
                         if re.search("[a-z]", word))
    assert len(words) > 2000
    (worker,) = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    page.goto("about:blank")
    page.add_script_tag(path=str(worker))  # sets window.lunr, as it does self.lunr in the worker
    words = sorted(words)
    stems = page.evaluate("words => words.map(w => lunr.stemmer(new lunr.Token(w)).toString())", words)
    differ = [(word, js, searchindex.english_stem(word)) for word, js in zip(words, stems)
              if js != searchindex.english_stem(word)]
    assert not differ, differ[:20]
