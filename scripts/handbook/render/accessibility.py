"""Accessibility repairs of rendered pages that Markdown extensions and Material do not make.

Plain functions over HTML strings, called by the build hooks (scripts/hooks.py):

- `label_task_lists`: the check boxes of Markdown task lists (`- [ ] …`) get an accessible name,
  the text of their own item (pymdownx.tasklist renders them without one; axe rule `label`).
- `repair_page`, on every finished page: each entry of the language switcher says which
  language it is in (`lang` attribute), so a screen reader reads "English" in English on a
  Bulgarian page; the line of search results that says how many were found becomes a status
  message (`role="status"`), so a screen reader announces it without moving the focus (WCAG
  4.1.3); the scrolling box around the search results leaves the tab order (Material makes it a
  tab stop, which is invisible until there are results; the results themselves are links, and
  the arrow keys move through them); a page without Material's "skip to content" link (the 404
  pages, whose heading comes from a template, not from Markdown) gets one to its first heading.
- `mark_bulgarian`: on pages in another language, every run of Cyrillic words (Bulgarian titles
  of sources, terms, names) is marked `lang="bg"`, so a screen reader switches to Bulgarian for it
  (WCAG 3.1.2). Cyrillic text in this handbook is always Bulgarian; Latin text on Bulgarian pages
  is English, Italian, German… and is left to the editors (`[title](url){ lang=en }`).
- `configure_markdown`: the title of the "¶" link beside each heading, in the
  language being built (Python-Markdown's toc extension takes one title for the whole site).
"""

from __future__ import annotations

import html
import re

from handbook import strings
from handbook.languages import DEFAULT_LANGUAGE, LANGUAGES

# pymdownx.tasklist with custom_checkbox: the label holds the check box and a styling span only;
# the item's text follows the label, up to a nested list, the end of the paragraph or of the item.
_TASK = re.compile(
    r'(?P<label><label class="task-list-control">)(?P<input><input type="checkbox"(?P<attrs>[^>]*?)/?>)'
    r'(?P<indicator>\s*<span class="task-list-indicator"></span></label>)'
    r'(?P<text>.*?)(?=<ul|<ol|</li>|</p>)',
    re.DOTALL,
)
_EMPTY_SKIP = re.compile(r'<div data-md-component="skip">\s*</div>')
_LANG = re.compile(r'<html lang="(?P<lang>[a-zA-Z-]+)"')
_FIRST_H1 = re.compile(r'<article\b.*?<h1 id="(?P<id>[^"]+)"', re.DOTALL)
_SEARCH_META = '<div class="md-search-result__meta">'
_SEARCH_SCROLLWRAP = '<div class="md-search__scrollwrap" tabindex="0" data-md-scrollfix>'
_SWITCHER_LINK = re.compile(r'<a href="(?P<href>[^"]*)" hreflang="(?P<lang>[a-zA-Z-]+)" class="md-select__link"')


def configure_markdown(mdx_configs: dict, language: str) -> None:
    """Set the language-dependent options of Markdown extensions before a language is built."""
    toc = mdx_configs.setdefault("toc", {})
    toc["permalink_title"] = strings.table(language)["page"]["permalink"]


def label_task_lists(page_html: str) -> str:
    """Name every task-list check box after its item's text (aria-labelledby a span around it)."""
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        if "aria-label" in match.group("attrs") or not match.group("text").strip():
            return match.group(0)
        count += 1
        ident = f"__task_{count}"
        text = match.group("text")
        lead = text[: len(text) - len(text.lstrip())]
        body = text.strip()
        tail = text[len(lead) + len(body):]
        checkbox = f'<input type="checkbox"{match.group("attrs").rstrip()} aria-labelledby="{ident}"/>'
        return (f'{match.group("label")}{checkbox}{match.group("indicator")}'
                f'{lead}<span id="{ident}">{body}</span>{tail}')

    return _TASK.sub(replace, page_html)


_CYRILLIC_WORD = r"[А-Яа-яЁёЍѝ]+(?:[-'’][А-Яа-яЁёЍѝ]+)*"
_CYRILLIC_RUN = re.compile(rf"{_CYRILLIC_WORD}(?:[\s,.:;!?–—/()0-9-]+{_CYRILLIC_WORD})*")
_TAG = re.compile(r"(<[^>]+>)")
_RAW = re.compile(r"<(/?)(code|pre|script|style|kbd|samp)\b", re.IGNORECASE)


def mark_bulgarian(page_html: str) -> str:
    """Wrap each run of Cyrillic words in the text (not in tags, attributes or code) in
    <span lang="bg">."""
    parts = _TAG.split(page_html)
    raw = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            opening = _RAW.match(part)
            if opening:
                raw = max(0, raw + (-1 if opening.group(1) else 1))
            continue
        if raw or not part:
            continue
        parts[index] = _CYRILLIC_RUN.sub(lambda m: f'<span lang="bg">{m.group(0)}</span>', part)
    return "".join(parts)


def repair_page(page_html: str) -> str:
    """The repairs of a finished page (see the module's docstring)."""
    def replace(match: re.Match) -> str:
        lang = html.escape(match.group("lang"), quote=True)
        return f'{match.group(0)} lang="{lang}"'

    page_html = _SWITCHER_LINK.sub(replace, page_html)
    page_html = page_html.replace(_SEARCH_SCROLLWRAP, '<div class="md-search__scrollwrap" data-md-scrollfix>', 1)
    page_html = page_html.replace(_SEARCH_META, '<div class="md-search-result__meta" role="status">', 1)
    page_html = _valid_html(page_html)
    return _add_skip_link(page_html)


# Material's markup that the Nu HTML Checker rejects, in partials no template block serves:
_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?) tabindex=""')  # nav section labels (nav-item.html)
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*?type="checkbox"[^>]*?) autocomplete="off"')  # base.html toggles
_TOC_TITLE = re.compile(r'<label class="md-nav__title" for="__toc">(?P<inner>.*?)</label>', re.DOTALL)


def _valid_html(page_html: str) -> str:
    """Repairs that make Material's own markup valid HTML: no empty tabindex (a section label that
    is not focusable simply has none), no autocomplete on check boxes (only text-like inputs take
    it), and the table-of-contents title of a page without a table of contents is no label of a
    control that is not there."""
    page_html = _EMPTY_TABINDEX.sub(r"\1", page_html)
    page_html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", page_html)
    if 'id="__toc"' not in page_html:
        page_html = _TOC_TITLE.sub(lambda m: f'<div class="md-nav__title">{m.group("inner")}</div>', page_html)
    return page_html


def _add_skip_link(page_html: str) -> str:
    empty, heading, lang = _EMPTY_SKIP.search(page_html), _FIRST_H1.search(page_html), _LANG.search(page_html)
    if not (empty and heading):
        return page_html
    code = lang.group("lang") if lang else DEFAULT_LANGUAGE
    label = strings.table(code if code in LANGUAGES else DEFAULT_LANGUAGE)["page"]["skip_link"]
    link = f'<div data-md-component="skip"><a href="#{heading.group("id")}" class="md-skip">{label}</a></div>'
    return page_html[:empty.start()] + link + page_html[empty.end():]
