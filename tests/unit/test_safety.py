"""The safety check reads HTML as a browser does: what a careless or hostile editor might write
fails with the file, the line and what to do instead; what the handbook needs passes."""

from __future__ import annotations

import pytest

from handbook.checks import safety

HOSTILE = [
    ('<a href="jav&#x61;script:alert(1)">x</a>', "javascript: addresses are not allowed"),
    ('<a href="java\tscript:alert(1)">x</a>', "javascript: addresses are not allowed"),
    ('<a href=" &#106;avascript:alert(1)">x</a>', "javascript: addresses are not allowed"),
    ("[x](jav&#x61;script:alert(1))", "javascript: addresses are not allowed"),
    ("[x]: javascript:alert(1)", "javascript: addresses are not allowed"),
    ("<javascript:alert(1)>", "javascript: and vbscript: links are not allowed"),
    ('<a href="vbscript:msgbox(1)">x</a>', "vbscript: addresses are not allowed"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "a data: address is not allowed"),
    ('<img src="https://tracker.example/p.gif" alt="">', "put the image in the repository"),
    ("![pixel](https://tracker.example/p.gif)", "put the image in the repository"),
    ('<img srcset="a.png 1x, //cdn.example/b.png 2x" alt="b">', "put the image in the repository"),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link> is not allowed"),
    ('<form action="https://evil.example/post"><input name="a"></form>', "a form sending to another host"),
    ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta> is not allowed"),
    ('<base href="https://evil.example/">', "<base> is not allowed"),
    ('<p onclick="steal()">a</p>', "inline event handler onclick="),
    ("<svg><script>alert(1)</script></svg>", "<script> is not allowed"),
    ('<iframe src="https://video.example/embed"></iframe>', "link to the page or the video instead"),
    ('<video src="https://cdn.example/v.mp4"></video>', "a <video> from another host"),
    ('<audio><source src="https://cdn.example/a.mp3"></audio>', "a <source> from another host"),
    ("<style>body{background:url(https://evil.example/x)}</style>", "<style> is not allowed"),
    ('<p style="background:url(https://evil.example/x)">a</p>', "a style attribute with url(…)"),
]


@pytest.mark.parametrize("text,expected", HOSTILE)
def test_hostile_markup_is_named_with_file_line_and_remedy(text, expected):
    source = "# Title { #title }\n\nSome text.\n\n" + text + "\n"
    problems = safety.check_text("docs/bg/about.md", source)
    assert problems, f"not caught: {text!r}"
    assert all(p.path == "docs/bg/about.md" and p.line == 5 for p in problems), problems
    assert any(expected in p.text("en") for p in problems), [p.text("en") for p in problems]


@pytest.mark.parametrize("text", [
    "[a page](chapters/01-introduction.md) and [a source](https://example.org/report.pdf)",
    '<a href="https://example.org/report">a report</a>',
    "![a chart](../assets/chart.png)",
    '<abbr title="a definition">term</abbr>',
    "```html\n<p>code is shown, not run</p>\n```",
    "Inline `[x](javascript:alert(1))` code is not a link.",
])
def test_what_the_handbook_needs_passes(text):
    assert safety.check_text("docs/en/about.md", "# T { #t }\n\n" + text + "\n") == []


def test_data_files_are_checked_too():
    problems = safety.check_text("docs/data/glossary.yml", 'note: "<img src=x onerror=alert(1)>"\n')
    assert any(p.message.key == "safety.event_handler" and "onerror" in p.text("en") and p.line == 1
               for p in problems)


THEME_PAGE = """<!doctype html><html lang="bg"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'">
<link rel="stylesheet" href="../assets/stylesheets/main.css">
<script>var __md_scope=new URL("..",location)</script></head><body>
<header><label for="__search"></label></header>
<article class="md-content__inner">CONTENT</article>
<script src="../assets/javascripts/bundle.js"></script></body></html>"""


def test_built_pages_allow_the_theme_by_explicit_rules():
    assert safety.check_page("index.html", THEME_PAGE.replace("CONTENT", "<p>text</p>")) == []


@pytest.mark.parametrize("content,expected", [
    ("<script>alert(1)</script>", "<script> is not allowed"),
    ('<img src="https://tracker.example/p.gif" alt="">', "from another host"),
    ('<meta http-equiv="refresh" content="0;url=https://x.example">', "<meta> is not allowed"),
])
def test_built_pages_hold_the_content_to_the_source_rules(content, expected):
    problems = safety.check_page("index.html", THEME_PAGE.replace("CONTENT", content))
    assert any(expected in p.text("en") for p in problems), problems


def test_a_script_from_another_host_fails_even_outside_the_content():
    page = THEME_PAGE.replace('src="../assets/javascripts/bundle.js"', 'src="https://cdn.example/x.js"')
    assert any(p.message.key == "safety.element_script" for p in safety.check_page("index.html", page))


@pytest.mark.parametrize("text,expected", [
    ("<script>alert(1)</script>", "docs/bg/about.md:5: <script> не се допуска тук: не вграждайте нищо"),
    ('<p onclick="steal()">a</p>', "вграденият обработчик на събития onclick= не се допуска: премахнете го"),
    ("[x](javascript:alert(1))", "връзката „x“: адреси с javascript: не се допускат: сложете връзка"),
    ("![pixel](https://tracker.example/p.gif)", "изображение от друг сайт (https://tracker.example/p.gif) "
                                                "не се допуска: сложете изображението в хранилището"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', "<a href=…>: адрес с data: не се допуска"),
])
def test_the_problems_are_told_in_bulgarian_by_default(text, expected, monkeypatch):
    problems = safety.check_text("docs/bg/about.md", "# Заглавие { #title }\n\nТекст.\n\n" + text + "\n")
    assert any(expected in p.text("bg") for p in problems), [p.text("bg") for p in problems]
    monkeypatch.delenv("HANDBOOK_LANG", raising=False)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert any(expected in str(p) for p in problems), "str() speaks the editor's language: Bulgarian by default"


def test_the_build_stops_on_unsafe_built_pages_with_the_problems_in_the_editors_language(tmp_path):
    from handbook.site import pipeline

    (tmp_path / "index.html").write_text(THEME_PAGE.replace("CONTENT", "<script>alert(1)</script>"), encoding="utf-8")
    finish = pipeline.Finish(site_root=tmp_path, site_url="", other_languages=[], not_found={}, worksheets=[],
                             outputs=None, editions=None, offline=False, hosting=True, meta_policy=True)
    with pytest.raises(pipeline.PipelineError) as caught:
        pipeline.check_pages(finish)
    assert caught.value.text("en").splitlines() == [
        "1 built page problem(s) (scripts/handbook/checks/safety.py):",
        "  - index.html:7: <script> is not allowed here: embed nothing that runs code: link to the page or the "
        "video instead"]
    assert caught.value.text("bg").splitlines()[0] == ("Проблеми в страниците на готовия сайт (брой: 1; проверка "
                                                       "scripts/handbook/checks/safety.py):")
    assert str(caught.value) == caught.value.text("en")  # HANDBOOK_LANG=en in the tests
