"""Translations of a worksheet's statement into the languages of the people it is read to
(docs/data/translations/<worksheet>.yml): for W11, the consent statement in Ukrainian, Russian and
Arabic, each a printable PDF that goes with the worksheet's downloads.

The Bulgarian and English texts in the same file are the source the translations were made from;
the handbook's own two languages get the worksheet itself. Every translation says, in its language
and in Bulgarian, that a native speaker must check it before it is first used. Arabic is set right
to left with Amiri (SIL OFL), embedded like the handbook's own font.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from handbook import templates
from handbook.downloads import pdf
from handbook.languages import LANGUAGES
from handbook.sources.problems import DataError, load_yaml, require_text
from handbook.strings import say

# The languages' own names, for download links in any language.
NAMES = {"uk": "Українська", "ru": "Русский", "ar": "العربية"}
SIGNATURES = ("person", "guardian", "staff", "date")


@dataclass(frozen=True)
class Translation:
    worksheet: str  # the worksheet's slug, e.g. "w11-informed-consent"
    lang: str
    rtl: bool
    title: str
    statement: tuple
    declaration: str
    signature_labels: dict
    note: str

    @property
    def name(self) -> str:
        return NAMES.get(self.lang, self.lang)

    def file_name(self) -> str:
        return f"{self.worksheet}-{self.lang}.pdf"


def load(path: Path) -> list[Translation]:
    """The translations (not the bg/en source texts) of one file, validated."""
    data = load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("languages"), dict):
        raise DataError(path, say("translations.not_mapping"))
    worksheet = data.get("worksheet")
    if worksheet != Path(path).stem:
        raise DataError(path, say("translations.worksheet_name", stem=Path(path).stem))
    direction = data.get("direction") or {}
    out = []
    for lang, block in data["languages"].items():
        if lang in LANGUAGES:
            continue  # the source texts; the worksheet itself serves these languages
        if lang not in NAMES:
            raise DataError(path, say("translations.unknown_language", lang=lang))
        if not isinstance(block, dict):
            raise DataError(path, say("translations.block_not_mapping", lang=lang))
        statement = block.get("statement")
        if not isinstance(statement, list) or not statement:
            raise DataError(path, say("translations.statement_not_list", lang=lang))
        labels = block.get("signature_labels") or {}
        out.append(Translation(
            worksheet=worksheet, lang=lang, rtl=direction.get(lang) == "rtl",
            title=require_text(path, f"languages.{lang}.title", block.get("title")),
            statement=tuple(" ".join(require_text(path, f"languages.{lang}.statement", p).split()) for p in statement),
            declaration=" ".join(require_text(path, f"languages.{lang}.declaration", block.get("declaration")).split()),
            signature_labels={key: require_text(path, f"languages.{lang}.signature_labels.{key}", labels.get(key))
                              for key in SIGNATURES},
            note=" ".join(require_text(path, f"languages.{lang}.note", block.get("note")).split())))
    return out


def load_all(folder: Path) -> dict[str, list[Translation]]:
    """{worksheet slug: its translations}."""
    folder = Path(folder)
    if not folder.is_dir():
        return {}
    return {path.stem: load(path) for path in sorted(folder.glob("*.yml"))}


_ARABIC_CSS = "\n".join(
    f"""@font-face {{ font-family: "Amiri"; font-weight: {weight};
  src: url("{(pdf.FONTS / f"Amiri-{name}.ttf").as_uri()}"); }}"""
    for weight, name in ((400, "Regular"), (700, "Bold")))


def print_html(t: Translation, handbook_name: str) -> str:
    return templates.render("statement_print.html", t=t, handbook_name=handbook_name,
                            font_css=Markup(pdf.FONT_CSS + "\n" + _ARABIC_CSS))


def render_pdf(t: Translation, handbook_name: str) -> bytes:
    return pdf.render(print_html(t, handbook_name), base_url=str(pdf.FONTS))
