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
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from handbook.sources import markdown as mdscan
from handbook.sources.problems import DataError
from handbook.sources.history import History
from handbook.languages import LANGUAGES
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
            when = "not committed yet" if commit.uncommitted else f"{commit.date.isoformat()}, {commit.short}"
            out.append(f"docs/{lang}/{self.path} is out of date: docs/{other}/{self.path} changed later "
                       f"({when}); bring the {lang} text up to date")
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


def compare(first: str, second: str, lang: str, other: str) -> list[str]:
    """Structural differences between a page (`first`, language `lang`) and its counterpart."""
    a, b = structure(first), structure(second)
    out = []
    if a.headings != b.headings:
        anchors_a, anchors_b = [h[1] for h in a.headings], [h[1] for h in b.headings]
        missing = [x for x in anchors_a if x not in anchors_b]
        extra = [x for x in anchors_b if x not in anchors_a]
        if missing:
            out.append(f"headings only in {lang}: " + ", ".join("#" + x for x in missing))
        if extra:
            out.append(f"headings only in {other}: " + ", ".join("#" + x for x in extra))
        if not missing and not extra:
            levels_a, levels_b = dict((h[1], h[0]) for h in a.headings), dict((h[1], h[0]) for h in b.headings)
            changed = [x for x in anchors_a if levels_a[x] != levels_b.get(x)]
            if changed:
                out.append("heading levels differ: " + ", ".join(
                    f"#{x} is {'#' * levels_a[x]} in {lang}, {'#' * levels_b[x]} in {other}" for x in changed))
            else:
                out.append(f"headings are in a different order in {lang} and {other}")
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

def behind(history: History, paths: dict[str, str]) -> dict:
    """{language: the first change of the counterpart it lacks} for one page's files
    ({language: "docs/<lang>/<path>"})."""
    lagging: dict = {}
    for commit in history.changes(set(paths.values())):
        if commit.needs_no_translation:
            continue
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

    @property
    def failed(self) -> bool:
        return any(e.state in FAILING for e in self.entries)

    def counts(self) -> collections.Counter:
        return collections.Counter(e.state for e in self.entries)


def collect(root: Path, languages=LANGUAGES, with_history: bool = True) -> Report:
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
    entries = []
    for rel in rels:
        entry = Entry(rel, "page", {lang: (docs / lang / rel).exists() for lang in languages})
        if all(entry.present.values()):
            texts = {lang: (docs / lang / rel).read_text(encoding="utf-8") for lang in languages}
            first, *others = languages
            for other in others:
                entry.differences += compare(texts[first], texts[other], first, other)
            if history is not None and history.available and not history.shallow:
                entry.behind = behind(history, {lang: f"docs/{lang}/{rel}" for lang in languages})
        entries.append(entry)
    from handbook.sources import worksheets
    for path in sorted((docs / "data" / "worksheets").glob("*.yml")):
        entry = Entry(path.relative_to(docs).as_posix(), "worksheet", {lang: True for lang in languages})
        try:
            worksheets.load(path)
        except DataError as error:
            entry.problem = error.message
        entries.append(entry)
    return Report(entries, note)


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
    sheets = len(report.entries) - pages
    parts = [f"{counts[state]} {state}" for state in (OK, OUTDATED, MISSING, DIFFERS, BILINGUAL, INVALID)
             if counts[state]]
    return f"{pages} pages, {sheets} worksheets: " + ", ".join(parts)


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
    out += ["", f"**{_verdict(report)}**", ""]
    return "\n".join(out)


def differences_as_problems(root: Path) -> list[Problem]:
    """Structural differences other than anchors (which checks.structure.check_structure reports), for
    `check`: links, sites, images, admonitions, worksheet references, heading levels."""
    report = collect(root, with_history=False)
    problems = []
    for entry in report.entries:
        for detail in entry.differences:
            if detail.startswith("headings only in"):
                continue
            problems.append(Problem(f"docs/{LANGUAGES[1]}/{entry.path}", 0,
                                            f"differs from docs/{LANGUAGES[0]}/{entry.path}: {detail}"))
    return problems

