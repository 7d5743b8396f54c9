"""Accessibility in the built HTML: headings, images, link texts, task lists, Material's interface
strings in Bulgarian, language marking, and the accessibility statement linked from every page.
(axe-core, the keyboard and zoom in Chromium: tests/browser/test_accessibility_browser.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from support.sitemodel import content_pages, file_for, pages, type_query


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
            inside_named = (svg.find_parent(attrs={"aria-label": True}) or svg.find_parent(attrs={"title": True})
                            or svg.find_parent(attrs={"aria-hidden": "true"}))  # decorative, hidden with its box
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


def test_downloadable_documents_carry_title_and_language(site):
    """The statement promises tagged PDFs with title and language, and DOCX files with both."""
    from docx import Document
    from support import pdfs
    problems, documents = [], 0
    for path in sorted(site.rglob("*.pdf")) + sorted(site.rglob("*.docx")):
        rel = path.relative_to(site).as_posix()
        lang = "en" if rel.startswith("en/") else "bg"
        translated = re.search(r"-(uk|ru|ar)\.pdf$", rel)  # a statement in the language it is written in
        lang = translated.group(1) if translated else lang
        documents += 1
        if path.suffix == ".pdf":  # qpdf (pikepdf) reads the catalogue ten times faster than pypdf
            root_lang, tagged = pdfs.language(path), "/StructTreeRoot" in pdfs.catalogue_keys(path)
            title = pdfs.info(path).get("/Title")
            if (root_lang or "").split("-")[0] != lang or not tagged or not title:
                problems.append(f"{rel}: Lang={root_lang}, tagged={tagged}, title={title!r}")
        else:
            props = Document(str(path)).core_properties
            if not props.title or (props.language or "").split("-")[0] != lang:
                problems.append(f"{rel}: title={props.title!r}, language={props.language!r}")
    assert documents > 40
    assert not problems, "\n".join(problems)
