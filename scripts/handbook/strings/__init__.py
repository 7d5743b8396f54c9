"""The handbook's interface strings: one table per language (bg.yml, en.yml beside this file),
shared by the pages, the PDFs, the DOCX files and the offline copy.

`table(lang)["worksheet"]["pdf"]` is the label of a worksheet's PDF download in that language.
A key missing in one language is an error at load time, not a blank on a page.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from handbook.languages import LANGUAGES

HERE = Path(__file__).resolve().parent


def _keys(table, prefix=""):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _keys(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


@lru_cache(maxsize=None)
def _all() -> dict:
    tables = {lang: yaml.safe_load((HERE / f"{lang}.yml").read_text(encoding="utf-8")) for lang in LANGUAGES}
    reference = set(_keys(tables[LANGUAGES[0]]))
    for lang, table in tables.items():
        keys = set(_keys(table))
        if keys != reference:
            missing, extra = sorted(reference - keys), sorted(keys - reference)
            raise ValueError(f"scripts/handbook/strings/{lang}.yml: missing {missing}, not in "
                             f"{LANGUAGES[0]}.yml: {extra}")
    return tables


def table(lang: str) -> dict:
    return _all()[lang]


def files() -> list[Path]:
    return [HERE / f"{lang}.yml" for lang in LANGUAGES]
