""""Edit this page" and "last updated" on every page of the built site: the edit link leads to the
page's own source, and the date is exactly the one git gives for that source (none while it has
uncommitted changes). The history rules themselves: tests/unit/test_page_meta.py."""

from __future__ import annotations

import datetime as dt
import subprocess

from handbook import strings
from handbook.render import page_meta
from support import ROOT
from support.sitemodel import parsed

# Pages made from their Markdown and data files (engine/plugin.py, on_page_context): their date is
# the latest of all their sources, and none while any of those has uncommitted changes.
PAGES_WITH_DATA = {"glossary.md", "worksheets/index.md", "lines-to-take.md"}


def _pages(site):
    """(language, path inside the language folder, built HTML file) for every content page."""
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("assets/", "search/", "downloads/", "en/search/", "en/downloads/")):
            continue
        lang, rest = ("en", rel[3:]) if rel.startswith("en/") else ("bg", rel)
        yield lang, rest.removesuffix("index.html").rstrip("/"), html


def _source(lang: str, path: str) -> str:
    """The file a page is made from, relative to the project: its Markdown or, for a worksheet
    page, the worksheet's definition."""
    candidates = [f"{path}.md", f"{path}/index.md"] if path else ["index.md"]
    markdown = next((c for c in candidates if (ROOT / "docs" / lang / c).exists()), None)
    if markdown is not None:
        return f"docs/{lang}/{markdown}"
    slug = path.rsplit("/", 1)[-1]
    assert path.startswith("worksheets/") and (ROOT / f"docs/data/worksheets/{slug}.yml").exists(), path
    return f"docs/data/worksheets/{slug}.yml"


def _expected_pages() -> set[tuple[str, str]]:
    """(language, path) of every page the project's sources make: each Markdown file of each
    language and each worksheet definition, once per language."""
    expected = set()
    sheets = sorted((ROOT / "docs/data/worksheets").glob("w*.yml"))
    for lang in ("bg", "en"):
        for md in (ROOT / "docs" / lang).rglob("*.md"):
            rel = md.relative_to(ROOT / "docs" / lang).with_suffix("").as_posix()
            expected.add((lang, "" if rel == "index" else rel.removesuffix("/index")))
        expected |= {(lang, f"worksheets/{sheet.stem}") for sheet in sheets}
    return expected


def _git(*args: str) -> str:
    result = subprocess.run(["git", "-C", str(ROOT), "-c", "core.quotePath=false", *args],
                            capture_output=True, text=True, encoding="utf-8")
    assert result.returncode == 0, result.stderr
    return result.stdout


class GitDates:
    """What git itself says about docs/: each file's last commit date (UTC, committer time, as
    the build uses), and which files have uncommitted changes. Asked here independently of
    handbook.sources.history, so that the test checks the build against git, not against itself."""

    def __init__(self):
        self.dirty = {line[3:] for line in _git("status", "--porcelain=v1", "--untracked-files=all",
                                                 "--no-renames", "--", "docs").splitlines() if len(line) > 3}
        shallow = _git("rev-parse", "--is-shallow-repository").strip() == "true"
        boundary = set()
        if shallow:
            path = ROOT / _git("rev-parse", "--git-path", "shallow").strip()
            boundary = set(path.read_text().split()) if path.exists() else set()
        self.dates: dict[str, dt.date | None] = {}
        sha = None
        for line in _git("log", "--no-renames", "--name-only", "--format=%x1e%H %ct", "--", "docs").split("\n"):
            if line.startswith("\x1e"):
                sha, stamp = line[1:].split()
                date = dt.datetime.fromtimestamp(int(stamp), dt.timezone.utc).date()
            elif line.strip() and line not in self.dates:  # newest first: the first mention wins
                self.dates[line] = None if sha in boundary else date

    def date(self, path: str) -> dt.date | None:
        """The date the build must show for a file: None if uncommitted or changed since."""
        return None if path in self.dirty else self.dates.get(path)


def test_every_page_has_an_edit_link_to_its_own_language_source(site):
    built = set()
    for lang, path, html in _pages(site):
        soup = parsed(html)
        icon = soup.select_one("a.md-content__button[rel=edit]")
        text = soup.select_one("aside.handbook-page-meta a.handbook-page-meta__edit")
        assert icon is not None and text is not None, f"{html}: no edit link"
        assert icon["href"] == text["href"]
        source = _source(lang, path)
        assert text["href"].endswith("/" + source), (html, text["href"])
        if source.endswith(".md"):
            assert text.get_text(strip=True) == strings.table(lang)["page"]["edit"]
        built.add((lang, path))
    assert built == _expected_pages(), "every page of both languages is checked"


def test_last_updated_is_the_git_date_of_the_page_source_in_the_page_language(site):
    git = GitDates()
    data_dates = {date for path, date in git.dates.items() if path.startswith("docs/data/")}
    data_dirty = any(path.startswith("docs/data/") for path in git.dirty)
    problems, checked = [], 0
    for lang, path, html in _pages(site):
        checked += 1
        soup = parsed(html)
        updated = soup.select_one("aside.handbook-page-meta .handbook-page-meta__updated")
        source = _source(lang, path)
        expected = git.date(source)
        shown = None
        if updated is not None:
            time = updated.find("time")
            shown = dt.date.fromisoformat(time["datetime"])
            assert time.get_text(strip=True) == page_meta.format_date(shown, lang), html
            assert updated.get_text(" ", strip=True).startswith(strings.table(lang)["page"]["updated"] + ":"), html
        rel = source.removeprefix(f"docs/{lang}/")
        if rel in PAGES_WITH_DATA and expected is not None:
            # the latest of the Markdown and its data files; none while one of them is uncommitted
            if shown is None:
                if not data_dirty:
                    problems.append(f"{source}: no date, but git has every source committed")
            elif shown < expected or shown not in data_dates | {expected}:
                problems.append(f"{source}: shows {shown}, not a git date of its sources (own {expected})")
        elif shown != expected:
            problems.append(f"{source}: shows {shown}, git says {expected}")
    assert checked == len(_expected_pages())
    assert not problems, "\n".join(problems)
