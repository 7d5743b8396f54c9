"""Worksheet pages on the site: each worksheet's page (what it is for, downloads, the form to fill
in on the page itself) and the catalogue of all worksheets, generated from the definitions."""

from __future__ import annotations

import dataclasses
import hashlib
import json

from handbook import strings, templates
from handbook.languages import human_size
from handbook.sources.worksheets import Worksheet, choices

# The front-matter key that marks a worksheet page (page.meta.handbook_form in the theme's
# templates): its value is the form's definition version. overrides/main.html loads the form's
# script and stylesheet on these pages only.
FORM_META = "handbook_form"
FORM_ANCHOR = "fill-in"


def definition_version(sheet: Worksheet) -> str:
    """A short hash of the worksheet's fields (ids, types, labels, options, columns, sizes, in both
    languages): answers kept in a browser or saved to a file name the version they were given to,
    so a changed definition is recognised and the answers are moved over field by field."""
    fields = [dataclasses.asdict(fld) for fld in sheet.fields]
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:8]


def form_html(sheet: Worksheet, lang: str) -> str:
    """The fillable form of the worksheet's page, faithful to the PDF: same fields, order, options
    and columns (templates/worksheet_form.html, each field drawn by its macro in form_fields.html)."""
    table = strings.table(lang)
    return templates.render("worksheet_form.html", sheet=sheet, lang=lang, choices=choices,
                            ui=table["worksheet"], form=table["worksheet"]["form"], locale=table["locale"],
                            version=definition_version(sheet))


def _downloads(lang: str, macro_name: str):
    """A macro of templates/downloads.html, for one language."""
    return templates.macro("downloads.html", macro_name, lang=lang, human_size=human_size,
                           ui=strings.table(lang)["worksheet"])


def download_links(files: dict[str, tuple[str, int]], lang: str, prefix: str = "") -> str:
    """Download buttons for {"pdf": (href, size), "docx": (href, size)}."""
    return _downloads(lang, "buttons")(files, prefix)


def page_markdown(sheet: Worksheet, lang: str, files: dict, chapter_titles: dict) -> str:
    """The Markdown of the worksheet's page in one language."""
    ui = strings.table(lang)["worksheet"]
    chapter_links = "\n".join(
        f"- [{chapter_titles.get(stem, stem)}](../chapters/{stem}.md)" if stem != "trainers-guide"
        else f"- [{chapter_titles.get(stem, stem)}](../trainers-guide.md)"
        for stem in sheet.chapters)
    return "\n".join([
        "---",
        f"{FORM_META}: \"{definition_version(sheet)}\"",
        "---",
        "",
        f"# {sheet.code}. {sheet.title[lang]} {{ #worksheet }}",
        "",
        sheet.purpose[lang],
        "",
        f"## {ui['downloads']} {{ #downloads }}",
        "",
        download_links(files, lang),
        "",
        f"## {ui['chapters']} {{ #chapters }}",
        "",
        chapter_links,
        "",
        f"## {ui['instructions']} {{ #instructions }}",
        "",
        sheet.instructions[lang],
        "",
        f"## {ui['training']} {{ #training-use }}",
        "",
        sheet.training_use[lang],
        "",
        f"## {ui['form']['heading']} {{ #{FORM_ANCHOR} }}",
        "",
        form_html(sheet, lang),
        "",
    ])


def catalogue_markdown(sheets: list[Worksheet], lang: str, files: dict, zip_file: tuple[str, int] | None,
                       chapter_titles: dict) -> str:
    """The catalogue table (inserted into worksheets/index.md at its marker)."""
    ui = strings.table(lang)["worksheet"]
    head = ui["catalogue_columns"]
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|---|---|"]
    file_link = _downloads(lang, "file_link")
    for sheet in sheets:
        main = sheet.chapters[0]
        chapter = (f"[{chapter_titles.get(main, main)}](../chapters/{main}.md)" if main != "trainers-guide"
                   else f"[{chapter_titles.get(main, main)}](../trainers-guide.md)")
        links = []
        for kind in ("pdf", "docx"):
            if (sheet.slug, kind) in files:
                href, size = files[(sheet.slug, kind)]
                links.append(file_link(href, kind, size))
        purpose = sheet.purpose[lang].split(". ")[0].rstrip(".") + "."
        rows.append(f"| {sheet.code} | [{sheet.title[lang]}]({sheet.slug}.md) | {purpose} | {chapter} | "
                    + " · ".join(links) + " |")
    out = "\n".join(rows)
    if zip_file:
        href, size = zip_file
        out += "\n\n" + _downloads(lang, "zip_button")(href, size)
    return out


CATALOGUE_MARKER = "<!-- worksheets-catalogue -->"
