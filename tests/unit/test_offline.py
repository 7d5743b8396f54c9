"""Rewriting the offline copy's links for the file system."""

from __future__ import annotations

from handbook.site import offline


def test_rewriting_links_for_the_disk():
    files = {"index.html", "chapters/a/index.html", "en/index.html", "en/chapters/a/index.html", "assets/x.css"}
    local = {"index.html", "chapters/a/index.html", "assets/x.css"}
    html = ('<a href="chapters/a/">A</a> <a href="./">home</a> <a href="chapters/a/#s">S</a> '
            '<a href="en/">EN</a> <link href="assets/x.css"> <a href="https://example.org/">ext</a> '
            '<a href="/" hreflang="bg">BG</a>')
    out = offline.rewrite_links(html, "index.html", files.__contains__, "https://handbook.example/", local.__contains__)
    assert 'href="chapters/a/index.html"' in out
    assert 'href="./index.html"' in out
    assert 'href="chapters/a/index.html#s"' in out
    assert 'href="https://handbook.example/en/"' in out  # the other language is online only
    assert 'href="assets/x.css"' in out and 'href="https://example.org/"' in out
    assert 'href="index.html" hreflang="bg"' in out  # root-relative: "/" is the disk's root on file://
    deeper = offline.rewrite_links('<a href="/chapters/a/">A</a>', "chapters/a/index.html", files.__contains__,
                                   "https://handbook.example/", local.__contains__)
    assert 'href="index.html"' in deeper
