"""A static server for the built site that answers like the production host: a missing page under
/en/ gets /en/404.html with status 404, any other missing page /404.html. The tests, `make bench`
and the offline checks use it; the hosting files (nginx snippet) encode the same rule.

`SiteServer(site, headers=site / "_headers")` also sends the headers of the generated `_headers`
file (scripts/handbook/hosting.py), as Netlify and Cloudflare Pages do."""

from __future__ import annotations

import functools
import io
import http.server
import sys
import threading
from pathlib import Path

from handbook.site import hosting
from handbook.languages import LANGUAGES
from handbook.languages import DEFAULT_LANGUAGE


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2",
        ".pdf": "application/pdf",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".zip": "application/zip",
    }

    header_rules: list = []  # hosting.Rule, set per server

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def end_headers(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        for name, value in hosting.headers_for(self.header_rules, path):
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.exists() or (path.is_dir() and not (path / "index.html").exists()):
            return self._not_found()
        if path.resolve().parent == Path(self.directory).resolve() and path.name in hosting.HOSTING_FILES:
            return self._not_found()  # the hosting files configure the host; hosts do not serve them
        return super().send_head()

    def _not_found(self):
        first = self.path.lstrip("/").split("/", 1)[0]
        folder = first if first in LANGUAGES and first != DEFAULT_LANGUAGE else ""
        page = Path(self.directory) / folder / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that leaves a page stops its downloads: not an error worth a traceback.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class SiteServer:
    """Serve a folder on 127.0.0.1 in a background thread: `with SiteServer(site) as url: …`."""

    def __init__(self, root: Path, port: int = 0, headers: Path | None = None):
        rules = hosting.parse_headers(headers.read_text(encoding="utf-8")) if headers else []
        handler_class = type("SiteHandlerWithHeaders", (SiteHandler,), {"header_rules": rules})
        handler = functools.partial(handler_class, directory=str(root))
        self.httpd = _QuietServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
