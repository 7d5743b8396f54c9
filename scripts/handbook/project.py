"""The project model: what the handbook consists of, read once from docs/ and handed to whoever
needs it (the build, the editors' commands, the tests).

- the chapters (docs/<lang>/chapters/NN-name.md: number, file stem, title per language) and the
  trainers' guide, which worksheets may name as the pages they serve;
- the glossary (docs/data/glossary.yml), the worksheets (docs/data/worksheets/*.yml) and the lines
  to take (docs/data/lines-to-take/*.yml), validated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handbook.languages import DEFAULT_LANGUAGE, LANGUAGES
from handbook.downloads import translations
from handbook.sources import glossary, lines, markdown, worksheets
from handbook.sources.problems import DataError, Problem
from handbook.strings import say

GUIDE = "trainers-guide"  # the one page besides the chapters that worksheets may serve


@dataclass(frozen=True)
class Chapter:
    stem: str  # "02-migration-in-facts"
    titles: dict  # {lang: title from the page's heading}

    @property
    def number(self) -> int:
        return int(self.stem.split("-", 1)[0])


def chapter_stems(docs_dir: Path) -> list[str]:
    """The chapters' file stems, in order, as the default language has them."""
    return sorted(p.stem for p in (Path(docs_dir) / DEFAULT_LANGUAGE / "chapters").glob("*.md"))


def page_stems(docs_dir: Path) -> set[str]:
    """The pages a worksheet may name in its `chapters:` list."""
    return set(chapter_stems(docs_dir)) | {GUIDE}


def _title(path: Path) -> str:
    if not path.exists():
        return path.stem
    heads = markdown.headings(path.read_text(encoding="utf-8"))
    return heads[0].text if heads else path.stem


@dataclass
class Project:
    docs_dir: Path
    chapters: list[Chapter] = field(default_factory=list)
    guide_titles: dict = field(default_factory=dict)
    glossary: list = field(default_factory=list)
    worksheets: list = field(default_factory=list)
    lines: list = field(default_factory=list)  # lines to take
    statements: dict = field(default_factory=dict)  # worksheet slug -> translations of its statement

    @classmethod
    def load(cls, docs_dir: Path) -> tuple["Project", list[Problem]]:
        """Read the project; data files that do not validate are returned as problems."""
        docs_dir = Path(docs_dir)
        project = cls(docs_dir)
        problems: list[Problem] = []
        for stem in chapter_stems(docs_dir):
            project.chapters.append(Chapter(stem, {
                lang: _title(docs_dir / lang / "chapters" / f"{stem}.md") for lang in LANGUAGES}))
        project.guide_titles = {lang: _title(docs_dir / lang / f"{GUIDE}.md") for lang in LANGUAGES}
        try:
            project.glossary = glossary.load(docs_dir / "data" / "glossary.yml")
        except DataError as error:
            problems.append(error.problem)
        try:
            project.worksheets = worksheets.load_all(docs_dir / "data" / "worksheets", project.page_stems())
        except DataError as error:
            problems.append(error.problem)
        try:
            project.lines = lines.load_all(docs_dir / "data" / "lines-to-take")
        except DataError as error:
            problems.append(error.problem)
        try:
            project.statements = translations.load_all(docs_dir / "data" / "translations")
        except DataError as error:
            problems.append(error.problem)
        slugs = {sheet.slug for sheet in project.worksheets}
        for slug, items in project.statements.items():
            if project.worksheets and slug not in slugs:
                problems.append(Problem(f"docs/data/translations/{slug}.yml", 0,
                                        say("project.no_worksheet", slug=slug)))
        return project, problems

    def page_stems(self) -> set[str]:
        return {chapter.stem for chapter in self.chapters} | {GUIDE}

    def titles(self, lang: str) -> dict[str, str]:
        """{stem: title} of the chapters (numbered, "4. Effective campaigns") and the trainers' guide."""
        titles = {chapter.stem: f"{chapter.number}. {chapter.titles[lang]}" for chapter in self.chapters}
        titles[GUIDE] = self.guide_titles[lang]
        return titles

    def relative(self, path: Path) -> str:
        """A file's path relative to the project root, as the editors see it ("docs/data/…")."""
        return Path(path).resolve().relative_to(self.docs_dir.resolve().parent).as_posix()

    def worksheet_source(self, slug: str) -> str | None:
        """The definition a worksheet page is generated from, relative to the project root."""
        for sheet in self.worksheets:
            if sheet.slug == slug:
                return self.relative(sheet.source)
        return None
