"""The handbook's languages: the one place that knows which they are, which is the default, where
each is served, and how each writes sizes and dates.

Bulgarian is the default language, served at the site root; every other language is served from
a folder named by its code (`/en/`).
"""

from __future__ import annotations

import datetime as dt

LANGUAGES = ("bg", "en")
DEFAULT_LANGUAGE = "bg"


def folder(lang: str) -> str:
    """The output folder of a language: '' for the default language, 'en' for English."""
    return "" if lang == DEFAULT_LANGUAGE else lang


def url_prefix(lang: str) -> str:
    """The path of a language's home below the site root: '' or 'en/'."""
    return f"{folder(lang)}/" if folder(lang) else ""


def folders() -> dict[str, str]:
    return {lang: folder(lang) for lang in LANGUAGES}


def other(lang: str) -> str:
    """The other language of this bilingual handbook."""
    return next(code for code in LANGUAGES if code != lang)


def from_path(rel_path: str) -> str:
    """The language of a built page or file, from its path below the site root."""
    first = rel_path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def human_size(num_bytes: int, lang: str) -> str:
    """A file size as a reader of that language writes it: "1,2 МБ", "1.2 MB", "48 КБ"."""
    unit = "КБ" if lang == "bg" else "KB"
    if num_bytes >= 1024 * 1024:
        unit = "МБ" if lang == "bg" else "MB"
        value = f"{num_bytes / (1024 * 1024):.1f}"
    else:
        value = f"{max(1, round(num_bytes / 1024))}"
    return f"{value.replace('.', ',') if lang == 'bg' else value} {unit}"


_MONTHS = {
    "bg": ["януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври",
           "ноември", "декември"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
}


def format_date(date: dt.date, lang: str) -> str:
    """A date in words: "14 юли 2020 г.", "14 July 2020"."""
    month = _MONTHS[lang][date.month - 1]
    return f"{date.day} {month} {date.year} г." if lang == "bg" else f"{date.day} {month} {date.year}"
