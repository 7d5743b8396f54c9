"""Search quality in the real browser: each query must find its page among the first five
results, in the built site's search (Material's worker, our index and our Bulgarian stemmer).
At least 90 % of each language's queries must pass; the share is printed (pytest -s or -rA)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

TOP = 5
REQUIRED_SHARE = 0.9

CH = "chapters/"
# (query, page that must be in the top five). Inflected forms on purpose: definite article,
# plural, plural with article; glossary terms; verb forms.
QUERIES = {
    "bg": [
        ("кампания", CH + "04-effective-campaigns/"),
        ("кампанията", CH + "04-effective-campaigns/"),
        ("кампании", CH + "04-effective-campaigns/"),
        ("кампаниите", CH + "04-effective-campaigns/"),
        ("медия", CH + "05-working-with-media/"),
        ("медиите", CH + "05-working-with-media/"),
        ("бежанец", CH + "02-migration-in-facts/"),
        ("бежанци", CH + "02-migration-in-facts/"),
        ("бежанците", "glossary/"),
        ("прессъобщения", CH + "05-working-with-media/"),
        ("прессъобщението", "worksheets/w05-press-release/"),
        ("интервютата", "worksheets/w06-interview-preparation/"),
        ("пресконференциите", CH + "05-working-with-media/"),
        ("новинарски повод", CH + "05-working-with-media/"),
        ("мостовете", CH + "05-working-with-media/"),
        ("журналистите", CH + "05-working-with-media/"),
        ("модериране на коментарите", CH + "06-social-media/"),
        ("модерирайте", CH + "06-social-media/"),
        ("публикувате", CH + "06-social-media/"),
        ("дезинформацията", CH + "06-social-media/"),
        ("изложбите", CH + "07-events-exhibitions/"),
        ("арт инсталациите", CH + "07-events-exhibitions/"),
        ("снимките", CH + "07-events-exhibitions/"),
        ("езика на омразата", CH + "08-ethics/"),
        ("информирано съгласие", CH + "08-ethics/"),
        ("стереотипите", CH + "08-ethics/"),
        ("децата", CH + "08-ethics/"),
        ("планираме", CH + "09-action-plan/"),
        ("бюджета", CH + "09-action-plan/"),
        ("показателите", CH + "10-evaluation/"),
        ("оценяваме", CH + "10-evaluation/"),
        ("рамкирането", CH + "03-how-people-think/"),
        ("митовете", CH + "03-how-people-think/"),
        ("слуховете", CH + "03-how-people-think/"),
        ("нагласите", CH + "03-how-people-think/"),
        ("сандвич на истината", CH + "03-how-people-think/"),
        ("говорим с мнозинството", CH + "03-how-people-think/"),
        ("мигрант в нередовно положение", "glossary/"),
        ("търсещи закрила", "glossary/"),
        ("убежището", "glossary/"),
        ("интеграцията", "glossary/"),
        ("ксенофобията", "glossary/"),
        ("хуманитарен статут", CH + "02-migration-in-facts/"),
        ("обучителите", "trainers-guide/"),
    ],
    "en": [
        ("campaign", CH + "04-effective-campaigns/"),
        ("campaigns", CH + "04-effective-campaigns/"),
        ("SMART objectives", CH + "04-effective-campaigns/"),
        ("media", CH + "05-working-with-media/"),
        ("press release", "worksheets/w05-press-release/"),
        ("press releases", CH + "05-working-with-media/"),
        ("interviews", CH + "05-working-with-media/"),
        ("journalists", CH + "05-working-with-media/"),
        ("news hooks", CH + "05-working-with-media/"),
        ("refugee", CH + "02-migration-in-facts/"),
        ("refugees", "glossary/"),
        ("asylum seekers", "glossary/"),
        ("irregular migrant", "glossary/"),
        ("integration", "glossary/"),
        ("xenophobia", "glossary/"),
        ("framing", CH + "03-how-people-think/"),
        ("myths", CH + "03-how-people-think/"),
        ("rumours", CH + "03-how-people-think/"),
        ("values", CH + "03-how-people-think/"),
        ("truth sandwich", CH + "03-how-people-think/"),
        ("movable middle", CH + "03-how-people-think/"),
        ("moderating comments", CH + "06-social-media/"),
        ("disinformation", CH + "06-social-media/"),
        ("publishing", CH + "06-social-media/"),
        ("exhibitions", CH + "07-events-exhibitions/"),
        ("art installations", CH + "07-events-exhibitions/"),
        ("photographs", CH + "07-events-exhibitions/"),
        ("hate speech", CH + "08-ethics/"),
        ("informed consent", CH + "08-ethics/"),
        ("children", CH + "08-ethics/"),
        ("stereotypes", CH + "08-ethics/"),
        ("consent form", "worksheets/w11-informed-consent/"),
        ("action plan", CH + "09-action-plan/"),
        ("planning", CH + "09-action-plan/"),
        ("budget", CH + "09-action-plan/"),
        ("escalation", CH + "09-action-plan/"),
        ("indicators", CH + "10-evaluation/"),
        ("evaluating", CH + "10-evaluation/"),
        ("social media calendar", "worksheets/w07-social-media-calendar/"),
        ("trainers", "trainers-guide/"),
    ],
}


def run_queries(browser, server: str, lang: str, queries) -> list[tuple[str, str, list[str]]]:
    """Type each query into Material's search box of the language's home page; return
    (query, expected, first five result pages) with paths relative to the language folder."""
    prefix = "/" if lang == "bg" else "/en/"
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(server + prefix, wait_until="networkidle")
        box = page.locator("input.md-search__input")
        box.click()
        meta = page.locator(".md-search-result__meta")
        outcomes = []
        for query, expected in queries:
            box.fill("")
            box.dispatch_event("keyup")  # Material listens to keyup; Playwright's Cyrillic input may not send it
            page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
            before = meta.text_content()
            box.fill(query)
            box.dispatch_event("keyup")
            page.wait_for_function("text => document.querySelector('.md-search-result__meta').textContent !== text",
                                   arg=before, timeout=20000)
            hrefs = page.eval_on_selector_all(".md-search-result__item",
                                              "items => items.map(item => item.querySelector('a').href)")
            found = [urlsplit(href).path[len(prefix):] for href in hrefs[:TOP]]
            outcomes.append((query, expected, found))
        return outcomes
    finally:
        context.close()


def test_query_set_is_large_enough():
    for lang, queries in QUERIES.items():
        assert len(queries) >= 30, lang
        assert len({query for query, _ in queries}) == len(queries), f"{lang}: a query is listed twice"


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_queries_find_their_page_in_the_top_five(browser, server, site, lang):
    for _, expected in QUERIES[lang]:
        folder = site if lang == "bg" else site / lang
        assert (folder / expected / "index.html").exists(), f"the query set names a missing page: {expected}"
    outcomes = run_queries(browser, server, lang, QUERIES[lang])
    passed = [query for query, expected, found in outcomes if expected in found]
    share = len(passed) / len(outcomes)
    report = "\n".join(f"  {'ok  ' if expected in found else 'MISS'} {query!r} → {expected} (top {TOP}: {found})"
                       for query, expected, found in outcomes)
    print(f"\nsearch quality ({lang}): {len(passed)}/{len(outcomes)} = {share:.0%} found in the top {TOP}\n{report}")
    assert share >= REQUIRED_SHARE, f"{lang}: only {share:.0%} of the queries found their page\n{report}"


def test_a_word_that_is_nowhere_finds_nothing(browser, server):
    outcomes = run_queries(browser, server, "bg", [("фотосинтезата", "")])
    assert outcomes[0][2] == []
