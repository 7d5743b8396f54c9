"""Print editions: a PDF per chapter and the whole handbook per language (reader and trainer
editions), rendered by WeasyPrint from a print template of each page's article, never from
Material's full page (which WeasyPrint cannot lay out).

Inputs are plain data (page titles, article HTML, URLs), so this module does not depend on MkDocs.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html

from handbook import strings
from handbook.downloads import pdf
from handbook.downloads.cache import ContentCache, copy_atomic
from handbook.languages import folder
from handbook.sources.markdown import headings


def labels(lang: str) -> dict:
    """The print strings of a language, with the page numbering words ("Page 3 of 40")."""
    table = strings.table(lang)
    return {**table["print"], "page": table["page"]["page"], "of": table["page"]["of"]}


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
    t = labels(lang)
    css = PRINT_CSS % {"site": site_url.replace('"', "'"), "page": t["page"], "of": t["of"]}
    meta = f'<meta name="description" content="{html_lib.escape(description)}">' if description else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>{html_lib.escape(title)}</title>{meta}"
            f"<style>{pdf.FONT_CSS}\n{css}</style></head><body>{body}</body></html>")


def chapter_html(page: PrintPage, lang: str, site_url: str, handbook_name: str) -> str:
    article = prepare_article(page.html, page.url, site_url, keep_trainer_notes=False)
    online = _abs(site_url, page.url, "")
    footer = (f'<p class="online" style="margin-top:8mm;font-size:8.5pt;color:#444">{labels(lang)["online"]}: '
              f'<a href="{html_lib.escape(online)}">{html_lib.escape(online)}</a></p>')
    return _document(lang, f"{page.title} – {handbook_name}", article + footer, site_url)


def handbook_html(pages: list[PrintPage], lang: str, site_url: str, handbook_name: str, edition: str,
                  version: str, date: str, appendix: list[str] | None = None) -> str:
    """The whole handbook: cover, table of contents, each page on a new page, worksheets appendix."""
    t = labels(lang)
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


EDITIONS_GENERATOR = ["downloads/editions.py", "downloads/pdf.py", "strings/bg.yml", "strings/en.yml"]


class PdfCache(ContentCache):
    """Renders a print document to PDF once per distinct document."""

    def __init__(self, cache_dir: Path):
        super().__init__(cache_dir, EDITIONS_GENERATOR)

    def render(self, document: str) -> Printed:
        path = self.get([document.encode("utf-8")], ".pdf",
                        lambda: pdf.render(document, base_url=str(pdf.FONTS)))
        return Printed(path, path.stat().st_size)


def first_anchor(markdown: str | None) -> str:
    """The id of a page's first heading (where the table of contents points)."""
    heads = headings(markdown or "")
    return heads[0].anchor or "" if heads else ""


def chapter_file(stem: str, lang: str) -> str:
    return f"chapter-{stem}-{lang}.pdf"


def handbook_file(edition: str, lang: str) -> str:
    return f"handbook-{edition}-{lang}.pdf"


@dataclass(frozen=True)
class Edition:
    """Everything one language's print files are made of."""
    lang: str
    chapters: dict  # stem -> PrintPage, in order
    guide: PrintPage  # the trainers' guide, first in the trainer edition
    back_matter: list  # glossary and resources
    appendix: list  # the worksheets' print bodies (trainer edition)
    site_url: str
    handbook_name: str
    version: str
    date: str


@dataclass
class Editions:
    """Every print file of every language: chapter PDFs and the two handbook editions."""
    cache: PdfCache
    files: dict = field(default_factory=dict)  # (lang, file name) -> Printed

    def build_language(self, e: Edition) -> None:
        lang = e.lang
        for stem, page in e.chapters.items():
            self.files[(lang, chapter_file(stem, lang))] = self.cache.render(
                chapter_html(page, lang, e.site_url, e.handbook_name))
        ordered = list(e.chapters.values())
        reader = handbook_html(ordered + e.back_matter, lang, e.site_url, e.handbook_name, "reader", e.version, e.date)
        trainer = handbook_html([e.guide] + ordered + e.back_matter, lang, e.site_url, e.handbook_name, "trainer",
                                e.version, e.date, e.appendix)
        self.files[(lang, handbook_file("reader", lang))] = self.cache.render(reader)
        self.files[(lang, handbook_file("trainer", lang))] = self.cache.render(trainer)

    def get(self, lang: str, name: str) -> Printed | None:
        return self.files.get((lang, name))

    def publish(self, site_root: Path) -> None:
        for (lang, name), printed in self.files.items():
            copy_atomic(printed.path, site_root / folder(lang) / "downloads" / name)
