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


# --- mistakes in the glossary file, in the editor's language --------------------------------------

ENTRY = """- id: refugee
  status: use
  bg: {term: бежанец, forms: [бежанец], definition: Определение., note: Бележка.}
  en: {term: refugee, forms: [refugee], definition: Definition., note: Note.}
"""


@pytest.mark.parametrize("text, key, english, bulgarian", [
    (ENTRY.replace("status: use", "status: maybe"), "glossary.bad_status",
     "entry “refugee”: status must be one of use, care, avoid",
     "понятие „refugee“: в status запишете едно от: use, care, avoid"),
    (ENTRY.replace("note: Note.", "note: ''"), "data.missing_text",
     "entry “refugee”, en.note: missing or empty", "понятие „refugee“, en.note: липсва текст – попълнете го"),
    (ENTRY + ENTRY.replace("id: refugee", "id: other"), "glossary.form_taken",
     "entry “other”, bg.forms: “бежанец” also belongs to “refugee”",
     "понятие „other“, bg.forms: формата „бежанец“ вече е записана при понятието „refugee“"),
    (ENTRY.replace("id: refugee", "id: Refugee"), "data.bad_id",
     "entry 1: id must be lower-case ASCII words joined by hyphens", "понятие 1: запишете id с малки латински букви"),
])
def test_mistakes_name_the_entry_in_both_languages(tmp_path, text, key, english, bulgarian):
    from handbook.sources.problems import DataError
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        glossary.load(path)
    assert caught.value.message.key == key
    assert english in caught.value.text("en")
    assert bulgarian in caught.value.text("bg")
