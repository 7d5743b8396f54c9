"""The PDF engine: WeasyPrint with the handbook's embedded font, no network access, and tagged
(PDF/UA-1) output, repaired where WeasyPrint's structure is not yet valid PDF/UA-1 (`pdfua.fix`).
Worksheets, printed chapters, editions and translated statements all render through `render`."""

from __future__ import annotations

import logging
from pathlib import Path

FONTS = Path(__file__).resolve().parent / "fonts"

# Sofia Sans (SIL OFL, see fonts/OFL.txt) draws Bulgarian letterforms by default and covers Latin
# and Cyrillic; the files are Latin + Latin Extended + Cyrillic subsets merged into one TTF per
# style, small enough for WeasyPrint to embed whole where a form field needs every glyph.
FONT_CSS = "\n".join(
    f"""@font-face {{ font-family: "Sofia Sans"; font-weight: {weight}; font-style: {style};
  src: url("{(FONTS / f"SofiaSans-{name}.ttf").as_uri()}"); }}"""
    for weight, style, name in ((400, "normal", "Regular"), (700, "normal", "Bold"),
                                (400, "italic", "Italic"), (700, "italic", "BoldItalic")))


def _fetcher():
    from weasyprint import URLFetcher
    # Local files and data: URLs only; a PDF never fetches anything from the network.
    return URLFetcher(allowed_protocols={"file", "data"})


def render(html: str, base_url: str, forms: bool = False) -> bytes:
    """Render an HTML document to a tagged PDF/UA-1 document (bytes)."""
    from weasyprint import HTML
    from handbook.downloads import pdfua
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=html, base_url=base_url, url_fetcher=_fetcher())
    return pdfua.fix(document.write_pdf(pdf_variant="pdf/ua-1", pdf_forms=forms, pdf_tags=True,
                                          custom_metadata=True))
