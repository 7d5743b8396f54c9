"""The downloads of a worksheet's statement in other languages, on the worksheet's page."""

from __future__ import annotations

import html

from handbook import strings
from handbook.languages import human_size


def links_markdown(links: list[tuple], lang: str) -> str:
    """A short section with one download per translation: [(Translation, href, size)]."""
    if not links:
        return ""
    ui = strings.table(lang)["worksheet"]
    # Raw HTML: the files are made by the build, not documentation pages MkDocs could check. The
    # href is relative to the page's folder (…/w11-informed-consent/ → ../files/…).
    items = "\n".join(
        f'<li><a href="{html.escape(href)}" hreflang="{t.lang}" download>'
        f'<span lang="{t.lang}" dir="{"rtl" if t.rtl else "ltr"}">{html.escape(t.name)}</span> '
        f'(PDF, {human_size(size, lang)})</a></li>' for t, href, size in links)
    items = f'<ul class="worksheet-translations">\n{items}\n</ul>'
    return (f"\n\n## {ui['translations_title']} {{ #translations }}\n\n{ui['translations_note']}\n\n{items}\n")
