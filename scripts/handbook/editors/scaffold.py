"""Scaffolding for editors: `make new-chapter` and `make new-worksheet`.

A new chapter is created in both languages with the shape every chapter has (see
CONTRIBUTING.md): front matter, the title with its anchor, a lead, objectives, a first section
with a checklist, a worked example and a trainer note, key points and sources – the same anchors
in both languages. A new worksheet is one bilingual definition in docs/data/worksheets/. Either
way the page is added to the navigation in mkdocs.yml, so the next strict build passes.

What the editor still has to write is marked "TODO"; `make check` reports every TODO left, so a
half-written chapter cannot be published by accident.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.languages import LANGUAGES
from handbook.project import page_stems
from handbook.sources.problems import Problem
from handbook.strings import MessageError, say

_SLUG = re.compile(r"^(?:(?P<number>\d{2})-)?(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)$")
_WORKSHEET_SLUG = re.compile(r"^(?:w(?P<number>\d{2})-)?(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)$")
_NAV_CHAPTER = re.compile(r"^(?P<indent>\s*)- (?:[^:\n]+:\s*)?chapters/(?P<number>\d{2})-[a-z0-9-]+\.md\s*$")
_NAV_WORKSHEET = re.compile(r"^(?P<indent>\s*)- (?:[^:\n]+:\s*)?worksheets/w(?P<number>\d{2})-[a-z0-9-]+\.md\s*$")
_NAV_WORKSHEET_INDEX = re.compile(r"^(?P<indent>\s*)- (?:[^:\n]+:\s*)?worksheets/index\.md\s*$")
_NAV_PAGE = re.compile(r"^\s*- (?:[^:\n]+:\s*)?(?P<page>[\w./-]+\.md)\s*$")
PLACEHOLDER = "TODO"


class ScaffoldError(MessageError, ValueError):
    """The editor asked for something that cannot be created; the message (a Message from the
    `scaffold` area of strings/*.yml) says why and what to do."""


# --- navigation in mkdocs.yml ------------------------------------------------------------------

def _nav_lines(text: str) -> tuple[int, int]:
    """(first, end) line indexes of the `nav:` section."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^nav:\s*$", line)), None)
    if start is None:
        raise ScaffoldError(say("scaffold.no_nav"))
    end = start + 1
    while end < len(lines) and (not lines[end].strip() or lines[end].startswith((" ", "-", "#"))):
        end += 1
    return start, end


def nav_pages(mkdocs_yml: Path) -> list[str]:
    """The pages listed in the navigation of mkdocs.yml (paths inside a language folder)."""
    text = Path(mkdocs_yml).read_text(encoding="utf-8")
    start, end = _nav_lines(text)
    pages = []
    for line in text.split("\n")[start + 1:end]:
        match = _NAV_PAGE.match(line.split(" #", 1)[0])
        if match:
            pages.append(match.group("page"))
    return pages


def add_to_nav(mkdocs_yml: Path, page: str, pattern: re.Pattern, number: int,
               fallback: re.Pattern | None = None) -> None:
    """Insert `- page` among the nav entries matching `pattern`, in number order (after the entry
    matching `fallback` when there is none yet). Edits the text, so comments stay as they are."""
    path = Path(mkdocs_yml)
    text = path.read_text(encoding="utf-8")
    if page in nav_pages(path):
        return
    lines = text.split("\n")
    start, end = _nav_lines(text)
    anchor_index, indent = None, None
    for index in range(start + 1, end):
        match = pattern.match(lines[index])
        if match:
            indent = match.group("indent")
            if int(match.group("number")) < number:
                anchor_index = index
            elif anchor_index is None:
                anchor_index = index - 1
                break
    if indent is None and fallback is not None:
        for index in range(start + 1, end):
            match = fallback.match(lines[index])
            if match:
                anchor_index, indent = index, match.group("indent")
    if indent is None:
        raise ScaffoldError(say("scaffold.nav_where", page=page, file=path.name))
    lines.insert(anchor_index + 1, f"{indent}- {page}")
    path.write_text("\n".join(lines), encoding="utf-8")


# --- chapters ----------------------------------------------------------------------------------

CHAPTER = {
    "bg": {
        "description": "TODO: едно изречение за търсачките и за прегледа на връзката – какво научава читателят.",
        "lead": "TODO: кратко въведение – за какво е главата, за кого е и откъде идва материалът.",
        "objectives": "Какво ще можете да правите",
        "objective": "TODO: какво ще може да прави читателят след главата.",
        "section": "TODO: първи раздел на главата",
        "text": "TODO: текстът на раздела. Всяко число е с година и източник.",
        "task": "TODO: точка от контролния списък.",
        "example": "Пример: TODO",
        "example_text": "TODO: разработен пример от Бургас или друго място в България.",
        "trainer": "За обучителя: TODO (20 минути)",
        "trainer_text": "TODO: упражнение или дискусия за обучението, с продължителност.",
        "key_points": "Основни изводи",
        "key_point": "TODO: основните изводи от главата.",
        "sources": "Източници",
        "source": "TODO: използваните източници като връзки – заглавие, издател, година.",
    },
    "en": {
        "description": "TODO: one sentence for search engines and link previews – what the reader learns.",
        "lead": "TODO: a short lead – what the chapter is about, who it is for and where its material comes from.",
        "objectives": "What you will be able to do",
        "objective": "TODO: what the reader will be able to do after this chapter.",
        "section": "TODO: the first section of the chapter",
        "text": "TODO: the text of the section. Every figure carries its year and source.",
        "task": "TODO: a checklist item.",
        "example": "Worked example: TODO",
        "example_text": "TODO: a worked example set in Burgas or elsewhere in Bulgaria.",
        "trainer": "For trainers: TODO (20 minutes)",
        "trainer_text": "TODO: an exercise or discussion for a training, with its duration.",
        "key_points": "Key points",
        "key_point": "TODO: the key points of the chapter.",
        "sources": "Sources",
        "source": "TODO: the sources used, as links – title, publisher, year.",
    },
}


def chapter_markdown(lang: str, title: str, anchor: str) -> str:
    t = CHAPTER[lang]
    return "\n".join([
        "---",
        "description: >-",
        f"  {t['description']}",
        "---",
        "",
        f"# {title} {{ #{anchor} }}",
        "",
        t["lead"],
        "",
        f"## {t['objectives']} {{ #objectives }}",
        "",
        f"- {t['objective']}",
        "",
        f"## {t['section']} {{ #{anchor}-basics }}",
        "",
        t["text"],
        "",
        f"- [ ] {t['task']}",
        "",
        f"!!! example \"{t['example']}\"",
        f"    {t['example_text']}",
        "",
        f"??? trainer \"{t['trainer']}\"",
        f"    {t['trainer_text']}",
        "",
        f"## {t['key_points']} {{ #key-points }}",
        "",
        f"- {t['key_point']}",
        "",
        f"## {t['sources']} {{ #sources }}",
        "",
        f"- {t['source']}",
        "",
    ])


def _title(lang: str, value: str | None) -> str:
    title = " ".join((value or "").split())
    if not title:
        raise ScaffoldError(say("scaffold.title_missing", language=say(f"scaffold.language_{lang}"), lang=lang,
                                upper=lang.upper()))
    if any(char in title for char in "{}#\n"):
        raise ScaffoldError(say("scaffold.title_characters", language=say(f"scaffold.language_{lang}")))
    return title


def new_chapter(root: Path, slug: str, titles: dict[str, str]) -> list[Path]:
    """Create docs/<lang>/chapters/NN-<name>.md in every language and add it to the nav."""
    root = Path(root)
    if not (slug or "").strip():
        raise ScaffoldError(say("scaffold.chapter_name_missing"))
    match = _SLUG.match(slug or "")
    if not match:
        raise ScaffoldError(say("scaffold.chapter_name_bad", slug=slug))
    titles = {lang: _title(lang, titles.get(lang)) for lang in LANGUAGES}
    name = match.group("name")
    chapters = root / "docs" / LANGUAGES[0] / "chapters"
    existing = sorted(chapters.glob("*.md")) if chapters.is_dir() else []
    numbers = [int(p.name[:2]) for p in existing if p.name[:2].isdigit()]
    number = int(match.group("number")) if match.group("number") else max(numbers, default=0) + 1
    stem = f"{number:02d}-{name}"
    for path in existing:
        if path.stem[3:] == name:
            raise ScaffoldError(say("scaffold.chapter_exists", name=name, path=path.relative_to(root).as_posix()))
        if path.name[:2] == f"{number:02d}":
            raise ScaffoldError(say("scaffold.chapter_number_taken", number=f"{number:02d}",
                                    path=path.relative_to(root).as_posix()))
    anchor = name
    created = []
    for lang in LANGUAGES:
        path = root / "docs" / lang / "chapters" / f"{stem}.md"
        if path.exists():
            raise ScaffoldError(say("scaffold.file_exists", path=path.relative_to(root).as_posix()))
    for lang in LANGUAGES:
        path = root / "docs" / lang / "chapters" / f"{stem}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(chapter_markdown(lang, titles[lang], anchor), encoding="utf-8")
        created.append(path)
    add_to_nav(root / "mkdocs.yml", f"chapters/{stem}.md", _NAV_CHAPTER, number)
    return created


# --- worksheets --------------------------------------------------------------------------------

def worksheet_yaml(code: str, titles: dict[str, str], chapter: str) -> str:
    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    return f"""# Worksheet {code}: one bilingual definition. The web page, the fillable PDF and the DOCX of both
# languages are made from it at build time. Field types: text, long_text, date, checkboxes (with
# options), table (with columns), rating. See CONTRIBUTING.md, "Add a worksheet".
code: {code}
title:
  bg: {quoted(titles['bg'])}
  en: {quoted(titles['en'])}
chapters: [{chapter}]
purpose:
  bg: >-
    TODO: за какво служи работният лист – едно-две изречения.
  en: >-
    TODO: what the worksheet is for – one or two sentences.
instructions:
  bg: >-
    TODO: как се попълва.
  en: >-
    TODO: how to fill it in.
training_use:
  bg: >-
    TODO: как да се използва в обучение и колко време отнема.
  en: >-
    TODO: how to use it in a training and how long it takes.
fields:
  - id: organisation
    type: text
    label:
      bg: Организация
      en: Organisation
  - id: notes
    type: long_text
    lines: 6
    label:
      bg: "TODO: първото поле за попълване"
      en: "TODO: the first field to fill in"
"""


def new_worksheet(root: Path, slug: str, titles: dict[str, str], chapter: str) -> list[Path]:
    """Create docs/data/worksheets/wNN-<name>.yml and add worksheets/wNN-<name>.md to the nav."""
    root = Path(root)
    if not (slug or "").strip():
        raise ScaffoldError(say("scaffold.worksheet_name_missing"))
    match = _WORKSHEET_SLUG.match(slug or "")
    if not match:
        raise ScaffoldError(say("scaffold.worksheet_name_bad", slug=slug))
    titles = {lang: _title(lang, titles.get(lang)) for lang in LANGUAGES}
    folder = root / "docs" / "data" / "worksheets"
    existing = sorted(folder.glob("w*.yml")) if folder.is_dir() else []
    numbers = [int(p.name[1:3]) for p in existing if p.name[1:3].isdigit()]
    number = int(match.group("number")) if match.group("number") else max(numbers, default=0) + 1
    name = match.group("name")
    stem = f"w{number:02d}-{name}"
    for path in existing:
        if path.name[1:3] == f"{number:02d}":
            raise ScaffoldError(say("scaffold.worksheet_number_taken", number=number,
                                    path=path.relative_to(root).as_posix()))
        if path.stem[4:] == name:
            raise ScaffoldError(say("scaffold.worksheet_exists", name=name, path=path.relative_to(root).as_posix()))
    chapter = (chapter or "").strip().removesuffix(".md")
    stems = page_stems(root / "docs")
    if chapter not in stems:
        raise ScaffoldError(say("scaffold.chapter_unknown", chapters=", ".join(sorted(stems))))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.yml"
    path.write_text(worksheet_yaml(f"W{number}", titles, chapter), encoding="utf-8")
    add_to_nav(root / "mkdocs.yml", f"worksheets/{stem}.md", _NAV_WORKSHEET, number, _NAV_WORKSHEET_INDEX)
    return [path]


# --- checks ------------------------------------------------------------------------------------

def placeholders(root: Path) -> list[Problem]:
    """Every "TODO" left in the content (pages, front matter, data)."""
    root = Path(root)
    problems = []
    for path in sorted((root / "docs").rglob("*")):
        if path.suffix not in (".md", ".yml") or not path.is_file() or "wordlists" in path.parts:
            continue
        found = []
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            yaml_comment = path.suffix == ".yml" and line.lstrip().startswith("#")
            if PLACEHOLDER in line and not yaml_comment:
                found.append(number)
        if found:
            lines = ", ".join(map(str, found))
            problems.append(Problem(path.relative_to(root).as_posix(), found[0],
                                    say("scaffold.placeholders", count=len(found), word=PLACEHOLDER, lines=lines)))
    return problems


def nav_problems(root: Path) -> list[Problem]:
    """Pages that are not in the navigation (a strict build fails on them) and nav entries with
    no page or worksheet behind them."""
    root = Path(root)
    mkdocs_yml = root / "mkdocs.yml"
    if not mkdocs_yml.exists():
        return []
    try:
        listed = nav_pages(mkdocs_yml)
    except ScaffoldError as error:
        return [Problem("mkdocs.yml", 0, error.message)]
    docs = root / "docs"
    lang = LANGUAGES[0]
    pages = {p.relative_to(docs / lang).as_posix() for p in (docs / lang).rglob("*.md")}
    sheets = {f"worksheets/{p.stem}.md" for p in (docs / "data" / "worksheets").glob("*.yml")}
    problems = []
    for page in sorted((pages | sheets) - set(listed)):
        source = f"docs/data/worksheets/{Path(page).stem}.yml" if page in sheets else f"docs/{lang}/{page}"
        problems.append(Problem(source, 0, say("scaffold.not_in_nav", page=page)))
    for page in listed:
        if page not in pages and page not in sheets:
            problems.append(Problem("mkdocs.yml", 0, say("scaffold.nav_without_page", page=page)))
    return problems
