"""A static server for the built site that answers like the production host: a missing page under
/en/ gets /en/404.html with status 404, any other missing page /404.html. The tests, `make bench`
and the offline checks use it; the hosting files (nginx snippet) encode the same rule.

`SiteServer(site, headers=site / "_headers")` also sends the headers of the generated `_headers`
file (scripts/handbook/hosting.py), as Netlify and Cloudflare Pages do."""

from __future__ import annotations

import functools
import gzip
import io
import http.server
import sys
import threading
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
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


# Text the measuring server compresses, as a typical host does.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ".webmanifest"}


# --- the measuring server (`make bench`, and the page-weight tests) ---------------------------------------------------------------------------------

@dataclass
class Traffic:
    """What the server sent since the last reset."""

    requests: list = field(default_factory=list)  # (path, status, bytes)
    header_bytes: list = field(default_factory=list)  # of each request above: how many of its bytes are headers
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, status: int, size: int, header_bytes: int = 0) -> None:
        with self.lock:
            self.requests.append((path, status, size))
            self.header_bytes.append(header_bytes)

    def take(self) -> list:
        return [request[:3] for request in self.take_with_headers()]

    def take_with_headers(self) -> list:
        """(path, status, bytes, of which header bytes) of every response since the last take."""
        with self.lock:
            taken, self.requests = self.requests, []
            headers, self.header_bytes = self.header_bytes, []
        return [(*request, header) for request, header in zip(taken, headers)]


class BenchHandler(SiteHandler):
    """SiteHandler plus gzip, conditional requests and byte counting."""

    protocol_version = "HTTP/1.1"
    traffic: Traffic = None
    compressed: dict = {}

    def send_response(self, code, message=None):
        self._status = code
        super().send_response(code, message)

    def flush_headers(self):
        self._header_bytes += sum(len(line) for line in getattr(self, "_headers_buffer", []))
        super().flush_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE
                and path.name not in hosting.HOSTING_FILES):
            return super().send_head()
        stat = path.stat()
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                if int(stat.st_mtime) <= parsedate_to_datetime(since).timestamp():
                    self.send_response(304)
                    self.send_header("Last-Modified", formatdate(stat.st_mtime, usegmt=True))
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
            except (TypeError, ValueError):
                pass
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        body = self.compressed.get(key)
        if body is None:
            body = self.compressed[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", formatdate(stat.st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        self._body_bytes = len(data)

    def handle_one_request(self):
        self._status, self._header_bytes, self._body_bytes = None, 0, 0
        super().handle_one_request()
        if self._status is not None and self.traffic is not None:
            self.traffic.add(self.path, self._status, self._header_bytes + self._body_bytes, self._header_bytes)


class _DaemonQuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser closing a connection early
            super().handle_error(request, client_address)


class BenchServer:
    """`with BenchServer(site, rules) as server: …` – gzip, conditional requests and the given header
    rules, counting every response in `server.traffic`."""

    def __init__(self, root: Path, rules: list):
        self.traffic = Traffic()
        handler_class = type("Handler", (BenchHandler,), {"header_rules": rules, "traffic": self.traffic,
                                                           "compressed": {}})
        handler = functools.partial(handler_class, directory=str(root))
        self.httpd = _DaemonQuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def cache_rules_for(site: Path) -> list:
    """Our site: its generated _headers. The baseline: the same cache policy, without the other
    headers (its Google Fonts would break our Content-Security-Policy)."""
    headers = site / hosting.HEADERS_FILE
    if headers.exists():
        return hosting.parse_headers(headers.read_text(encoding="utf-8"))
    return [hosting.Rule(pattern, (("Cache-Control", value),)) for pattern, value in hosting.cache_rules(site)]
