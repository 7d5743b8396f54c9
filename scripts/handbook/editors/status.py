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

MISSING, DIFFERS, OUTDATED, OK, BILINGUAL, INVALID = (
    "missing", "structure differs", "out of date", "ok", "bilingual file", "invalid")
FAILING = {MISSING, DIFFERS, INVALID}


@dataclass
class Entry:
    path: str  # "chapters/05-working-with-media.md" or "data/worksheets/w04-media-plan.yml"
    kind: str  # "page" or "worksheet"
    present: dict = field(default_factory=dict)  # language -> bool
    differences: list = field(default_factory=list)
    behind: dict = field(default_factory=dict)  # language -> the counterpart's change it lacks
    problem: str = ""

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

    def details(self) -> list[str]:
        out = []
        if self.problem:
            out.append(self.problem)
        for lang, present in self.present.items():
            if not present:
                have = [other for other, ok in self.present.items() if ok]
                out.append(f"docs/{lang}/{self.path} is missing: translate docs/{have[0]}/{self.path} "
                           f"(`make new-chapter` creates both languages of a new chapter)")
        out.extend(self.differences)
        for lang, commit in sorted(self.behind.items()):
            other = next(o for o in self.present if o != lang)
            if commit.uncommitted:
                out.append(f"docs/{lang}/{self.path} is out of date: docs/{other}/{self.path} has changes not "
                           f"committed yet; bring the {lang} text up to date in the same change")
                continue
            subject = commit.message.strip().splitlines()[0] if commit.message.strip() else ""
            out.append(
                f"docs/{lang}/{self.path} is out of date: docs/{other}/{self.path} changed later "
                f"({commit.date.isoformat()}, {commit.short} “{subject}”). See what changed: "
                f"git show {commit.short} -- docs/{other}/{self.path} . Bring the {lang} text up to date; "
                f"if it needs no change, record that in {ACKNOWLEDGEMENTS} with the line: "
                f"- {{page: {self.path}, language: {lang}, checked: {commit.short}}}")
        return out


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


def _counter_diff(name: str, mine: collections.Counter, theirs: collections.Counter, lang: str, other: str,
                  show=lambda item: str(item)) -> list[str]:
    out = []
    for item in sorted(set(mine) | set(theirs), key=str):
        if mine[item] != theirs[item]:
            out.append(f"{name} {show(item)}: {mine[item]} in {lang}, {theirs[item]} in {other}")
    return out


def compare(first: str, second: str, lang: str, other: str, anchors: bool = True) -> list[str]:
    """Structural differences between a page (`first`, language `lang`) and its counterpart. With
    anchors=False, differences of the heading anchors are left to the build's own check
    (checks/structure.py), so `make check` reports each problem once."""
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
            out.append("heading levels differ: " + ", ".join(
                f"#{x} is {'#' * levels_a[x]} in {lang}, {'#' * levels_b[x]} in {other}" for x in changed))
    out += _counter_diff("link to", a.links, b.links, lang, other)
    for site in sorted(a.sites ^ b.sites):
        where = lang if site in a.sites else other
        out.append(f"sources from {site} are cited in {where} only")
    out += _counter_diff("image", a.images, b.images, lang, other)

    def note(item):
        section, kind = item
        label = "trainer notes" if kind == "trainer" else f"“{kind}” admonitions"
        return f"{label} under #{section}" if section else label

    for item in sorted(set(a.admonitions) | set(b.admonitions), key=str):
        if a.admonitions[item] != b.admonitions[item]:
            out.append(f"{note(item)}: {a.admonitions[item]} in {lang}, {b.admonitions[item]} in {other}")
    for code in sorted(a.worksheets ^ b.worksheets, key=lambda c: int(c[1:])):
        where = lang if code in a.worksheets else other
        out.append(f"worksheet {code} is referred to in {where} only")
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
        raise DataError(path, "must be a list of entries: - {page: …, language: …, checked: <commit>}")
    out: dict = {}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not {"page", "language", "checked"} <= set(entry):
            raise DataError(path, f"entry {number}: needs page, language and checked (the commit)")
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
    history_note: str = ""
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
        note = "not a git work tree: “out of date” cannot be judged"
    elif history.shallow:
        note = ("the git history is shallow (a CI checkout?): “out of date” is not judged; "
                "run `git fetch --unshallow` for the full history")
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


def _cells(entry: Entry, languages) -> list[str]:
    if entry.kind != "page":
        langs = ["in one file"] * len(languages)
    else:
        langs = []
        for lang in languages:
            if not entry.present[lang]:
                langs.append("✗ missing")
            elif lang in entry.behind:
                langs.append("⚠ out of date")
            else:
                langs.append("✓")
    return [entry.path, *langs, entry.state]


def _summary(report: Report) -> str:
    counts = report.counts()
    pages = sum(1 for e in report.entries if e.kind == "page")
    sheets = sum(1 for e in report.entries if e.kind == "worksheet")
    answers = sum(1 for e in report.entries if e.kind == "answer")
    parts = [f"{counts[state]} {state}" for state in (OK, OUTDATED, MISSING, DIFFERS, BILINGUAL, INVALID)
             if counts[state]]
    return f"{pages} pages, {sheets} worksheets, {answers} lines to take: " + ", ".join(parts)


def _stale(report: Report) -> list[str]:
    if not report.stale_lines:
        return []
    out = [f"Lines to take to re-check (sources last checked more than {lines.STALE_AFTER_DAYS} days ago): "
           "check each source, update the answer if needed and set `checked:` to today's date."]
    out += [f"  - {path} (checked {checked.isoformat()})" for path, checked in report.stale_lines]
    return out


def render_text(report: Report, languages=LANGUAGES) -> str:
    header = ["page", *languages, "status"]
    rows = [_cells(e, languages) for e in report.entries]
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda cells: "  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(header), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append("")
    out.append(_summary(report))
    if report.history_note:
        out.append("Note: " + report.history_note)
    problems = [e for e in report.entries if e.details()]
    if problems:
        out.append("")
        for entry in problems:
            out.append(f"{entry.path} – {entry.state}:")
            out += [f"  - {d}" for d in entry.details()]
    if report.stale_lines:
        out.append("")
        out += _stale(report)
    out.append("")
    out.append(_verdict(report))
    return "\n".join(out)


def _verdict(report: Report) -> str:
    if report.failed:
        return ("FAILED: pages are missing in one language, differ in structure or fail to load; "
                "fix the items listed above.")
    if report.counts()[OUTDATED]:
        return "Passed with warnings: some translations are out of date (listed above)."
    return "Passed: every page exists in both languages with the same structure."


def _md(text: str) -> str:
    return str(text).replace("|", "\\|")


def render_markdown(report: Report, languages=LANGUAGES) -> str:
    icon = {OK: "✅", OUTDATED: "⚠️", MISSING: "❌", DIFFERS: "❌", INVALID: "❌", BILINGUAL: "✅"}
    out = ["## Translation status", "", _summary(report), ""]
    if report.history_note:
        out += [f"> Note: {report.history_note}", ""]
    out.append("| page | " + " | ".join(languages) + " | status |")
    out.append("|---|" + "---|" * len(languages) + "---|")
    for entry in report.entries:
        cells = _cells(entry, languages)
        cells[0] = f"`{cells[0]}`"
        cells[-1] = f"{icon[entry.state]} {entry.state}"
        out.append("| " + " | ".join(_md(c) for c in cells) + " |")
    problems = [e for e in report.entries if e.details()]
    if problems:
        out += ["", "### What to do", ""]
        for entry in problems:
            out.append(f"- `{entry.path}` ({entry.state})")
            out += [f"  - {_md(d)}" for d in entry.details()]
    if report.stale_lines:
        out += ["", "### Lines to take to re-check", ""] + [f"- {_md(line.strip().removeprefix('- '))}"
                                                             for line in _stale(report)]
    out += ["", f"**{_verdict(report)}**", ""]
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
            problems.append(Problem(f"docs/{second}/{rel}", 0, f"differs from docs/{first}/{rel}: {detail}"))
    return problems

