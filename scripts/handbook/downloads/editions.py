"""Print editions: a PDF per chapter and the whole handbook per language (reader and trainer
editions), rendered by WeasyPrint from a print template of each page's article
(templates/edition_*.html, edition_print.css), never from Material's full page (which WeasyPrint
cannot lay out).

Inputs are plain data (page titles, article HTML, URLs), so this module does not depend on MkDocs.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html
from markupsafe import Markup

from handbook import strings, templates
from handbook.downloads import pdf
from handbook.downloads.cache import ContentCache, copy_atomic
from handbook.address import public as public_address
from handbook.downloads.worksheet_files import LICENCE_URL
from handbook.languages import folder, format_date
from handbook.sources.markdown import headings


def labels(lang: str) -> dict:
    """The print strings of a language, with the page numbering words ("Page 3 of 40")."""
    table = strings.table(lang)
    return {**table["print"], "page": table["page"]["page"], "of": table["page"]["of"]}


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
    to its id in the document), external links marked so their address is printed. A link to
    another page of the site points to its public address, or is dropped (its words kept) when the
    handbook has none (handbook.address.public)."""
    address = public_address(site_url)
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
        target_path = urlsplit(urljoin(page_url, href)).path
        if internal is not None and target_path in internal:
            fragment = parts.fragment
            link.set("href", f"#{internal[target_path]}--{fragment}" if fragment else f"#{internal[target_path]}")
        elif address:
            link.set("href", _abs(address, page_url, href))
        else:  # no public address to point to (none, or this machine's): the words stay, the link goes
            link.drop_tag()
    if internal is not None and page_key in internal:
        prefix = internal[page_key]
        for element in root.xpath(".//*[@id]"):
            element.set("id", f"{prefix}--{element.get('id')}")
    return "".join(lxml_html.tostring(child, encoding="unicode") for child in root)


# The EU emblem beside the funding statement on the cover (AMIF visibility rules), from the site's
# own images; part of the editions' cache key (EDITIONS_GENERATOR).
EMBLEM = Path(__file__).resolve().parents[3] / "overrides" / "assets" / "images" / "eu-emblem.svg"


def _when(date: str, lang: str) -> str:
    """A date in words ("1 December 2026"), or as given when it is not an ISO date."""
    try:
        return format_date(datetime.date.fromisoformat(date[:10]), lang)
    except (TypeError, ValueError):
        return date


def _iso(date: str) -> str:
    """The date for the PDF's metadata (dcterms.created), or "" when it is not an ISO date."""
    try:
        return datetime.date.fromisoformat(date[:10]).isoformat()
    except (TypeError, ValueError):
        return ""


def _year(date: str) -> str:
    return date[:4] if date[:4].isdigit() else str(datetime.date.today().year)


def _document(template: str, lang: str, title: str, site_url: str, handbook_name: str, publisher: str = "",
              date: str = "", **context) -> str:
    """A print document: templates/<template>, framed by print_base.html with edition_print.css
    (and worksheet_form.css for the appendix). The handbook's address is printed (footer, links
    to the online version) only when it is a public one; `online` is its absolute form."""
    t = labels(lang)
    address = public_address(site_url)
    meta = {"author": handbook_name, "description": t["description"], "keywords": t["keywords"],
            "dcterms.created": _iso(date), "dcterms.modified": _iso(date), "dcterms.license": LICENCE_URL,
            "dcterms.publisher": publisher or t["publisher_default"]}
    return templates.render(template, lang=lang, title=title, t=t, address=address, meta=meta,
                            handbook_name=handbook_name, publisher=publisher or t["publisher_default"],
                            font_css=Markup(pdf.FONT_CSS), css=["edition_print.css", "worksheet_form.css"],
                            footer=" · ".join(part for part in (handbook_name, address) if part),
                            page=t["page"], of=t["of"], **context)


def chapter_html(page: PrintPage, lang: str, site_url: str, handbook_name: str, edition: str = "reader",
                 version: str = "", date: str = "", publisher: str = "") -> str:
    """A chapter's PDF: a small header naming the handbook, the edition and the version, the
    article (the trainer edition's keeps the trainer notes) and, when the handbook has a public
    address, where the chapter is online."""
    t = labels(lang)
    trainer = edition == "trainer"
    article = prepare_article(page.html, page.url, site_url, keep_trainer_notes=trainer)
    address = public_address(site_url)
    edition_name = t["trainer_edition"] if trainer else t["reader_edition"]
    return _document("edition_chapter.html", lang, f"{page.title} – {handbook_name}", site_url, handbook_name,
                     publisher, date, article=Markup(article), edition_name=edition_name, version=version,
                     online=_abs(address, page.url, "") if address else "")


def _appendix_entries(bodies: list[str]) -> list[dict]:
    """The worksheets of the appendix, for the table of contents: each body's title and its id."""
    entries = []
    for body in bodies:
        root = lxml_html.fragment_fromstring(body, create_parent="div")
        title = next(iter(root.xpath(".//h1[@id]")), None)
        if title is not None:
            entries.append({"id": title.get("id"), "title": " ".join(title.text_content().split())})
    return entries


def handbook_html(pages: list[PrintPage], lang: str, site_url: str, handbook_name: str, edition: str,
                  version: str, date: str, appendix: list[str] | None = None, publisher: str = "") -> str:
    """The whole handbook: cover, table of contents (in the trainer edition with each worksheet of
    the appendix), each page on a new page, and the worksheets' print bodies as the appendix."""
    t = labels(lang)
    trainer = edition == "trainer"
    internal = {page.url: f"p{number}" for number, page in enumerate(pages, start=1)}
    chapters = [{"prefix": internal[page.url], "anchor": page.anchor, "title": page.title,
                 "article": Markup(prepare_article(page.html, page.url, site_url, trainer, internal))}
                for page in pages]
    edition_name = t["trainer_edition"] if trainer else t["reader_edition"]
    address = public_address(site_url)
    cite = " ".join(part for part in (t["cite"].format(version=version, year=_year(date)), address) if part)
    return _document("edition_handbook.html", lang, f"{handbook_name} – {edition_name}", site_url, handbook_name,
                     publisher, date, edition_name=edition_name, version=version, date_words=_when(date, lang),
                     chapters=chapters, appendix=[Markup(body) for body in appendix or []],
                     worksheets=_appendix_entries(appendix or []), cite=cite, licence_url=LICENCE_URL,
                     emblem=EMBLEM.as_uri() if EMBLEM.exists() else "")


EDITIONS_GENERATOR = ["downloads/editions.py", "downloads/pdf.py", "downloads/worksheet_files.py",
                      "strings/bg.yml", "strings/en.yml", *templates.SOURCES,
                      "downloads/pdfua.py", "../../overrides/assets/images/eu-emblem.svg"]


class PdfCache(ContentCache):
    """Renders a print document to PDF once per distinct document."""

    def __init__(self, cache_dir: Path):
        super().__init__(cache_dir, EDITIONS_GENERATOR)

    def render(self, document: str) -> Printed:
        path = self.get([document.encode("utf-8")], ".pdf",
                        lambda: pdf.render(document, base_url=str(pdf.FONTS)))
        return Printed(path, path.stat().st_size)

    def render_many(self, documents: list[str]) -> list[Printed]:
        """Several documents at once: the missing PDFs render in parallel on every core."""
        paths = self.get_many([([document.encode("utf-8")], ".pdf", pdf.render, (document, str(pdf.FONTS)))
                               for document in documents])
        return [Printed(path, path.stat().st_size) for path in paths]


def first_anchor(markdown: str | None) -> str:
    """The id of a page's first heading (where the table of contents points)."""
    heads = headings(markdown or "")
    return heads[0].anchor or "" if heads else ""


def chapter_file(stem: str, lang: str) -> str:
    """A chapter's PDF for readers (without the trainer notes)."""
    return f"chapter-{stem}-{lang}.pdf"


def chapter_trainer_file(stem: str, lang: str) -> str:
    """A chapter's PDF for trainers (with the trainer notes)."""
    return f"chapter-{stem}-trainer-{lang}.pdf"


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
    date: str  # the build date, ISO
    publisher: str = ""  # who publishes it; "": "The authors of the handbook"


@dataclass
class Editions:
    """Every print file of every language: chapter PDFs and the two handbook editions."""
    cache: PdfCache
    files: dict = field(default_factory=dict)  # (lang, file name) -> Printed

    def build_language(self, e: Edition) -> None:
        lang = e.lang
        common = {"version": e.version, "date": e.date, "publisher": e.publisher}
        documents: dict[str, str] = {}  # file name -> print document; rendered together, in parallel
        ordered = list(e.chapters.values())
        documents[handbook_file("trainer", lang)] = handbook_html(
            [e.guide] + ordered + e.back_matter, lang, e.site_url, e.handbook_name, "trainer", e.version, e.date,
            e.appendix, publisher=e.publisher)
        documents[handbook_file("reader", lang)] = handbook_html(
            ordered + e.back_matter, lang, e.site_url, e.handbook_name, "reader", e.version, e.date,
            publisher=e.publisher)
        for stem, page in e.chapters.items():
            for edition, name in (("reader", chapter_file(stem, lang)), ("trainer", chapter_trainer_file(stem, lang))):
                documents[name] = chapter_html(page, lang, e.site_url, e.handbook_name, edition, **common)
        for name, printed in zip(documents, self.cache.render_many(list(documents.values()))):
            self.files[(lang, name)] = printed

    def chapter_links(self, lang: str, stem: str) -> dict:
        """A chapter's two PDFs by their print-link key: "pdf" (readers) and "chapter_trainer"."""
        return {"pdf": self.get(lang, chapter_file(stem, lang)),
                "chapter_trainer": self.get(lang, chapter_trainer_file(stem, lang))}

    def get(self, lang: str, name: str) -> Printed | None:
        return self.files.get((lang, name))

    def publish(self, site_root: Path) -> None:
        for (lang, name), printed in self.files.items():
            copy_atomic(printed.path, site_root / folder(lang) / "downloads" / name)
