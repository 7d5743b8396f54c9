"""The glossary page lists its terms in alphabetical order in each language, after an A–Z list of
first letters that leads to the first term of each letter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.render import glossary as render
from handbook.sources import glossary

TERMS = glossary.load(Path(__file__).resolve().parents[2] / "docs" / "data" / "glossary.yml")


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_terms_are_alphabetical_with_a_letter_list(lang):
    page = render.render_entries(TERMS, lang)
    ids = re.findall(r"^### .* \{ #([a-z0-9-]+) \.glossary-term \}$", page, flags=re.M)
    headwords = {term.id: term.text[lang]["term"] for term in TERMS}
    order = [render.sort_key(headwords[term_id]) for term_id in ids]
    assert len(ids) == len(TERMS) and order == sorted(order)
    letters = dict(re.findall(r"\[(\w)\]\(#([a-z0-9-]+)\)", page.split("### ", 1)[0]))
    firsts = {}
    for term_id in ids:
        firsts.setdefault(render.sort_key(headwords[term_id])[:1].upper(), term_id)
    assert letters == firsts
    if lang == "bg":
        assert all(re.match(r"[А-Я]", letter) for letter in letters)
