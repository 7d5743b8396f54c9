"""The handbook's interface strings: one table per language (bg.yml, en.yml beside this file),
shared by the pages, the PDFs, the DOCX files and the offline copy.

`table(lang)["worksheet"]["pdf"]` is the label of a worksheet's PDF download in that language.
A key missing in one language is an error at load time, not a blank on a page.

The same tables hold what the editors' tools say (section `messages`): a check does not write a
sentence, it returns `say("structure.h1_count", count=2)`, a Message that is written out in the
editor's language when it is shown – Bulgarian by default, English with `--lang en`,
HANDBOOK_LANG=en or an English locale (see editor_language).
"""

from __future__ import annotations

import os
import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from handbook.languages import DEFAULT_LANGUAGE, LANGUAGES

HERE = Path(__file__).resolve().parent


def _keys(table, prefix=""):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _keys(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


def _read(lang: str) -> dict:
    return yaml.safe_load((HERE / f"{lang}.yml").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _all() -> dict:
    tables = {lang: _read(lang) for lang in LANGUAGES}
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


# --- what the editors' tools say ------------------------------------------------------------------

def editor_language(environ=None) -> str:
    """The language the tools speak: HANDBOOK_LANG (set by `--lang`), else the locale
    (LC_ALL, LC_MESSAGES, LANG: `en_GB.UTF-8` means English), else Bulgarian."""
    environ = os.environ if environ is None else environ
    explicit = environ.get("HANDBOOK_LANG", "").strip().lower()[:2]
    if explicit in LANGUAGES:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip().lower()
        if value:
            return value[:2] if value[:2] in LANGUAGES else DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


@dataclass(frozen=True, order=True)
class Message:
    """Something a tool tells an editor, written out in a language only when it is shown."""

    key: str
    params: tuple = ()

    def text(self, lang: str | None = None) -> str:
        lang = lang or editor_language()
        area, _, name = self.key.partition(".")
        try:
            template = table(lang)["messages"][area][name]
        except KeyError:
            raise KeyError(f"scripts/handbook/strings/{lang}.yml: no message messages.{self.key}") from None
        values = {key: (value.text(lang) if isinstance(value, Message) else value) for key, value in self.params}
        return template.format(**values)

    def __str__(self) -> str:
        return self.text()


def say(key: str, **params) -> Message:
    """A message by its key in the `messages` section of strings/*.yml, with its values."""
    return Message(key, tuple(sorted((name, value if isinstance(value, Message) else str(value))
                                     for name, value in params.items())))


def text(message, lang: str | None = None) -> str:
    """A Message in the language (default: the editor's), or a plain string as it is."""
    return message.text(lang) if isinstance(message, Message) else str(message)


class MessageError(Exception):
    """An error whose message is a Message (or a plain string), written out in the editor's
    language when it is shown, or in the language asked for with text(lang)."""

    def __init__(self, message: "Message | str"):
        self.message = message
        super().__init__(message)

    def text(self, lang: str | None = None) -> str:
        return text(self.message, lang)

    def __str__(self) -> str:
        return self.text()


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
