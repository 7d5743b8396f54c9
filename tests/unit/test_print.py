"""Print: rendering is cached by content, and the print template."""

from __future__ import annotations

from handbook.downloads import editions as printing
LANGS = {"bg": "", "en": "en/"}


def downloads(site, lang):
    return site / LANGS[lang] / "downloads"


def test_an_unchanged_document_is_not_rendered_again(tmp_path):
    cache = printing.PdfCache(tmp_path)
    page = printing.PrintPage("Заглавие", '<h1 id="t">Заглавие</h1><p>Текст <a href="https://example.org/">връзка</a>.</p>',
                              "/chapters/01-x/", "t")
    document = printing.chapter_html(page, "bg", "https://example.org/", "Наръчник")
    first = cache.render(document)
    again = cache.render(document)
    assert (cache.rendered, cache.reused) == (1, 1) and again.path == first.path
    cache.render(document.replace("Текст", "Друг текст"))
    assert cache.rendered == 2


def test_print_template_drops_permalinks_and_makes_links_absolute():
    article = ('<h2 id="a">A<a class="headerlink" href="#a">¶</a></h2>'
               '<p><a href="../02-b/#x">b</a> <a href="https://e.org/">e</a></p>'
               '<details class="trainer"><summary>За обучителя</summary><p>бележка</p></details>')
    reader = printing.prepare_article(article, "/chapters/01-a/", "https://site.bg/", keep_trainer_notes=False)
    assert "headerlink" not in reader and "бележка" not in reader
    assert 'href="https://site.bg/chapters/02-b/#x"' in reader
    assert 'class="external"' in reader
    trainer = printing.prepare_article(article, "/chapters/01-a/", "https://site.bg/", keep_trainer_notes=True,
                                       internal={"/chapters/01-a/": "p1", "/chapters/02-b/": "p2"})
    assert '<div class="admonition trainer">' in trainer and "бележка" in trainer
    assert 'href="#p2--x"' in trainer and 'id="p1--a"' in trainer
