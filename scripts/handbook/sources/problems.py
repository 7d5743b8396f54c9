"""What an editor must fix: a Problem (file, line, message), a DataError for a data file, the
YAML loader whose errors name the file, the line and the column, and the checks of texts that the
data files share (require_text, require_bilingual)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.languages import LANGUAGES
from handbook.strings import Message, say, text


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, located in a file (and line, when known)."""

    path: str
    line: int
    message: "Message | str"

    def text(self, lang: str | None = None) -> str:
        """The problem in a language (default: the editor's, see strings.editor_language)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {text(self.message, lang)}"

    def __str__(self) -> str:
        return self.text()


class DataError(ValueError):
    """A data file an editor must fix: names the file and what is wrong."""

    def __init__(self, path: Path, message: "Message | str"):
        self.path = Path(path)
        self.message = message
        super().__init__(path, message)

    def text(self, lang: str | None = None) -> str:
        return f"{self.path}: {text(self.message, lang)}"

    def __str__(self) -> str:
        return self.text()

    @property
    def problem(self) -> Problem:
        return Problem(str(self.path), 0, self.message)


def _refuse_aliases(path: Path, text: str) -> None:
    """YAML anchors and aliases (&name, *name) let a few lines expand into millions of values (a
    "billion laughs" file); the handbook's data never needs them."""
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                line = token.start_mark.line + 1
                raise DataError(path, say("data.yaml_alias", line=line))
    except yaml.YAMLError:
        return  # the loader below reports malformed YAML with its line and column


def load_yaml(path: Path):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise DataError(path, say("data.unreadable", reason=error.strerror)) from error
    except UnicodeDecodeError as error:
        raise DataError(path, say("data.not_utf8")) from error
    _refuse_aliases(path, text)
    try:
        # libyaml's safe loader when PyYAML has it: the same YAML, several times faster (every build,
        # every `make serve` rebuild reads all data files).
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        if mark:
            raise DataError(path, say("data.bad_yaml_at", line=mark.line + 1, column=mark.column + 1,
                                      reason=reason)) from error
        raise DataError(path, say("data.bad_yaml", reason=reason)) from error


def require_text(path: Path, where: "Message | str", value) -> str:
    """A non-empty text, stripped. `where` names the place: a YAML key ("en.answer") or a Message."""
    if not isinstance(value, str) or not value.strip():
        raise DataError(path, say("data.missing_text", where=where))
    return value.strip()


def require_bilingual(path: Path, where: "Message | str", value) -> dict:
    """A text in each of the handbook's languages, {bg: …, en: …}, each on one line (runs of white
    space collapsed); no other language keys. `where` names the place, as for require_text."""
    if not isinstance(value, dict):
        raise DataError(path, say("data.needs_bilingual", where=where))
    out = {}
    for lang in LANGUAGES:
        written = value.get(lang)
        if not isinstance(written, str) or not written.strip():
            raise DataError(path, say("data.missing_translation", where=where, lang=lang))
        out[lang] = " ".join(written.split())
    unknown = set(value) - set(LANGUAGES)
    if unknown:
        raise DataError(path, say("data.unknown_languages", where=where, keys=", ".join(sorted(map(str, unknown)))))
    return out
