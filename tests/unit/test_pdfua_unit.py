"""PDF/UA-1 repairs of WeasyPrint's output (handbook.downloads.pdfua), on small documents rendered
here: each shows the defect in WeasyPrint's own output and its absence after `pdf.render`."""

from __future__ import annotations

import io
import re
import subprocess

import pikepdf
import pytest

from handbook.downloads import pdf, pdfua

page = pytest.importorskip("page", reason="page-validation is a test dependency: make (installs the lock)")


def html(body: str, lang: str = "bg", css: str = "", rtl: bool = False) -> str:
    arabic = "\n".join(
        f'@font-face {{ font-family: "Amiri"; font-weight: {w}; '
        f'src: url("{(pdf.FONTS / f"Amiri-{n}.ttf").as_uri()}"); }}'
        for w, n in ((400, "Regular"), (700, "Bold")))
    family = '"Amiri", "Sofia Sans"' if rtl else '"Sofia Sans"'
    return (f'<!DOCTYPE html><html lang="{lang}"{" dir=rtl" if rtl else ""}><head><meta charset="utf-8">'
            f"<title>Проба</title><style>{pdf.FONT_CSS}\n{arabic}\n"
            f"html {{ font-family: {family}; }} {css}</style>"
            f"</head><body>{body}</body></html>")


def raw(document: str, forms: bool = False) -> bytes:
    """WeasyPrint's output without the repairs."""
    from weasyprint import HTML
    return HTML(string=document, base_url=str(pdf.FONTS)).write_pdf(
        pdf_variant="pdf/ua-1", pdf_forms=forms, pdf_tags=True)


def rules(data: bytes) -> set[str]:
    return {f.rule_id for f in page.validate_pdf_bytes(data, profile="ua1").failures}


def elements(document: pikepdf.Pdf):
    stack = list(pdfua.kids(document.Root.StructTreeRoot))
    while stack:
        element = stack.pop()
        if pdfua.is_element(element):
            yield element
            stack.extend(pdfua.kids(element))


# a link over two lines with an element inside: WeasyPrint puts the second line's annotation in a
# NonStruct or Span below the Link element
WRAPPED_LINK = html('<p>Виж <a href="https://example.org/a/very/long/address"><em>речника</em> на '
                    'понятията за миграцията и интеграцията</a> и <a href="https://example.org/b">още</a>.</p>',
                    css="@page { size: 60mm 60mm; margin: 5mm; }")


def test_a_link_over_two_lines_is_one_link_element_holding_both_annotations():
    before = raw(WRAPPED_LINK)
    assert "PDFUA1-LINK-LINK-TAG-001" in rules(before)  # WeasyPrint's defect, still there?
    after = pdf.render(WRAPPED_LINK, base_url=str(pdf.FONTS))
    assert not rules(after)
    with pikepdf.open(io.BytesIO(after)) as document:
        annotations = {a.objgen for p in document.pages for a in p.obj.get("/Annots", [])}
        assert len(annotations) >= 3  # the wrapped link has two rectangles
        held = {}
        for element in elements(document):
            for kid in pdfua.kids(element):
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    held[kid.Obj.objgen] = element
        assert set(held) == annotations
        assert all(element.S == "/Link" for element in held.values())
        # the parent tree says the same as the tree
        nums = document.Root.StructTreeRoot.ParentTree.Nums
        tree = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        for p in document.pages:
            for annotation in p.obj.get("/Annots", []):
                assert tree[int(annotation.StructParent)].objgen == held[annotation.objgen].objgen


LISTS = html("""<ul><li><p>Първи абзац на точката.</p><p>Втори абзац.</p></li>
<li>Текст <p>и абзац</p></li></ul>
<ul class="row"><li>1</li> <li>2</li> <li>3</li></ul>""", css=".row li { display: inline-block; }")


def test_list_items_hold_only_a_label_and_a_body():
    assert {"PDFUA1-LI-KIDS-001", "PDFUA1-L-KIDS-001"} & rules(raw(LISTS))
    after = pdf.render(LISTS, base_url=str(pdf.FONTS))
    assert not rules(after)
    with pikepdf.open(io.BytesIO(after)) as document:
        for element in elements(document):
            kinds = {str(k.S) if pdfua.is_element(k) else "content" for k in pdfua.kids(element)}
            if element.S == "/LI":
                assert kinds <= {"/Lbl", "/LBody"}, kinds
            if element.S == "/L":
                assert kinds <= {"/L", "/LI", "/Caption"}, kinds
    text = pdftext(after)
    for words in ("Първи абзац на точката.", "Втори абзац.", "Текст", "и абзац"):
        assert words in text


FORM = html('<h1>Лист</h1><p>Име и фамилия на участника в обучението</p>'
            '<input type="text" name="full-name" title="Име и фамилия">'
            '<p><input type="checkbox" name="ok" title="Съгласен"> Съгласен съм</p>')


def test_a_form_fields_font_maps_every_glyph_the_page_shows():
    assert "PDFUA1-FONT-UNICODE-MAPPING-001" in rules(raw(FORM, forms=True))
    after = pdf.render(FORM, base_url=str(pdf.FONTS), forms=True)
    assert not rules(after)
    with pikepdf.open(io.BytesIO(after)) as document:
        form = document.Root.AcroForm
        assert {str(f.T) for f in form.Fields} == {"full-name", "ok"}
        for field in (f for f in form.Fields if f.FT == "/Tx"):
            font = form.DR.Font[re.search(r"(/\S+) [\d.]+ Tf", str(field.DA)).group(1)]
            mapping = pdfua.read_unicode_map(font.ToUnicode.read_bytes())
            # the whole alphabet for typed text is still there, and the substituted space too
            assert {"а", "я", "Ж", "z", "0"} <= set(mapping.values())
            assert all(mapping.values())
    assert "Име и фамилия на участника в обучението" in pdftext(after)


def test_arabic_text_passes_and_reads_back_as_its_words():
    """Right-to-left text in the handbook's Arabic font (Amiri): valid PDF/UA, and the text layer
    (what a screen reader and a search get) holds the words themselves."""
    document = html("<p>إقرار بالموافقة على استخدام القصة</p>", lang="ar", rtl=True)
    after = pdf.render(document, base_url=str(pdf.FONTS))
    assert not rules(after)
    assert "بالموافقة" in pdftext(after) and "استخدام" in pdftext(after)


def test_the_repairs_change_nothing_twice_and_always_give_the_same_bytes():
    once = pdf.render(LISTS, base_url=str(pdf.FONTS))
    assert pdfua.fix(once) == pdfua.fix(once)
    assert not rules(pdfua.fix(once))


def test_unicode_maps_read_and_write_back():
    mapping = {0x20: " ", 0x1AB: " ", 0x30: "fi", 0x41: "\u2060"}
    assert pdfua.read_unicode_map(pdfua.write_unicode_map(mapping)) == mapping


def test_a_glyph_reached_by_substitution_stands_for_its_source():
    from fontTools.ttLib import TTFont
    path = pdf.FONTS / "SofiaSans-Regular.ttf"
    texts = pdfua.glyph_texts(path.read_bytes())
    font = TTFont(path)
    assert texts[font.getGlyphID("space.1")] == " "
    assert texts[font.getGlyphID("space")] == " "


def pdftext(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return re.sub(r"\s+", " ", out.decode())
