"""A static server for the built site that answers like the production host: a missing page under
/en/ gets /en/404.html with status 404, any other missing page /404.html. The tests, `make bench`
and the offline checks use it; the hosting files (nginx snippet) encode the same rule."""

from __future__ import annotations

import functools
import io
import http.server
import threading
from pathlib import Path

from .content import LANGUAGES, DEFAULT_LANGUAGE


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

    def log_message(self, format, *args):  # keep test output quiet
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if not path.exists() or (path.is_dir() and not (path / "index.html").exists()):
            return self._not_found()
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


class SiteServer:
    """Serve a folder on 127.0.0.1 in a background thread: `with SiteServer(site) as url: …`."""

    def __init__(self, root: Path, port: int = 0):
        handler = functools.partial(SiteHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return self.url

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
