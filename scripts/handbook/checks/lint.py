"""Markdown lint tuned to the handbook: a small, pure-Python rule set.

It knows this content's constructs, so admonitions (`!!! example "…"`, `??? trainer "…"`), their
indented bodies, attribute lists (`{ #id }`, `{ .class }`), task lists (`- [ ]`) and the
abbreviation definitions of the glossary are not errors. Structural rules that the build already
enforces (one top-level heading, explicit anchors, heading levels, alt text) live in checks/structure.py.

Rules with `fixable=True` are corrected by `make check` on an editor's computer; in CI (the
environment variable CI is set) nothing is changed and they fail with the command that fixes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handbook.sources import markdown as mdscan
from handbook.sources.problems import Problem
from handbook.strings import say
from handbook import languages


ADMONITION_TYPES = {"note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important",
                    "success", "check", "done", "question", "help", "faq", "warning", "caution",
                    "attention", "failure", "fail", "missing", "danger", "error", "bug", "example",
                    "quote", "cite", "trainer"}

_TRAILING = re.compile(r"[ \t]+$")
_LIST_MARKER = re.compile(r"^(?P<indent>\s*)[*+](?P<space>\s+)(?!\[[^\]]*\]:)")
_BAD_TASK = re.compile(r"^(?P<head>\s*[-*+]\s+)\[(?P<box>|\s{2,}| ?[xX] | [xX])\](?=\s)")
_NO_SPACE_HEADING = re.compile(r"^#{1,6}[^\s#]")
_MANY_SPACES_HEADING = re.compile(r"^(#{1,6})[ \t]{2,}(?=\S)")
_SPACED_HYPHEN = re.compile(r"(?<=\S) - (?=\S)")
_EMPTY_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]]*)\]\(\s*\)")
_LINK_NO_TEXT = re.compile(r"(?<!!)\[\s*\]\([^)]+\)")
_BARE_URL = re.compile(r"(?<![(<\"'=\w/])https?://[^\s<>()\]]+")


@dataclass(frozen=True, order=True)
class Finding(Problem):
    """A Problem found by a lint rule (named in brackets after the message), and whether
    `make check` can fix it; its message is a Message in the catalogue area `lint`."""

    rule: str = ""
    fixable: bool = False

    def text(self, lang: str | None = None) -> str:
        """`path:line: message [rule]` in a language (default: the editor's)."""
        return f"{super().text(lang)} [{self.rule}]"


def _finding(path: str, line: int, rule: str, key: str, fixable: bool = False, **params) -> Finding:
    return Finding(path, line, say(f"lint.{key}", **params), rule, fixable)


# --- protecting what is not prose --------------------------------------------------------------

_PROTECTED = re.compile(
    r"`+[^`]*`+"                                   # inline code
    r"|\]\([^)]*\)"                                # link and image targets
    r"|<[^<>]+>"                                   # HTML tags, autolinks
    r"|\{:?\s*[#.][^}]*\}|\{:?\s*[\w-]+=[^}]*\}"   # attribute lists
    r"|https?://\S+"                               # bare URLs
)


def _map_prose(text: str, transform) -> str:
    """Apply `transform` to the prose parts of a line only (not code, link targets, HTML tags,
    attribute lists or URLs)."""
    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(transform(text[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(transform(text[last:]))
    return "".join(out)


def _prose_parts(text: str) -> str:
    return _PROTECTED.sub(lambda m: "\0" * len(m.group(0)), text)


def _bulgarian_quotes(text: str) -> str | None:
    """Straight double quotes in Bulgarian prose as „…“, or None when they do not pair up."""
    if text.count('"') == 0:
        return text
    prose = _prose_parts(text)
    if prose.count('"') % 2:
        return None
    state = {"open": True}

    def replace(part: str) -> str:
        chars = []
        for char in part:
            if char == '"':
                chars.append("„" if state["open"] else "“")
                state["open"] = not state["open"]
            else:
                chars.append(char)
        return "".join(chars)

    return _map_prose(text, replace)


# --- the rules ---------------------------------------------------------------------------------

def lint_text(path: str, markdown: str, language: str | None) -> tuple[list[Finding], str]:
    """Findings for one page and the page's text with every fixable finding fixed."""
    findings: list[Finding] = []
    all_lines = markdown.split("\n")
    ends_with_newline = markdown.endswith("\n")
    if ends_with_newline:
        all_lines = all_lines[:-1]
    scanned = mdscan.lines(markdown)
    code = {line.number for line in scanned if line.code}
    fixed: list[str] = []
    blank_run = 0
    admonition_open: tuple[int, int] | None = None  # (line number, indent) awaiting a body
    for number, text in enumerate(all_lines, start=1):
        # Whitespace rules apply everywhere, code included.
        if "\t" in text:
            findings.append(_finding(path, number, "tab", "tab", True))
            text = text.expandtabs(4)
        if _TRAILING.search(text):
            findings.append(_finding(path, number, "trailing-space", "trailing_space", True))
            text = _TRAILING.sub("", text)
        if number in code:
            blank_run = 0
            fixed.append(text)
            continue
        if not text.strip():
            blank_run += 1
            if blank_run > 1:
                findings.append(_finding(path, number, "blank-lines", "blank_lines", True))
                continue  # dropped by the fix
            fixed.append(text)
            continue
        blank_run = 0
        if admonition_open is not None:
            opened, indent = admonition_open
            body_indent = len(text) - len(text.lstrip(" "))
            if body_indent < indent + 4:
                findings.append(_finding(path, opened, "admonition-body", "admonition_body"))
            admonition_open = None
        admonition = mdscan.ADMONITION.match(text)
        if text.lstrip().startswith(("!!!", "???")):
            if not admonition or not admonition.group("type"):
                findings.append(_finding(path, number, "admonition-syntax", "admonition_syntax"))
            else:
                kind = admonition.group("type")
                if not admonition.group("space"):
                    findings.append(_finding(path, number, "admonition-syntax", "admonition_space", True,
                                             marker=admonition.group("marker"), kind=kind))
                    marker_end = len(admonition.group("indent")) + len(admonition.group("marker"))
                    text = text[:marker_end] + " " + text[marker_end:]
                if kind.lower() not in ADMONITION_TYPES:
                    findings.append(_finding(path, number, "admonition-type", "admonition_type", kind=kind))
                admonition_open = (number, len(admonition.group("indent")))
            fixed.append(text)
            continue
        if _NO_SPACE_HEADING.match(text):
            findings.append(_finding(path, number, "heading-space", "heading_hash"))
        if _MANY_SPACES_HEADING.match(text):
            findings.append(_finding(path, number, "heading-space", "heading_spaces", True))
            text = _MANY_SPACES_HEADING.sub(lambda m: m.group(1) + " ", text)
        heading = mdscan.HEADING_LINE.match(text)
        blank_after = False
        if heading and heading.group("space"):
            if number > 1 and all_lines[number - 2].strip() and (number - 1) not in code:
                findings.append(_finding(path, number, "heading-blank-line", "blank_before_heading", True))
                fixed.append("")
            if number < len(all_lines) and all_lines[number].strip():
                findings.append(_finding(path, number, "heading-blank-line", "blank_after_heading", True))
                blank_after = True
        marker = _LIST_MARKER.match(text)
        if marker and not text.lstrip().startswith("**"):
            findings.append(_finding(path, number, "list-marker", "list_marker", True))
            text = _LIST_MARKER.sub(lambda m: f"{m.group('indent')}-{m.group('space')}", text, count=1)
        task = _BAD_TASK.match(text)
        if task:
            box = "[x]" if task.group("box").strip() else "[ ]"
            findings.append(_finding(path, number, "task-list", "task_list", True))
            text = task.group("head") + box + text[task.end():]
        prose = _prose_parts(text)
        if _SPACED_HYPHEN.search(prose) and not prose.lstrip().startswith("|"):
            findings.append(_finding(path, number, "dash", "dash", True))
            text = _map_prose(text, lambda part: _SPACED_HYPHEN.sub(" – ", part))
        if language == "bg" and '"' in _prose_parts(text):
            quoted = _bulgarian_quotes(text)
            if quoted is None:
                findings.append(_finding(path, number, "quotes-bg", "quotes_unpaired"))
            else:
                findings.append(_finding(path, number, "quotes-bg", "quotes_bg", True))
                text = quoted
        for match in _EMPTY_LINK.finditer(text):
            findings.append(_finding(path, number, "empty-link", "empty_link_target", text=match.group("text")))
        if _LINK_NO_TEXT.search(text):
            findings.append(_finding(path, number, "empty-link", "link_no_text"))
        for match in _BARE_URL.finditer(mdscan.INLINE_CODE.sub(lambda m: " " * len(m.group(0)), text)):
            findings.append(_finding(path, number, "bare-url", "bare_url", url=match.group(0)))
        fixed.append(text)
        if blank_after:
            fixed.append("")
    if admonition_open is not None:
        findings.append(_finding(path, admonition_open[0], "admonition-body", "admonition_body_end"))
    while fixed and not fixed[-1].strip():
        fixed.pop()
        findings.append(_finding(path, len(all_lines), "final-newline", "trailing_blank_lines", True))
    if not ends_with_newline and markdown:
        findings.append(_finding(path, len(all_lines), "final-newline", "no_final_newline", True))
    return findings, "\n".join(fixed) + "\n"


@dataclass
class Result:
    findings: list  # every finding, fixable or not
    fixed_files: list  # files rewritten (only when fixing)

    @property
    def remaining(self) -> list:
        """What still needs the editor: unfixable findings, and fixable ones that were not fixed."""
        fixed = set(self.fixed_files)
        return [f for f in self.findings if not (f.fixable and f.path in fixed)]


def pages(root: Path) -> list[Path]:
    docs = Path(root) / "docs"
    return sorted(p for lang in languages.LANGUAGES for p in (docs / lang).rglob("*.md"))


def run(root: Path, fix: bool, paths: list[Path] | None = None) -> Result:
    root = Path(root)
    findings, fixed_files = [], []
    for path in paths if paths is not None else pages(root):
        rel = path.relative_to(root).as_posix()
        parts = Path(rel).parts
        language = parts[1] if len(parts) > 1 and parts[0] == "docs" and parts[1] in languages.LANGUAGES else None
        text = path.read_text(encoding="utf-8")
        page_findings, corrected = lint_text(rel, text, language)
        findings += page_findings
        if fix and corrected != text and any(f.fixable for f in page_findings):
            # Only fixable findings changed the text; write it back.
            path.write_text(corrected, encoding="utf-8")
            fixed_files.append(rel)
    return Result(findings, fixed_files)
