"""Spelling of the handbook's text in both languages, with hunspell.

Every word is checked against the dictionary of its script, whatever the page's language:
Cyrillic words against Bulgarian (Debian's hunspell-bg, `bg_BG`), Latin words against British
English (hunspell-en-gb, `en_GB`). A Bulgarian page quotes English titles and an English page
quotes Bulgarian ones, so this is what a reader sees. On top of the dictionaries, a project word
list per language holds names and terms (docs/data/wordlists/bg.txt and en.txt, one word a line).

What is checked: the prose of docs/**/*.md (not code, URLs, link targets, HTML tags, anchors or
attribute lists) and the texts of the bilingual data (glossary, worksheets). Acronyms in capitals
(BNT, НПО) are not checked. A word mixing Latin and Cyrillic letters is always reported: it is
almost always a letter typed on the wrong keyboard layout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.sources import markdown as mdscan
from handbook.strings import Message, MessageError, say
from handbook import languages

DICTIONARIES = {"bg": "bg_BG", "en": "en_GB"}
PACKAGES = {"bg": "hunspell-bg", "en": "hunspell-en-gb"}
WORDLIST_DIR = Path("docs/data/wordlists")
DATA_SKIP_KEYS = {"id", "code", "type", "chapters", "status", "forms", "rows", "lines"}

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*", re.UNICODE)
_ACRONYM = re.compile(r"^[^\W\d_a-zа-яё]{2,}(?:s|['’]s|-?[а-я]{1,4})?$")
_DOMAIN = re.compile(r"\b(?:[\w-]+\.)+(?:bg|com|org|net|eu|int|info|gov|edu|uk|ca|de|it|fr|ua|io|si)\b(?:/\S*)?",
                     re.IGNORECASE)
_HASHTAG = re.compile(r"(?<![\w&])#[^\W\d_][\w]*")
_EMPHASIS = re.compile(r"\*+|~~|(?<!\w)_+|_+(?!\w)")
_TASK = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)\[[ xX]\]")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_ABBR_DEF = re.compile(r"^\*\[[^\]]+\]:")
_REFERENCE_DEF = re.compile(r"^\s*\[[^\]]+\]:\s*\S+")


class SpellingUnavailable(MessageError, RuntimeError):
    """hunspell or one of its dictionaries is not installed; its message is a Message."""


@dataclass(frozen=True)
class Misspelling:
    """A word to fix (or to add to a word list), like a sources.problems.Problem: `path`, `line`,
    `message` (a Message in the catalogue area `spelling`), `text(lang)` and `str()`."""

    path: str
    line: int
    word: str
    language: str  # dictionary language: "bg" or "en", or "mixed" (Latin and Cyrillic letters)
    suggestions: tuple = ()

    rule = "spelling"
    fixable = False

    @property
    def message(self) -> Message:
        if self.language == "mixed":
            return say("spelling.mixed", word=self.word)
        where = {"word": self.word, "dictionary": DICTIONARIES[self.language],
                 "wordlist": (WORDLIST_DIR / (self.language + ".txt")).as_posix()}
        if self.suggestions:
            return say("spelling.unknown_with_suggestions", suggestions=", ".join(self.suggestions), **where)
        return say("spelling.unknown", **where)

    def text(self, lang: str | None = None) -> str:
        """The misspelling in a language (default: the editor's, see strings.editor_language)."""
        return f"{self.path}:{self.line}: {self.message.text(lang)}"

    def __str__(self) -> str:
        return self.text()


# --- text extraction ------------------------------------------------------------------------

def _prose(line: str) -> str:
    """The words a reader sees on one Markdown line."""
    text = mdscan.INLINE_CODE.sub(" ", line)
    if _ABBR_DEF.match(text):
        text = text.split(":", 1)[1]
    if _REFERENCE_DEF.match(text):
        return ""
    admonition = mdscan.ADMONITION.match(text)
    if admonition:
        return admonition.group("title") or ""
    heading = mdscan.HEADING_LINE.match(text)
    if heading and heading.group("space"):
        text = heading.group("text")
    text = mdscan.IMAGE.sub(lambda m: " " + m.group("alt") + " ", text)
    text = mdscan.LINK.sub(lambda m: " " + m.group("text") + " ", text)
    text = mdscan.HTML_TAG.sub(" ", text)
    text = mdscan.ATTR_LIST.sub(" ", text)
    text = mdscan.URL.sub(" ", text)
    text = _EMAIL.sub(" ", text)
    text = _DOMAIN.sub(" ", text)
    text = _HASHTAG.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = _ENTITY.sub(" ", text)
    text = _TASK.sub(r"\1", text)
    return text


def markdown_words(markdown: str):
    """Yield (line number, word) for the prose of a page."""
    comment = False
    for line in mdscan.prose_lines(markdown):
        text = line.text
        if comment:  # inside a multi-line HTML comment
            if "-->" not in text:
                continue
            text, comment = text.split("-->", 1)[1], False
        if "<!--" in text and "-->" not in text.split("<!--", 1)[1]:
            text, comment = text.split("<!--", 1)[0], True
        for match in _WORD.finditer(_prose(text)):
            yield line.number, match.group(0)


def _scalars(node, skip: bool = False):
    """Yield (line, text) for the string values of a YAML node tree, skipping identifiers."""
    if isinstance(node, yaml.ScalarNode):
        if not skip and node.tag.endswith(":str"):
            yield node.start_mark.line + 1, node.value, node.style in (">", "|")
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item, skip)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else ""
            yield from _scalars(value, skip or name in DATA_SKIP_KEYS)


def data_words(text: str):
    """Yield (line number, word) for the texts of a YAML data file (glossary, worksheet)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        return
    for line, value, block in _scalars(node):
        for offset, part in enumerate(value.splitlines() if block else [value]):
            # Block scalars start on the line after their key; folded lines keep their order.
            number = line + 1 + offset if block else line
            for match in _WORD.finditer(_prose(part)):
                yield number, match.group(0)


# --- word lists and dictionaries -------------------------------------------------------------

def load_wordlist(path: Path) -> set[str]:
    words = set()
    if Path(path).exists():
        for raw in Path(path).read_text(encoding="utf-8").splitlines():
            word = raw.split("#", 1)[0].strip()
            if word:
                words.add(word)
    return words


def script_of(word: str) -> str:
    cyrillic, latin = bool(_CYRILLIC.search(word)), bool(_LATIN.search(word))
    if cyrillic and latin:
        return "mixed"
    return "bg" if cyrillic else "en"


def _normalise(word: str) -> str:
    return word.replace("’", "'")


def accepted_by_list(word: str, wordlist: set[str]) -> bool:
    """A listed word matches as written, and also capitalised at the start of a sentence."""
    if word in wordlist:
        return True
    lowered = word[:1].lower() + word[1:]
    if lowered in wordlist:
        return True
    # A listed word followed by the English possessive.
    for suffix in ("'s", "’s"):
        if word.endswith(suffix) and accepted_by_list(word[: -len(suffix)], wordlist):
            return True
    return False


def _hunspell_env() -> dict:
    return {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


def require_hunspell() -> None:
    lacking = []
    if shutil.which("hunspell") is None:
        lacking.append("hunspell")
    for lang, dictionary in DICTIONARIES.items():
        if not any((Path(folder) / f"{dictionary}.dic").exists() for folder in _dictionary_dirs()):
            lacking.append(PACKAGES[lang])
    if lacking:
        raise SpellingUnavailable(say("spelling.unavailable", lacking=", ".join(lacking),
                                      packages=" ".join(lacking)))


def _dictionary_dirs() -> list[str]:
    return ["/usr/share/hunspell", "/usr/share/myspell/dicts", "/usr/share/myspell"]


def unknown_words(words: set[str], language: str) -> set[str]:
    """The words hunspell does not know, in one language."""
    if not words:
        return set()
    listing = "\n".join(sorted(words)) + "\n"
    result = subprocess.run(["hunspell", "-d", DICTIONARIES[language], "-i", "utf-8", "-l"],
                            input=listing.encode("utf-8"), capture_output=True, env=_hunspell_env())
    if result.returncode != 0:
        raise SpellingUnavailable(say("spelling.hunspell_failed",
                                      error=result.stderr.decode("utf-8", "replace").strip()))
    flagged = set(result.stdout.decode("utf-8", "replace").split())
    # hunspell may report only a part of a hyphenated word; report the word as written.
    return {word for word in words if word in flagged or any(part in flagged for part in re.split(r"[-']", word))}


def suggestions(words: set[str], language: str, limit: int = 3) -> dict[str, tuple]:
    if not words:
        return {}
    listing = "".join(f"^{word}\n" for word in sorted(words))
    result = subprocess.run(["hunspell", "-d", DICTIONARIES[language], "-i", "utf-8", "-a"],
                            input=listing.encode("utf-8"), capture_output=True, env=_hunspell_env())
    found = {}
    for line in result.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("& "):
            head, _, tail = line.partition(": ")
            found[head.split()[1]] = tuple(s.strip() for s in tail.split(",")[:limit])
    return found


# --- the check -------------------------------------------------------------------------------

def sources(root: Path) -> list[Path]:
    docs = root / "docs"
    pages = sorted(p for lang in languages.LANGUAGES for p in (docs / lang).rglob("*.md"))
    data = sorted((docs / "data").glob("*.yml")) + sorted((docs / "data" / "worksheets").glob("*.yml"))
    return pages + data


def check(root: Path, paths: list[Path] | None = None) -> list[Misspelling]:
    """Misspelt words in the given files (default: every page and data file), with file and line."""
    require_hunspell()
    root = Path(root)
    wordlists = {lang: load_wordlist(root / WORDLIST_DIR / f"{lang}.txt") for lang in DICTIONARIES}
    occurrences: list[tuple[str, int, str, str]] = []
    for path in paths if paths is not None else sources(root):
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(root).as_posix()
        try:
            words = list(data_words(text) if path.suffix in (".yml", ".yaml") else markdown_words(text))
        except yaml.YAMLError:
            continue  # malformed data is reported by the data checks, with its line
        for number, token in words:
            parts = [token]
            if "-" in token and any(_ACRONYM.match(part) for part in token.split("-")):
                parts = [part for part in token.split("-") if not _ACRONYM.match(part)]  # "UNHCR-consistent"
            for word in parts:
                if _ACRONYM.match(word) or len(word) < 2:
                    continue
                language = script_of(word)
                if language != "mixed" and accepted_by_list(word, wordlists[language]):
                    continue
                occurrences.append((rel, number, word, language))
    unknown = {}
    for language in DICTIONARIES:
        candidates = {_normalise(w) for _, _, w, lang in occurrences if lang == language}
        unknown[language] = unknown_words(candidates, language)
    hints = {language: suggestions(unknown[language], language) for language in DICTIONARIES}
    found = []
    for rel, number, word, language in occurrences:
        if language == "mixed":
            found.append(Misspelling(rel, number, word, "mixed"))
        elif _normalise(word) in unknown[language]:
            found.append(Misspelling(rel, number, word, language, hints[language].get(_normalise(word), ())))
    return sorted(set(found), key=lambda m: (m.path, m.line, m.word))
