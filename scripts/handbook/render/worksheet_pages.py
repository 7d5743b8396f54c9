"""Worksheet pages on the site: each worksheet's page (what it is for, downloads, a preview of its
fields) and the catalogue of all worksheets, generated from the definitions."""

from __future__ import annotations

import html

from handbook import strings
from handbook.languages import human_size
from handbook.sources.worksheets import Worksheet, choices


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def preview_html(sheet: Worksheet, lang: str) -> str:
    """An HTML rendering of the form, faithful to the PDF: same fields, order, options and columns."""
    ui = strings.table(lang)["worksheet"]
    out = [f'<div class="worksheet-preview" role="group" aria-label="{_e(ui["preview"])}: {_e(sheet.code)}">']
    for number, fld in enumerate(sheet.fields, start=1):
        fid = f"{sheet.slug}-{fld.id}"
        label = f"{number}. {fld.label[lang]}"
        hint = f'<p class="worksheet-hint" id="{fid}-hint">{_e(fld.hint[lang])}</p>' if fld.hint else ""
        described = f' aria-describedby="{fid}-hint"' if fld.hint else ""
        out.append(f'<div class="worksheet-field worksheet-field--{fld.type}">')
        if fld.type in ("text", "date"):
            placeholder = f' placeholder="{_e(ui["date_hint"])}"' if fld.type == "date" else ""
            out.append(f'<label for="{fid}">{_e(label)}</label>{hint}'
                       f'<input type="text" id="{fid}" readonly{placeholder}{described}>')
        elif fld.type == "long_text":
            out.append(f'<label for="{fid}">{_e(label)}</label>{hint}'
                       f'<textarea id="{fid}" rows="{min(fld.lines, 6)}" readonly{described}></textarea>')
        elif fld.type in ("checkboxes", "rating"):
            kind = "checkbox" if fld.type == "checkboxes" else "radio"
            out.append(f'<fieldset{described}><legend>{_e(label)}</legend>{hint}<ul class="worksheet-choices">')
            for choice in choices(fld, lang):
                out.append(f'<li><label><input type="{kind}" name="{fid}" disabled> {_e(choice)}</label></li>')
            out.append("</ul></fieldset>")
        elif fld.type == "table":
            out.append(f'<p class="worksheet-table-label" id="{fid}">{_e(label)}</p>{hint}')
            out.append(f'<div class="md-typeset__scrollwrap"><table aria-labelledby="{fid}"><thead><tr>')
            out.append("".join(f'<th scope="col">{_e(c[lang])}</th>' for c in fld.columns))
            out.append("</tr></thead><tbody>")
            for _ in range(min(fld.rows, 3)):
                out.append("<tr>" + "<td></td>" * len(fld.columns) + "</tr>")
            out.append("</tbody></table></div>")
        out.append("</div>")
    out.append("</div>")
    return "\n".join(out)


def download_links(files: dict[str, tuple[str, int]], lang: str, prefix: str = "") -> str:
    """Download buttons for {"pdf": (href, size), "docx": (href, size)}."""
    ui = strings.table(lang)["worksheet"]
    buttons = []
    for kind in ("pdf", "docx"):
        if kind in files:
            href, size = files[kind]
            buttons.append(f'<a class="md-button md-button--primary worksheet-download" href="{_e(prefix + href)}" '
                           f'download>{_e(ui[kind])} <span class="worksheet-size">({kind.upper()}, {human_size(size, lang)})</span></a>')
    return '<p class="worksheet-downloads">' + " ".join(buttons) + "</p>"


def page_markdown(sheet: Worksheet, lang: str, files: dict, chapter_titles: dict) -> str:
    """The Markdown of the worksheet's page in one language."""
    ui = strings.table(lang)["worksheet"]
    chapter_links = "\n".join(
        f"- [{chapter_titles.get(stem, stem)}](../chapters/{stem}.md)" if stem != "trainers-guide"
        else f"- [{chapter_titles.get(stem, stem)}](../trainers-guide.md)"
        for stem in sheet.chapters)
    return "\n".join([
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
        f"## {ui['preview']} {{ #preview }}",
        "",
        ui["preview_note"],
        "",
        preview_html(sheet, lang),
        "",
    ])


def catalogue_markdown(sheets: list[Worksheet], lang: str, files: dict, zip_file: tuple[str, int] | None,
                       chapter_titles: dict) -> str:
    """The catalogue table (inserted into worksheets/index.md at its marker)."""
    ui = strings.table(lang)["worksheet"]
    head = ui["catalogue_columns"]
    rows = ["| " + " | ".join(head) + " |", "|---|---|---|---|---|"]
    for sheet in sheets:
        main = sheet.chapters[0]
        chapter = (f"[{chapter_titles.get(main, main)}](../chapters/{main}.md)" if main != "trainers-guide"
                   else f"[{chapter_titles.get(main, main)}](../trainers-guide.md)")
        links = []
        for kind in ("pdf", "docx"):
            if (sheet.slug, kind) in files:
                href, size = files[(sheet.slug, kind)]
                links.append(f'<a href="{_e(href)}" download>{kind.upper()}, {human_size(size, lang)}</a>')
        purpose = sheet.purpose[lang].split(". ")[0].rstrip(".") + "."
        rows.append(f"| {sheet.code} | [{sheet.title[lang]}]({sheet.slug}.md) | {purpose} | {chapter} | "
                    + " · ".join(links) + " |")
    out = "\n".join(rows)
    if zip_file:
        href, size = zip_file
        out += (f'\n\n<p class="worksheet-downloads"><a class="md-button md-button--primary" href="{_e(href)}" '
                f'download>{_e(ui["zip"])} <span class="worksheet-size">(ZIP, {human_size(size, lang)})</span></a></p>')
    return out


CATALOGUE_MARKER = "<!-- worksheets-catalogue -->"
