"""`python -m handbook.cli linkcheck` against a local web server (never the real sites: the
external link check is its own make target and no part of the test run of the handbook's links)."""

from __future__ import annotations

import http.server
import threading

import pytest

from support.editor_sites import make_site


class _Handler(http.server.BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        if self.path.startswith("/ok"):
            code = 200
        elif self.path.startswith("/no-head") and self.command == "GET":
            code = 200
        elif self.path.startswith("/no-head"):
            code = 405
        elif self.path.startswith("/forbidden"):
            code = 403
        else:
            code = 404
        self.send_response(code)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):  # noqa: N802
        self._answer(False)

    def do_GET(self):  # noqa: N802
        self._answer(True)

    def log_message(self, *args):
        pass


@pytest.fixture
def web():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_dead_links_are_reported_with_file_and_line(cli, tmp_path, web):
    make_site(tmp_path, {
        "docs/en/about.md": f"# About {{ #about }}\n\n[Fine]({web}/ok/page#part) and [gone]({web}/gone).\n\n"
                            f"[Old HEAD]({web}/no-head) and [robots]({web}/forbidden).\n",
        "docs/bg/about.md": f"# За наръчника {{ #about }}\n\n[Добре]({web}/ok/page) и [изчезнала]({web}/gone).\n",
    })
    for lang in ("bg", "en"):  # the fixture chapter's source, served locally too
        page = tmp_path / f"docs/{lang}/chapters/01-one.md"
        page.write_text(page.read_text(encoding="utf-8").replace("https://example.org/report", f"{web}/ok/report"),
                        encoding="utf-8")
    result = cli(tmp_path, "linkcheck")
    assert result.returncode == 1, result.stdout
    out = result.stdout
    assert f"{web}/gone – HTTP 404\n    in docs/bg/about.md:3, docs/en/about.md:3" in out
    assert f"{web}/forbidden – HTTP 403" in out and "Could not be verified" in out
    assert f"{web}/ok/page" not in out.split("Checked")[0], "working links are not listed"
    assert f"{web}/no-head" not in out.split("Checked")[0], "GET is tried when HEAD is refused"
    assert out.splitlines()[-1] == "Checked 5 external links on 1 sites: 1 dead, 1 could not be verified, 3 fine."


def test_no_network_says_so_and_skips(cli, tmp_path):
    make_site(tmp_path)
    for lang in ("bg", "en"):
        page = tmp_path / f"docs/{lang}/chapters/01-one.md"
        page.write_text(page.read_text(encoding="utf-8").replace("https://example.org/report",
                                                                 "https://handbook-test.invalid/report"),
                        encoding="utf-8")
    result = cli(tmp_path, "linkcheck")
    assert result.returncode == 0
    assert result.stdout.startswith("No network: none of the 1 sites linked from the handbook could be reached")
    assert "were not checked (skipped)" in result.stdout
