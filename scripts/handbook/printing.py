"""Print editions: a PDF per chapter and the whole handbook per language (reader and trainer
editions), rendered by WeasyPrint from a print template of each page's article, never from
Material's full page (which WeasyPrint cannot lay out).

Inputs are plain data (page titles, article HTML, URLs), so this module does not depend on MkDocs.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from . import pdf
from .outputs import write_atomic

HERE = Path(__file__).resolve().parent
GENERATOR_SOURCES = ["printing.py", "pdf.py"]

TEXT = {
    "bg": {
        "page": "Стр.", "of": "от", "contents": "Съдържание", "trainer_edition": "Издание за обучители",
        "reader_edition": "Издание за читатели", "version": "Версия", "date": "Дата",
        "appendix": "Приложение: работни листове", "builds_on": "Наръчник за обучение, който надгражда проекта CLARINET "
        "(Communication of Local Authorities for Integration in European Towns).",
        "disclaimer": "Проектът CLARINET е съфинансиран от фонд „Убежище, миграция и интеграция“ на Европейския съюз "
                      "(споразумение за отпускане на безвъзмездни средства № 821562). Съдържанието на този наръчник "
                      "отразява единствено възгледите на авторите и е изцяло тяхна отговорност. Европейската комисия "
                      "не носи отговорност за начина, по който може да бъде използвана съдържащата се в него информация.",
        "online": "Онлайн версия", "trainer_note": "Бележка за обучителя",
        "print": "Печат", "print_group": "Печат и изтегляне", "chapter_pdf": "Главата в PDF",
        "reader_pdf": "Целият наръчник (PDF)", "trainer_pdf": "Наръчникът за обучители (PDF)",
        "trainer_pdf_note": "с бележките за обучителите и работните листове",
        "downloads_title": "Наръчникът за изтегляне",
    },
    "en": {
        "page": "Page", "of": "of", "contents": "Contents", "trainer_edition": "Trainer edition",
        "reader_edition": "Reader edition", "version": "Version", "date": "Date",
        "appendix": "Appendix: worksheets", "builds_on": "A training handbook that builds on the CLARINET project "
        "(Communication of Local Authorities for Integration in European Towns).",
        "disclaimer": "The CLARINET project was co-funded by the European Union's Asylum, Migration and Integration "
                      "Fund (grant agreement No 821562). The content of this handbook represents the views of its "
                      "authors only and is their sole responsibility. The European Commission does not accept any "
                      "responsibility for use that may be made of the information it contains.",
        "online": "Online version", "trainer_note": "Note for trainers",
        "print": "Print", "print_group": "Print and download", "chapter_pdf": "This chapter as PDF",
        "reader_pdf": "The whole handbook (PDF)", "trainer_pdf": "Trainer edition (PDF)",
        "trainer_pdf_note": "with the trainer notes and the worksheets",
        "downloads_title": "The handbook to download",
    },
}

PRINT_CSS = """
@page {
  size: A4; margin: 22mm 20mm 22mm 20mm;
  @top-left { content: string(running-title); font: 8.5pt "Sofia Sans"; color: #444; }
  @bottom-left { content: "%(site)s"; font: 8pt "Sofia Sans"; color: #444; }
  @bottom-right { content: "%(page)s " counter(page) " %(of)s " counter(pages); font: 8pt "Sofia Sans"; color: #444; }
}
@page cover { @top-left { content: none; } @bottom-left { content: none; } @bottom-right { content: none; } }
html { font-family: "Sofia Sans", sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; }
body { margin: 0; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 5mm; string-set: running-title content(text); }
h2 { font-size: 14pt; margin: 7mm 0 2mm; }
h3 { font-size: 12pt; margin: 5mm 0 1.5mm; }
h4 { font-size: 10.5pt; margin: 4mm 0 1mm; }
h1, h2, h3, h4 { break-after: avoid; color: #1a237e; }
p, li { orphans: 3; widows: 3; }
a { color: #1a237e; text-decoration: none; }
a.external::after { content: " (" attr(href) ")"; font-size: 8pt; color: #444; word-break: break-all; }
table { border-collapse: collapse; width: 100%%; margin: 3mm 0; font-size: 9pt; }
th, td { border: 0.5pt solid #999; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #eef; }
table, .admonition, figure, img, pre { break-inside: avoid; }
img { max-width: 100%%; }
abbr { text-decoration: none; }
.admonition { border-left: 1.2mm solid #3949ab; background: #f5f6fb; padding: 2mm 4mm; margin: 3mm 0; }
.admonition.trainer { border-left-color: #6a1b9a; background: #f7f0fa; }
.admonition.warning { border-left-color: #e65100; background: #fff6ee; }
.admonition-title { font-weight: 700; margin: 0 0 1mm; }
ul.task-list { list-style: none; padding-left: 2mm; }
.task-list-item input { display: none; }
.task-list-item::before { content: "☐ "; }
.chapter { break-before: page; }
.cover { page: cover; height: 240mm; display: flex; flex-direction: column; justify-content: space-between; }
.cover h1 { font-size: 28pt; string-set: none; }
.cover .edition { font-size: 14pt; color: #6a1b9a; }
.cover .disclaimer { font-size: 9pt; color: #333; border-top: 0.5pt solid #999; padding-top: 3mm; }
nav.toc { break-before: page; }
nav.toc h1 { string-set: running-title content(text); }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { margin: 1.5mm 0; }
nav.toc a::after { content: leader(".") " " target-counter(attr(href), page); }
nav.toc a.external::after { content: leader(".") " " target-counter(attr(href), page); }
.worksheet input[type=text], .worksheet textarea { display: block; width: 100%%; border: 0.6pt solid #555; height: 8mm; }
.worksheet ul.choices { list-style: none; padding: 0; columns: 2; }
.worksheet .field { margin: 0 0 3mm; break-inside: avoid; }
.worksheet .label { font-weight: 700; display: block; }
.worksheet td { height: 8mm; }
.worksheet h1 { font-size: 16pt; }
"""


@dataclass(frozen=True)
class PrintPage:
    """One page to print: its title, rendered article HTML and public URL path."""
    title: str
    html: str
    url: str  # path of the page on the site, e.g. "/en/chapters/01-introduction/"
    anchor: str = ""  # the id of its first heading


@dataclass
class Printed:
    path: Path
    size: int


def _abs(site_url: str, page_url: str, href: str) -> str:
    return urljoin(urljoin(site_url, page_url.lstrip("/")), href)


def prepare_article(article: str, page_url: str, site_url: str, keep_trainer_notes: bool,
                    internal: dict[str, str] | None = None) -> str:
    """The article made ready for paper: permalinks removed, trainer notes dropped or opened,
    links absolute (or pointing inside the document when `internal` maps the target's page URL
    to its id in the document), external links marked so their address is printed."""
    root = lxml_html.fragment_fromstring(article, create_parent="div")
    for link in root.xpath('.//a[contains(concat(" ", normalize-space(@class), " "), " headerlink ")]'):
        link.drop_tree()
    for abbr in root.xpath(".//abbr"):
        abbr.attrib.pop("tabindex", None)
    for details in root.xpath(".//details"):
        classes = details.get("class", "").split()
        if "trainer" in classes and not keep_trainer_notes:
            details.drop_tree()
            continue
        details.tag = "div"
        details.set("class", " ".join(["admonition", *classes]))
        details.attrib.pop("open", None)
        for summary in details.xpath("./summary"):
            summary.tag = "p"
            summary.set("class", "admonition-title")
    page_key = urlsplit(page_url).path
    for link in root.xpath(".//a[@href]"):
        href = link.get("href")
        if href.startswith("#"):
            if internal is not None and page_key in internal:
                link.set("href", f"#{internal[page_key]}--{href[1:]}")
            continue
        parts = urlsplit(href)
        if parts.scheme in ("http", "https"):
            link.set("class", (link.get("class", "") + " external").strip())
            continue
        if parts.scheme or href.startswith("mailto:"):
            continue
        absolute = _abs(site_url, page_url, href)
        target_path = urlsplit(urljoin(page_url, href)).path
        if internal is not None and target_path in internal:
            fragment = parts.fragment
            link.set("href", f"#{internal[target_path]}--{fragment}" if fragment else f"#{internal[target_path]}")
        else:
            link.set("href", absolute)
    if internal is not None and page_key in internal:
        prefix = internal[page_key]
        for element in root.xpath(".//*[@id]"):
            element.set("id", f"{prefix}--{element.get('id')}")
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


def _document(lang: str, title: str, body: str, site_url: str, description: str = "") -> str:
    t = TEXT[lang]
    css = PRINT_CSS % {"site": site_url.replace('"', "'"), "page": t["page"], "of": t["of"]}
    meta = f'<meta name="description" content="{html_lib.escape(description)}">' if description else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html_lib.escape(title)}</title>{meta}"
            f"<style>{pdf.FONT_CSS}\n{css}</style></head><body>{body}</body></html>")


def chapter_html(page: PrintPage, lang: str, site_url: str, handbook_name: str) -> str:
    article = prepare_article(page.html, page.url, site_url, keep_trainer_notes=False)
    online = _abs(site_url, page.url, "")
    footer = (f'<p class="online" style="margin-top:8mm;font-size:8.5pt;color:#444">{TEXT[lang]["online"]}: '
              f'<a href="{html_lib.escape(online)}">{html_lib.escape(online)}</a></p>')
    return _document(lang, f"{page.title} – {handbook_name}", article + footer, site_url)


def handbook_html(pages: list[PrintPage], lang: str, site_url: str, handbook_name: str, edition: str,
                  version: str, date: str, appendix: list[str] | None = None) -> str:
    """The whole handbook: cover, table of contents, each page on a new page, worksheets appendix."""
    t = TEXT[lang]
    trainer = edition == "trainer"
    internal = {page.url: f"p{number}" for number, page in enumerate(pages, start=1)}
    cover = (f'<section class="cover"><div><h1>{html_lib.escape(handbook_name)}</h1>'
             f'<p class="edition">{t["trainer_edition"] if trainer else t["reader_edition"]}</p>'
             f"<p>{t['builds_on']}</p>"
             f"<p>{t['version']}: {html_lib.escape(version)} · {t['date']}: {html_lib.escape(date)}</p>"
             f'<p><a href="{html_lib.escape(site_url)}">{html_lib.escape(site_url)}</a></p></div>'
             f'<p class="disclaimer">{t["disclaimer"]}</p></section>')
    toc_items = [f'<li><a href="#{internal[page.url]}--{page.anchor}">{html_lib.escape(page.title)}</a></li>'
                 for page in pages]
    if appendix:
        toc_items.append(f'<li><a href="#appendix">{t["appendix"]}</a></li>')
    toc = f'<nav class="toc"><h1 id="contents">{t["contents"]}</h1><ol>{"".join(toc_items)}</ol></nav>'
    chapters = [f'<section class="chapter">{prepare_article(p.html, p.url, site_url, trainer, internal)}</section>'
                for p in pages]
    appendix_html = ""
    if appendix:
        sheets = "".join(f'<section class="chapter worksheet">{body}</section>' for body in appendix)
        appendix_html = (f'<section class="chapter"><h1 id="appendix">{t["appendix"]}</h1></section>{sheets}')
    title = f"{handbook_name} – {t['trainer_edition'] if trainer else t['reader_edition']}"
    return _document(lang, title, cover + toc + "".join(chapters) + appendix_html, site_url)


def worksheet_body(print_html: str) -> str:
    """The body of a worksheet's print document, for the trainer edition's appendix."""
    match = re.search(r"<body>(.*)</body>", print_html, re.DOTALL)
    body = match.group(1) if match else ""
    return body.replace('<h1>', '<h1 style="string-set: running-title content(text)">', 1)


@dataclass
class PdfCache:
    """Renders HTML to PDF once per distinct input (content-addressed, atomic writes)."""
    cache_dir: Path
    rendered: int = 0
    reused: int = 0
    _digest: str = field(default="", init=False)

    def _generator(self) -> str:
        if not self._digest:
            digest = hashlib.sha256()
            for name in GENERATOR_SOURCES:
                digest.update((HERE / name).read_bytes())
            self._digest = digest.hexdigest()
        return self._digest

    def render(self, document: str) -> Printed:
        key = hashlib.sha256((self._generator() + document).encode("utf-8")).hexdigest()[:32]
        path = self.cache_dir / f"{key}.pdf"
        if path.exists():
            self.reused += 1
        else:
            write_atomic(path, pdf.render(document, base_url=str(pdf.FONTS)))
            self.rendered += 1
        return Printed(path, path.stat().st_size)


def chapter_file(stem: str, lang: str) -> str:
    return f"chapter-{stem}-{lang}.pdf"


def handbook_file(edition: str, lang: str) -> str:
    return f"handbook-{edition}-{lang}.pdf"


@dataclass
class Editions:
    """Every print file of every language: chapter PDFs and the two handbook editions."""
    cache: PdfCache
    files: dict = field(default_factory=dict)  # (lang, file name) -> Printed

    def build_language(self, lang: str, chapters: dict[str, PrintPage], guide: PrintPage,
                       back_matter: list[PrintPage], appendix: list[str], site_url: str,
                       handbook_name: str, version: str, date: str) -> None:
        for stem, page in chapters.items():
            self.files[(lang, chapter_file(stem, lang))] = self.cache.render(
                chapter_html(page, lang, site_url, handbook_name))
        ordered = list(chapters.values())
        reader = handbook_html(ordered + back_matter, lang, site_url, handbook_name, "reader", version, date)
        trainer = handbook_html([guide] + ordered + back_matter, lang, site_url, handbook_name, "trainer",
                                version, date, appendix)
        self.files[(lang, handbook_file("reader", lang))] = self.cache.render(reader)
        self.files[(lang, handbook_file("trainer", lang))] = self.cache.render(trainer)

    def get(self, lang: str, name: str) -> Printed | None:
        return self.files.get((lang, name))

    def publish(self, site_root: Path, folder_of) -> None:
        from .outputs import copy_atomic
        for (lang, name), printed in self.files.items():
            copy_atomic(printed.path, site_root / folder_of(lang) / "downloads" / name)
