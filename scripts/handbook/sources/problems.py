"""What an editor must fix: a Problem (file, line, message), a DataError for a data file, and the
YAML loader whose errors name the file, the line and the column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


@dataclass(frozen=True, order=True)
class Problem:
    """One thing an editor must fix, located in a file (and line, when known)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"



class DataError(ValueError):
    """A data file an editor must fix: names the file and what is wrong."""

    def __init__(self, path: Path, message: str):
        self.path = Path(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")

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
                raise DataError(path, f"line {line}: YAML anchors and aliases (&name, *name) are not allowed in "
                                      "the handbook's data; write the text out in full")
    except yaml.YAMLError:
        return  # the loader below reports malformed YAML with its line and column


def load_yaml(path: Path):
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise DataError(path, f"cannot be read ({error.strerror})") from error
    except UnicodeDecodeError as error:
        raise DataError(path, "is not UTF-8 text: save it with the encoding UTF-8") from error
    _refuse_aliases(path, text)
    try:
        # libyaml's safe loader when PyYAML has it: the same YAML, several times faster (every build,
        # every `make serve` rebuild reads all data files).
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = getattr(error, "problem", None) or str(error)
        raise DataError(path, f"malformed YAML at {where}{reason}") from error


def require_text(path: Path, where: str, value) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(path, f"{where}: missing or empty")
    return value.strip()
