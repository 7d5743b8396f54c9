"""The handbook's content, from its sources: every chapter in both languages, same structure, long
enough, practical (objectives, checklist, worked example, trainer notes, key points, sources)."""

from __future__ import annotations

import re

import pytest

from handbook.sources import markdown

from support import ROOT
DOCS = ROOT / "docs"
CHAPTERS = sorted(p.name for p in (DOCS / "bg" / "chapters").glob("*.md"))
GUIDES = ["trainers-guide.md"]
WORD_FLOOR = 1500
EXPECTED_CHAPTERS = [
    "01-introduction.md", "02-migration-in-facts.md", "03-how-people-think.md",
    "04-effective-campaigns.md", "05-working-with-media.md", "06-social-media.md",
    "07-events-exhibitions.md", "08-ethics.md", "09-action-plan.md", "10-evaluation.md",
    "11-crisis-communication.md",
]


def read(lang: str, rel: str) -> str:
    return (DOCS / lang / rel).read_text(encoding="utf-8")


def prose_words(text: str) -> int:
    """Words of real content: without front matter, the sources section, URLs, anchors and markup."""
    body, _ = markdown.strip_front_matter(text)
    body = re.split(r"^##\s.*\{\s*#sources\s*\}.*$", body, flags=re.MULTILINE)[0]
    body = re.sub(r"\{[^}]*#[^}]*\}", " ", body)  # heading anchors
    body = re.sub(r"\]\([^)]*\)", "]", body)  # link targets
    body = re.sub(r"[#*_>|`\[\]!?-]+", " ", body)
    return len([w for w in body.split() if re.search(r"\w", w)])


def test_all_eleven_chapters_exist():
    assert CHAPTERS == EXPECTED_CHAPTERS


@pytest.mark.parametrize("rel", [f"chapters/{c}" for c in CHAPTERS] + GUIDES)
@pytest.mark.parametrize("lang", ["bg", "en"])
def test_chapter_meets_the_length_floor(lang, rel):
    words = prose_words(read(lang, rel))
    assert words >= WORD_FLOOR, f"docs/{lang}/{rel}: {words} words, floor {WORD_FLOOR}"


@pytest.mark.parametrize("rel", [f"chapters/{c}" for c in CHAPTERS] + GUIDES + [
    "index.md", "about.md", "glossary.md", "resources.md", "worksheets/index.md", "legal-map.md", "cases.md",
    "lines-to-take.md"])
def test_both_languages_have_the_same_anchors(rel):
    assert markdown.anchors(read("bg", rel)) == markdown.anchors(read("en", rel))


@pytest.mark.parametrize("chapter", CHAPTERS)
@pytest.mark.parametrize("lang", ["bg", "en"])
def test_chapter_has_the_practical_parts(lang, chapter):
    md = read(lang, f"chapters/{chapter}")
    anchors = markdown.anchors(md)
    where = f"docs/{lang}/chapters/{chapter}"
    assert anchors[1] == "objectives", f"{where}: must open with the objectives section"
    assert anchors[-2:] == ["key-points", "sources"], f"{where}: must end with key points and sources"
    assert re.search(r"^\s*- \[ \] ", md, re.MULTILINE), f"{where}: no checklist"
    assert re.search(r'^!!! example "', md, re.MULTILINE), f"{where}: no worked example"
    assert re.search(r"Бургас|Burgas|България|Bulgaria", md), f"{where}: no Bulgarian setting"
    sources = md.split("{ #sources }", 1)[1]
    assert len(re.findall(r"\]\(https?://", sources)) >= 3, f"{where}: sources must be links"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_trainer_notes_match_between_languages(chapter):
    def notes_per_section(md):
        counts, section = {}, None
        for line in md.splitlines():
            heading = re.match(r"^#{2,3} .*\{ #([a-z0-9-]+) \}", line)
            if heading:
                section = heading.group(1)
            if line.startswith("??? trainer"):
                counts[section] = counts.get(section, 0) + 1
        return counts

    bg, en = (notes_per_section(read(lang, f"chapters/{chapter}")) for lang in ("bg", "en"))
    assert bg, f"chapters/{chapter}: no trainer notes"
    assert bg == en


@pytest.mark.parametrize("chapter", CHAPTERS)
@pytest.mark.parametrize("lang", ["bg", "en"])
def test_chapter_links_the_glossary_and_worksheets_where_they_serve(lang, chapter):
    md = read(lang, f"chapters/{chapter}")
    assert "glossary.md" in md or chapter.startswith("01"), f"{lang}/{chapter}: no glossary link"
    assert "../worksheets/w" in md, f"{lang}/{chapter}: links no worksheet"


def test_every_worksheet_is_linked_from_a_chapter():
    linked = set()
    for chapter in CHAPTERS:
        linked |= set(re.findall(r"worksheets/(w\d\d-[a-z0-9-]+)\.md", read("bg", f"chapters/{chapter}")))
    defined = {p.stem for p in (DOCS / "data" / "worksheets").glob("*.yml")}
    assert defined <= linked, f"worksheets no chapter links: {sorted(defined - linked)}"


def test_english_uses_british_spelling():
    american = re.compile(r"\b(organiz\w*|behavior\w*|center(?:s|ed)?\b|color\w*|"
                          r"favor\w*|analyze\w*|recognize\w*|prioritize\w*|labor\b|defense\b)", re.I)
    # proper names keep their own spelling
    proper_names = re.compile(r"(World Health |International )?Organization for Migration|"
                              r"Center for (Legal Aid|Social Innovation)|\bOrganization\b")
    problems = []
    for path in sorted((DOCS / "en").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = proper_names.sub("", re.sub(r"\]\([^)]*\)|https?://\S+", "", line))
            for match in american.finditer(text):
                problems.append(f"{path.relative_to(ROOT)}:{number}: {match.group(0)}")
    assert not problems, "\n".join(problems)


def test_bulgarian_uses_bulgarian_quotes():
    problems = []
    for path in sorted((DOCS / "bg").rglob("*.md")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = re.sub(r"\]\([^)]*\)|`[^`]*`|\{[^}]*\}", "", line)
            if line.lstrip().startswith(("!!!", "???")):
                text = ""  # admonition titles are quoted by Markdown syntax
            if re.search(r'"[А-Яа-я]', text):
                problems.append(f"{path.relative_to(ROOT)}:{number}: straight quotes around Bulgarian text")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", ["bg", "en"])
def test_resources_page_lists_every_cited_source(lang):
    url = re.compile(r"\]\((https?://[^)\s]+)\)")
    resources = set(url.findall(read(lang, "resources.md")))
    cited = {}
    handbook_pages = [DOCS / lang / rel for rel in ("index.md", "about.md", "glossary.md", "trainers-guide.md")]
    handbook_pages += sorted((DOCS / lang / "chapters").glob("*.md"))
    for path in handbook_pages:  # the handbook's own text (not site pages such as the accessibility statement)
        for link in url.findall(path.read_text(encoding="utf-8")):
            cited.setdefault(link, path.relative_to(ROOT).as_posix())
    missing = [f"{link} (cited in {where})" for link, where in cited.items() if link not in resources]
    assert not missing, "not on the resources page:\n" + "\n".join(missing)
