"""Print: chapter PDFs and the handbook in two editions per language, and the Print and PDF buttons
of the built pages."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from handbook.downloads import editions as printing
from handbook.sources import worksheets
from support.pdfs import page_count, page_texts
from support.sitemodel import BuiltPage, file_for
from handbook.sources import markdown

from support import ROOT
DOCS = ROOT / "docs"
LANGS = {"bg": "", "en": "en/"}
CHAPTERS = sorted(p.stem for p in (DOCS / "bg" / "chapters").glob("*.md"))
NAV_LABELS = {
    # Material's chrome: skip link, edit button, language selector, back-to-top, palette toggle
    "bg": ["Към съдържанието", "Редактирай тази страница", "Избери език", "Върни се в началото", "Тъмна тема"],
    "en": ["Skip to content", "Edit this page", "Select language", "Back to top", "Switch to dark mode"],
}


def headings(lang: str, rel: str):
    return markdown.headings((DOCS / lang / rel).read_text(encoding="utf-8"))


def downloads(site, lang):
    return site / LANGS[lang] / "downloads"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stem", CHAPTERS)
def test_chapter_pdf(site, lang, stem):
    path = downloads(site, lang) / printing.chapter_file(stem, lang)
    reader = PdfReader(path)
    assert 2 <= len(reader.pages) <= 30
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root
    heads = headings(lang, f"chapters/{stem}.md")
    title, first_section = heads[0].text, heads[1].text
    title = f"{int(stem[:2])}. {title}"  # chapter titles carry their numbers (render/chapters.py)
    assert reader.metadata.title.startswith(title)
    text = " ".join(page_texts(path))
    assert " ".join(title.split()) in text
    assert " ".join(first_section.split()) in text
    for label in NAV_LABELS[lang]:
        assert not re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text), f"navigation label “{label}” in PDF"
    # bookmarks from the headings
    outline_titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert any(title in t for t in outline_titles)
    # external links stay clickable and fonts are embedded
    uris = [a.get_object()["/A"].get("/URI") for p in reader.pages for a in p.get("/Annots", [])
            if "/A" in a.get_object()]
    assert any(u and u.startswith("http") for u in uris)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
    # the chapter PDF is the reader's: trainer notes stay in the trainer edition
    md = (DOCS / lang / "chapters" / f"{stem}.md").read_text(encoding="utf-8")
    for note in re.findall(r'^\?\?\? trainer "([^"]+)"', md, re.MULTILINE):
        assert " ".join(note.split()) not in text, f"trainer note “{note}” in the chapter PDF"


def toc_entries(texts, lang):
    """(title, page) pairs of the table of contents (it follows the cover)."""
    contents = printing.labels(lang)["contents"]
    toc_pages = [t for t in texts[1:4] if t.startswith(contents) or f" {contents} " in t[:80]]
    # drop the running header and the heading ("Contents Contents …") before the first entry
    joined = re.sub(rf"^(?:{re.escape(contents)}\s+)+", "", " ".join(toc_pages))
    return [(m.group(1).strip(), int(m.group(2))) for m in re.finditer(r"([^.]+?)\s*\.{3,}\s*(\d+)", joined)]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("edition", ["reader", "trainer"])
def test_handbook_edition_contents_and_page_numbers(site, lang, edition):
    path = downloads(site, lang) / printing.handbook_file(edition, lang)
    texts = page_texts(path)
    assert printing.labels(lang)["disclaimer"][:60] in " ".join(texts[0].split())
    assert "CLARINET" in texts[0]
    titles = [headings(lang, f"chapters/{stem}.md")[0].text for stem in CHAPTERS]
    titles += [headings(lang, "glossary.md")[0].text, headings(lang, "resources.md")[0].text]
    if edition == "trainer":
        titles.insert(0, headings(lang, "trainers-guide.md")[0].text)
    entries = toc_entries(texts, lang)
    listed = [title for title, _ in entries]
    for title in titles:  # every chapter, in order
        assert any(title.startswith(t.rstrip("…")[:40]) or t.startswith(title[:40]) for t in listed), title
    positions = [next(i for i, t in enumerate(listed) if title[:40] in t or t[:40] in title) for title in titles]
    assert positions == sorted(positions)
    # each listed page number is the page where that chapter starts: its title heads the page
    for title, page in entries:
        assert 1 <= page <= len(texts)
        start = texts[page - 1]
        probe = " ".join(title.split())[:30]
        assert probe in start, f"TOC says “{title}” starts on page {page}"
        assert probe not in texts[page - 2] or page - 1 <= 3, f"“{title}” already on page {page - 1}"


@pytest.mark.parametrize("lang", LANGS)
def test_trainer_edition_adds_trainer_notes_and_worksheets(site, lang):
    reader = " ".join(page_texts(downloads(site, lang) / printing.handbook_file("reader", lang)))
    trainer = " ".join(page_texts(downloads(site, lang) / printing.handbook_file("trainer", lang)))
    note_title = re.search(r'^\?\?\? trainer "([^"]+)"', (DOCS / lang / "chapters" / "04-effective-campaigns.md")
                           .read_text(encoding="utf-8"), re.MULTILINE).group(1)
    note_title = " ".join(note_title.split())
    assert note_title in trainer and note_title not in reader
    sheets = worksheets.load_all(DOCS / "data" / "worksheets")
    for sheet in sheets:
        heading = f"{sheet.code}. {sheet.title[lang]}"
        assert heading in trainer, heading
        assert heading not in reader
    assert headings(lang, "trainers-guide.md")[0].text in trainer
    assert page_count(downloads(site, lang) / printing.handbook_file("trainer", lang)) > \
        page_count(downloads(site, lang) / printing.handbook_file("reader", lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stem", CHAPTERS)
def test_chapter_page_has_print_and_pdf_buttons(site, lang, stem):
    page = BuiltPage(site, file_for(site, f"/{LANGS[lang]}chapters/{stem}/"))
    bar = page.soup.select_one(".handbook-print")
    assert bar is not None and bar.select_one("button[data-handbook-print]")
    links = bar.select("a[href][download]")
    assert len(links) == 4  # the chapter for readers, for trainers, the reader and the trainer edition
    for link in links:
        target, _ = page.resolve(link["href"])
        assert file_for(site, target).exists(), link["href"]
        assert re.search(r"\d+ (KB|КБ|MB|МБ)", link.get_text()), link.get_text()
    assert printing.chapter_file(stem, lang) in links[0]["href"]
    assert printing.chapter_trainer_file(stem, lang) in links[1]["href"]


@pytest.mark.parametrize("lang", LANGS)
def test_home_page_links_both_editions_with_size(site, lang):
    page = BuiltPage(site, file_for(site, f"/{LANGS[lang]}"))
    box = page.soup.select_one(".handbook-downloads")
    hrefs = [a["href"] for a in box.select("a[href]")]
    assert any(printing.handbook_file("reader", lang) in h for h in hrefs)
    assert any(printing.handbook_file("trainer", lang) in h for h in hrefs)
    assert len(re.findall(r"\d+(,\d)? (KB|КБ|MB|МБ)", box.get_text())) == 2
