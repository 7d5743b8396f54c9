"""The bilingual glossary (docs/data/glossary.yml): read and validated here; handbook.render.glossary
turns it into the glossary page of each language and into hover definitions in the chapters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handbook.languages import LANGUAGES
from handbook.sources.problems import DataError, load_yaml, require_text
from handbook.strings import say

STATUSES = ("use", "care", "avoid")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Term:
    id: str
    status: str
    source: str
    text: dict  # language -> {"term", "forms", "definition", "note"}


def load(path: Path) -> list[Term]:
    """Read and validate the glossary; raise DataError naming the file and entry."""
    data = load_yaml(path)
    if not isinstance(data, list):
        raise DataError(path, say("glossary.not_list"))
    terms, seen, forms_seen = [], set(), {}
    for index, entry in enumerate(data, start=1):
        where = say("glossary.entry_number", index=index)
        if not isinstance(entry, dict):
            raise DataError(path, say("glossary.entry_not_mapping", where=where))
        term_id = entry.get("id")
        if not isinstance(term_id, str) or not _ID.match(term_id):
            raise DataError(path, say("data.bad_id", where=where))
        where = say("glossary.entry_named", id=term_id)
        if term_id in seen:
            raise DataError(path, say("glossary.duplicate_id", where=where))
        seen.add(term_id)
        status = entry.get("status")
        if status not in STATUSES:
            raise DataError(path, say("glossary.bad_status", where=where, statuses=", ".join(STATUSES)))
        text = {}
        for lang in LANGUAGES:
            block = entry.get(lang)
            if not isinstance(block, dict):
                raise DataError(path, say("data.missing_translation", where=where, lang=lang))
            values = {key: require_text(path, say("data.where_key", where=where, part=f"{lang}.{key}"), block.get(key))
                      for key in ("term", "definition", "note")}
            forms = block.get("forms") or []
            if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
                raise DataError(path, say("glossary.forms_not_list", where=where, lang=lang))
            for form in forms:
                key = (lang, form)
                if key in forms_seen:
                    raise DataError(path, say("glossary.form_taken", where=where, lang=lang, form=form,
                                              other=forms_seen[key]))
                forms_seen[key] = term_id
            values["forms"] = forms
            text[lang] = values
        terms.append(Term(term_id, status, str(entry.get("source") or ""), text))
    return terms
