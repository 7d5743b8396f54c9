"""The hosting module on small inputs: hashing inline scripts, the policy's errors naming the file,
and parsing and joining `_headers` files."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.site import hosting


def _rules(site: Path) -> list[hosting.Rule]:
    return hosting.parse_headers((site / "_headers").read_text(encoding="utf-8"))


# --- inline code that no policy without 'unsafe-inline' allows ---------------------------------

def _mini_site(tmp_path: Path, body: str) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "main.0123abcd.min.css").write_text("p{}", encoding="utf-8")
    return tmp_path


def test_inline_scripts_are_hashed_and_data_blocks_ignored(tmp_path):
    site = _mini_site(tmp_path, '<script>var a=1</script><script type="application/json">{"x": 1}</script>'
                                '<script src="/x.js"></script>')
    report = hosting.write(site)
    assert report.scripts == 1
    csp = dict(hosting.headers_for(_rules(site), "/page/"))["Content-Security-Policy"]
    # the hash of "var a=1" (computed independently: printf 'var a=1' | openssl dgst -sha256 -binary | base64)
    assert "'sha256-WazVQOu5lmXfSreSrMJd1CsaQ4c00fUQpJfBYCuMSIw='" in csp
    immutable = dict(hosting.headers_for(_rules(site), "/assets/main.0123abcd.min.css"))
    assert immutable["Cache-Control"] == hosting.IMMUTABLE


@pytest.mark.parametrize("body, words", [
    ('<button onclick="go()">Go</button>', "inline event handler “onclick=…”"),
    ('<a href="javascript:go()">Go</a>', "“javascript:” URL"),
    ('<p style="color:red">Red</p>', "<p style=“…”>"),
])
def test_inline_code_that_the_policy_would_block_fails_with_the_file_named(tmp_path, body, words):
    site = _mini_site(tmp_path, body)
    with pytest.raises(hosting.HostingError) as caught:
        hosting.write(site)
    assert any("site/page/index.html" in p and words in p for p in caught.value.problems), caught.value.problems
    assert not (site / "_headers").exists()


def test_headers_file_parsing_and_joining():
    rules = hosting.parse_headers("# comment\n/*\n  A: 1\n/en/*\n  A: 2\n  B: x\n/:page/index.html\n  C: y\n")
    assert hosting.headers_for(rules, "/en/x/") == [("A", "1, 2"), ("B", "x")]
    assert hosting.headers_for(rules, "/") == [("A", "1")]
    assert ("C", "y") in hosting.headers_for(rules, "/about/index.html")
    assert ("C", "y") not in hosting.headers_for(rules, "/a/b/index.html")
    with pytest.raises(ValueError, match="line 2"):
        hosting.parse_headers("/*\n  no colon here\n")
