"""The translation status of every page and worksheet: `python -m handbook.cli status`.

For each page (docs/bg/<path> and docs/en/<path>) it reports
- missing: the page exists in one language only (fails);
- structure differs: the two languages differ in headings (anchors and levels), links to other
  pages, the sites cited, images, admonitions (trainer notes, examples) per section, or the
  worksheets referred to (fails);
- out of date: one language was changed later than the other, by git history (warns).

"Out of date" follows the commits that touched either language of a page, oldest first: a commit
that changes both languages leaves them in step; a commit that changes one language, while that
language was in step, leaves the other one behind; the next change to the language that was
behind brings it up to date. Uncommitted changes count as the newest commit. A commit whose
message contains "[no translation]" (a typo fixed in one language only) is not counted.

Worksheets are one bilingual YAML file each (docs/data/worksheets/), so a language cannot be
missing or out of date; a definition that lacks a translation fails to load and is reported.
"""

from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from handbook.sources import markdown as mdscan
from handbook.sources.problems import DataError, load_yaml
from handbook.sources.history import History
from handbook.checks import structure as structure_checks
from handbook.languages import LANGUAGES
from handbook.sources import lines
from handbook.sources.problems import Problem
from handbook.strings import Message, editor_language, say, text

MISSING, DIFFERS, OUTDATED, OK, BILINGUAL, INVALID = (
    "missing", "structure differs", "out of date", "ok", "bilingual file", "invalid")
FAILING = {MISSING, DIFFERS, INVALID}
# How each state is shown (strings/*.yml, area `status`).
STATE_MESSAGES = {MISSING: "status.state_missing", DIFFERS: "status.state_differs", OUTDATED: "status.state_outdated",
                  OK: "status.state_ok", BILINGUAL: "status.state_bilingual", INVALID: "status.state_invalid"}


def state_text(state: str, lang: str | None = None) -> str:
    """A state ("out of date") as the editor reads it in `lang`."""
    return say(STATE_MESSAGES[state]).text(lang)


@dataclass(frozen=True, order=True)
class _Joined(Message):
    """Several messages shown as one, separated by commas (a list inside a sentence)."""

    def text(self, lang: str | None = None) -> str:
        return ", ".join(text(item, lang) for _, item in self.params)


def _joined(items) -> _Joined:
    return _Joined("", tuple(enumerate(items)))


@dataclass
class Entry:
    path: str  # "chapters/05-working-with-media.md" or "data/worksheets/w04-media-plan.yml"
    kind: str  # "page" or "worksheet"
    present: dict = field(default_factory=dict)  # language -> bool
    differences: list = field(default_factory=list)
    behind: dict = field(default_factory=dict)  # language -> the counterpart's change it lacks
    problem: "Message | str" = ""  # why a worksheet or an answer does not load

    @property
    def state(self) -> str:
        if self.kind != "page":
            return INVALID if self.problem else BILINGUAL
        if not all(self.present.values()):
            return MISSING
        if self.differences:
            return DIFFERS
        if self.behind:
            return OUTDATED
        return OK

    def messages(self) -> list:
        """What the editor must do about this entry, as Messages (or plain strings)."""
        out = []
        if self.problem:
            out.append(self.problem)
        for lang, present in self.present.items():
            if not present:
                have = [other for other, ok in self.present.items() if ok]
                out.append(say("status.page_missing", lang=lang, path=self.path, have=have[0]))
        out.extend(self.differences)
        for lang, commit in sorted(self.behind.items()):
            other = next(o for o in self.present if o != lang)
            if commit.uncommitted:
                out.append(say("status.behind_uncommitted", lang=lang, other=other, path=self.path))
                continue
            subject = commit.message.strip().splitlines()[0] if commit.message.strip() else ""
            out.append(say("status.behind", lang=lang, other=other, path=self.path, date=commit.date.isoformat(),
                           commit=commit.short, subject=subject, file=ACKNOWLEDGEMENTS))
        return out

    def details(self, lang: str | None = None) -> list[str]:
        """messages() written out in `lang` (default: the editor's language)."""
        return [text(message, lang) for message in self.messages()]


# --- structure ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Structure:
    headings: tuple
    links: collections.Counter
    sites: frozenset
    images: collections.Counter
    admonitions: collections.Counter
    worksheets: frozenset


def _site(url: str) -> str:
    host = urlsplit(url if "//" in url else "//" + url).hostname or url
    return host[4:] if host.startswith("www.") else host


def structure(markdown: str) -> Structure:
    internal, sites = collections.Counter(), set()
    for link in mdscan.links(markdown):
        target = link.target
        if not target or target.startswith(("mailto:", "tel:")):
            continue
        if mdscan.is_external(target):
            sites.add(_site(target))
        else:
            internal[target] += 1
    heads = tuple((h.level, h.anchor or h.text) for h in mdscan.headings(markdown))
    images = collections.Counter(image.target for image in mdscan.images(markdown))
    notes = collections.Counter((a.section, a.type) for a in mdscan.admonitions(markdown))
    return Structure(heads, internal, frozenset(sites), images, notes, frozenset(mdscan.worksheet_references(markdown)))


def _counter_diff(key: str, mine: collections.Counter, theirs: collections.Counter, lang: str,
                  other: str) -> list[Message]:
    out = []
    for item in sorted(set(mine) | set(theirs), key=str):
        if mine[item] != theirs[item]:
            out.append(say(key, target=item, mine=mine[item], theirs=theirs[item], lang=lang, other=other))
    return out


def compare(first: str, second: str, lang: str, other: str, anchors: bool = True) -> list:
    """Structural differences between a page (`first`, language `lang`) and its counterpart, as
    Messages (the anchors' as checks/structure.py words them). With anchors=False, differences of
    the heading anchors are left to the build's own check (checks/structure.py), so `make check`
    reports each problem once."""
    a, b = structure(first), structure(second)
    out = []
    if a.headings != b.headings:
        anchors_a, anchors_b = [h[1] for h in a.headings], [h[1] for h in b.headings]
        differences = structure_checks.anchor_differences(anchors_a, anchors_b, lang, other)
        if anchors:
            out += differences
        if not differences:
            levels_a, levels_b = dict((h[1], h[0]) for h in a.headings), dict((h[1], h[0]) for h in b.headings)
            changed = [x for x in anchors_a if levels_a[x] != levels_b.get(x)]
            out.append(say("status.heading_levels", levels=_joined(
                say("status.heading_level", anchor=x, mine="#" * levels_a[x], theirs="#" * levels_b[x],
                    lang=lang, other=other) for x in changed)))
    out += _counter_diff("status.link_count", a.links, b.links, lang, other)
    for site in sorted(a.sites ^ b.sites):
        where = lang if site in a.sites else other
        out.append(say("status.site_one_language", site=site, where=where))
    out += _counter_diff("status.image_count", a.images, b.images, lang, other)

    def note(item):
        section, kind = item
        label = say("status.trainer_notes") if kind == "trainer" else say("status.admonitions", kind=kind)
        return say("status.under_section", label=label, section=section) if section else label

    for item in sorted(set(a.admonitions) | set(b.admonitions), key=str):
        if a.admonitions[item] != b.admonitions[item]:
            out.append(say("status.note_count", label=note(item), mine=a.admonitions[item],
                           theirs=b.admonitions[item], lang=lang, other=other))
    for code in sorted(a.worksheets ^ b.worksheets, key=lambda c: int(c[1:])):
        where = lang if code in a.worksheets else other
        out.append(say("status.worksheet_one_language", code=code, where=where))
    return out


# --- history -----------------------------------------------------------------------------------

ACKNOWLEDGEMENTS = "docs/data/translations-checked.yml"


def acknowledgements(root: Path) -> dict[tuple[str, str], set[str]]:
    """{(page path inside the language folder, language): commits whose counterpart change an editor
    checked and found to need no translation} from docs/data/translations-checked.yml."""
    path = Path(root) / ACKNOWLEDGEMENTS
    if not path.exists():
        return {}
    entries = load_yaml(path) or []
    if not isinstance(entries, list):
        raise DataError(path, say("status.checked_not_list"))
    out: dict = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not {"page", "language", "checked"} <= set(entry):
            raise DataError(path, say("status.checked_entry", number=number))
        out.setdefault((str(entry["page"]), str(entry["language"])), set()).add(str(entry["checked"]))
    return out


def behind(history: History, paths: dict[str, str], checked: dict[str, set[str]] | None = None) -> dict:
    """{language: the first change of the counterpart it lacks} for one page's files
    ({language: "docs/<lang>/<path>"}). `checked` ({language: commits}) are counterpart changes an
    editor has checked and recorded as needing no translation (docs/data/translations-checked.yml)."""
    lagging: dict = {}
    checked = checked or {}
    for commit in history.changes(set(paths.values())):
        if commit.needs_no_translation:
            continue
        untouched = {lang for lang, path in paths.items() if path not in commit.files}
        if untouched and not commit.uncommitted and all(
                any(commit.sha.startswith(sha) for sha in checked.get(lang, ())) for lang in untouched):
            continue  # checked by an editor: this change needs no translation
        touched = {lang for lang, path in paths.items() if path in commit.files}
        caught_up = touched & set(lagging)
        for lang in touched:
            lagging.pop(lang, None)
        if caught_up:
            continue  # a language that was behind was brought up to date
        if len(touched) < len(paths):
            for lang in paths:
                if lang not in touched:
                    lagging.setdefault(lang, commit)
    return lagging


# --- the report --------------------------------------------------------------------------------

@dataclass
class Report:
    entries: list
    history_note: "Message | str" = ""  # why "out of date" is not judged
    stale_lines: list = field(default_factory=list)  # (file, date checked) of lines to take to re-check

    @property
    def failed(self) -> bool:
        return any(e.state in FAILING for e in self.entries)

    def counts(self) -> collections.Counter:
        return collections.Counter(e.state for e in self.entries)


def collect(root: Path, languages=LANGUAGES, with_history: bool = True, today: dt.date | None = None) -> Report:
    root = Path(root)
    docs = root / "docs"
    history = History(root) if with_history else None
    note = ""
    if history is None:
        pass
    elif not history.available:
        note = say("status.not_git")
    elif history.shallow:
        note = say("status.shallow")
    rels = sorted(set().union(*(mdscan.language_pages(docs, lang) for lang in languages)))
    checked = acknowledgements(root)
    entries = []
    for rel in rels:
        entry = Entry(rel, "page", {lang: (docs / lang / rel).exists() for lang in languages})
        if all(entry.present.values()):
            texts = {lang: (docs / lang / rel).read_text(encoding="utf-8") for lang in languages}
            first, *others = languages
            for other in others:
                entry.differences += compare(texts[first], texts[other], first, other)
            if history is not None and history.available and not history.shallow:
                entry.behind = behind(history, {lang: f"docs/{lang}/{rel}" for lang in languages},
                                      {lang: checked.get((rel, lang), set()) for lang in languages})
        entries.append(entry)
    from handbook.sources import worksheets
    for path in sorted((docs / "data" / "worksheets").glob("*.yml")):
        entry = Entry(path.relative_to(docs).as_posix(), "worksheet", {lang: True for lang in languages})
        try:
            worksheets.load(path)
        except DataError as error:
            entry.problem = error.message
        entries.append(entry)
    stale_lines = []
    for path in sorted((docs / "data" / "lines-to-take").glob("*.yml")):
        entry = Entry(path.relative_to(docs).as_posix(), "answer", {lang: True for lang in languages})
        try:
            line = lines.load(path)
        except DataError as error:
            entry.problem = error.message
        else:
            if line.stale(today or dt.date.today()):
                stale_lines.append((f"docs/{entry.path}", line.checked))
        entries.append(entry)
    return Report(entries, note, stale_lines)


_MARK = {True: "✓", False: "✗"}


def _cells(entry: Entry, languages, lang: str) -> list[str]:
    if entry.kind != "page":
        langs = [say("status.cell_one_file").text(lang)] * len(languages)
    else:
        langs = []
        for language in languages:
            if not entry.present[language]:
                langs.append(say("status.cell_missing").text(lang))
            elif language in entry.behind:
                langs.append(say("status.cell_outdated").text(lang))
            else:
                langs.append("✓")
    return [entry.path, *langs, state_text(entry.state, lang)]


def _summary(report: Report, lang: str) -> str:
    counts = report.counts()
    pages = sum(1 for e in report.entries if e.kind == "page")
    sheets = sum(1 for e in report.entries if e.kind == "worksheet")
    answers = sum(1 for e in report.entries if e.kind == "answer")
    parts = [say("status.count", count=counts[state], state=state_text(state, lang)).text(lang)
             for state in (OK, OUTDATED, MISSING, DIFFERS, BILINGUAL, INVALID) if counts[state]]
    return say("status.summary", pages=pages, worksheets=sheets, answers=answers,
               counts=", ".join(parts)).text(lang)


def _stale(report: Report, lang: str) -> list[str]:
    if not report.stale_lines:
        return []
    out = [say("status.stale_intro", days=lines.STALE_AFTER_DAYS).text(lang)]
    out += ["  - " + say("status.stale_item", path=path, date=checked.isoformat()).text(lang)
            for path, checked in report.stale_lines]
    return out


def render_text(report: Report, languages=LANGUAGES, lang: str | None = None) -> str:
    """The status as a table for the terminal, in the editor's language (or `lang`)."""
    lang = lang or editor_language()
    header = [say("status.column_page").text(lang), *languages, say("status.column_status").text(lang)]
    rows = [_cells(e, languages, lang) for e in report.entries]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(header), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append("")
    out.append(_summary(report, lang))
    if report.history_note:
        out.append(say("status.note", note=report.history_note).text(lang))
    problems = [e for e in report.entries if e.messages()]
    if problems:
        out.append("")
        for entry in problems:
            out.append(f"{entry.path} – {state_text(entry.state, lang)}:")
            out += [f"  - {d}" for d in entry.details(lang)]
    if report.stale_lines:
        out.append("")
        out += _stale(report, lang)
    out.append("")
    out.append(_verdict(report, lang))
    return "\n".join(out)


def _verdict(report: Report, lang: str) -> str:
    if report.failed:
        return say("status.failed").text(lang)
    if report.counts()[OUTDATED]:
        return say("status.warned").text(lang)
    return say("status.passed").text(lang)


def _md(text: str) -> str:
    return str(text).replace("|", "\\|")


def render_markdown(report: Report, languages=LANGUAGES, lang: str | None = None) -> str:
    """The status in Markdown (for a CI job summary), in the editor's language (or `lang`)."""
    lang = lang or editor_language()
    icon = {OK: "✅", OUTDATED: "⚠️", MISSING: "❌", DIFFERS: "❌", INVALID: "❌", BILINGUAL: "✅"}
    out = ["## " + say("status.markdown_title").text(lang), "", _summary(report, lang), ""]
    if report.history_note:
        out += ["> " + say("status.note", note=report.history_note).text(lang), ""]
    out.append(f"| {say('status.column_page').text(lang)} | " + " | ".join(languages)
               + f" | {say('status.column_status').text(lang)} |")
    out.append("|---|" + "---|" * len(languages) + "---|")
    for entry in report.entries:
        cells = _cells(entry, languages, lang)
        cells[0] = f"`{cells[0]}`"
        cells[-1] = f"{icon[entry.state]} {cells[-1]}"
        out.append("| " + " | ".join(_md(c) for c in cells) + " |")
    problems = [e for e in report.entries if e.messages()]
    if problems:
        out += ["", "### " + say("status.markdown_todo").text(lang), ""]
        for entry in problems:
            out.append(f"- `{entry.path}` ({state_text(entry.state, lang)})")
            out += [f"  - {_md(d)}" for d in entry.details(lang)]
    if report.stale_lines:
        out += ["", "### " + say("status.markdown_stale").text(lang), ""] + [
            f"- {_md(line.strip().removeprefix('- '))}" for line in _stale(report, lang)]
    out += ["", f"**{_verdict(report, lang)}**", ""]
    return "\n".join(out)


def differences_as_problems(root: Path) -> list[Problem]:
    """Structural differences other than anchors (which checks.structure.check_structure reports), for
    `check`: links, sites, images, admonitions, worksheet references, heading levels."""
    docs = Path(root) / "docs"
    first, second = LANGUAGES[0], LANGUAGES[1]
    problems = []
    for rel in sorted(mdscan.language_pages(docs, first) & mdscan.language_pages(docs, second)):
        texts = [(docs / lang / rel).read_text(encoding="utf-8") for lang in (first, second)]
        for detail in compare(*texts, first, second, anchors=False):
            problems.append(Problem(f"docs/{second}/{rel}", 0,
                                    say("status.differs_from", page=f"docs/{first}/{rel}", detail=detail)))
    return problems
