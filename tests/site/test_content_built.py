"""The handbook's content in the built site: trainer notes, the glossary page, definitions in chapters."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook import strings
from handbook.sources import glossary
from support.sitemodel import BuiltPage, file_for
from handbook.sources import markdown

from support import ROOT
DOCS = ROOT / "docs"


# --- the built pages ---------------------------------------------------------------------------

def test_trainer_notes_are_collapsed_and_styled(site):
    page = BuiltPage(site, file_for(site, "/chapters/04-effective-campaigns/"))
    notes = page.soup.select("details.trainer")
    assert notes, "no trainer notes rendered"
    assert all(not note.has_attr("open") for note in notes)
    css = (site / "assets" / "stylesheets" / "handbook.css").read_text(encoding="utf-8")
    assert ".trainer" in css


def test_glossary_page_lists_every_term_in_both_languages(site):
    terms = glossary.load(DOCS / "data" / "glossary.yml")
    for prefix, lang in (("/", "bg"), ("/en/", "en")):
        page = BuiltPage(site, file_for(site, f"{prefix}glossary/"))
        for term in terms:
            heading = page.soup.find(id=term.id)
            assert heading is not None, f"{lang} glossary: no entry #{term.id}"
            assert term.text[lang]["term"] in heading.get_text()
        statuses = {el.get_text() for el in page.soup.select(".glossary-status")}
        assert statuses == set(strings.table(lang)["glossary"]["status"].values())


@pytest.mark.parametrize("url", ["/chapters/02-migration-in-facts/", "/en/chapters/02-migration-in-facts/"])
def test_glossary_terms_show_their_definition_in_chapters(site, url):
    page = BuiltPage(site, file_for(site, url))
    abbrs = page.soup.select("article abbr[title]")
    assert len(abbrs) >= 5
    assert all(a.get("tabindex") == "0" for a in abbrs), "definitions must be reachable by keyboard"
    assert len({a["title"] for a in abbrs}) == len(abbrs), "only the first mention carries the definition"
