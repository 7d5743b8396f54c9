"""External link check: `make linkcheck` (never part of `make test` or `make check`).

Collects every http(s) link in the pages and the data, asks each site once per address (HEAD,
then GET where HEAD is refused) and reports
- dead links (404/410, a host that does not exist, a refused connection): these fail;
- links that could not be verified (time-outs, 403/429/5xx – many sites turn robots away): these
  are listed to check by hand and do not fail.
Without a network (no site can be reached at all) it says so and skips, successfully: a training
room or a sealed CI runner is no reason to fail.
"""

from __future__ import annotations

import concurrent.futures
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from handbook.sources import markdown as mdscan
from handbook.strings import Message, say
from handbook import languages

USER_AGENT = "Mozilla/5.0 (compatible; clarinet-handbook-linkcheck/1.0)"
DEAD_STATUSES = {404, 410}


@dataclass(frozen=True)
class Result:
    url: str
    state: str  # "ok", "dead" or "unsure"
    detail: "Message | str"  # a Message in the catalogue area `links`


def external_links(root: Path) -> dict[str, list[tuple[str, int]]]:
    """{url without fragment: [(file, line), …]} for pages and data files."""
    root = Path(root)
    found: dict[str, list[tuple[str, int]]] = {}
    docs = root / "docs"

    def add(url: str, rel: str, line: int) -> None:
        url = urldefrag(url.strip().rstrip(".,;"))[0]
        if urlsplit(url).scheme in ("http", "https"):
            found.setdefault(url, []).append((rel, line))

    for lang in languages.LANGUAGES:
        for path in sorted((docs / lang).rglob("*.md")):
            rel = path.relative_to(root).as_posix()
            for link in mdscan.links(path.read_text(encoding="utf-8")):
                if mdscan.is_external(link.target):
                    add(link.target, rel, link.line)
    for path in sorted((docs / "data").rglob("*.yml")):
        rel = path.relative_to(root).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for match in mdscan.URL.finditer(line):
                if match.group(0).startswith("http"):
                    add(match.group(0).rstrip("\"')"), rel, number)
    return found


def _reachable(host: str, port: int, timeout: float) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def network_available(urls, timeout: float = 5.0, sample: int = 8) -> bool:
    """True when at least one of the linked sites accepts a connection."""
    targets = []
    for url in urls:
        parts = urlsplit(url)
        if parts.hostname:
            target = (parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
            if target not in targets:
                targets.append(target)
    targets = targets[:sample]
    if not targets:
        return False
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(targets)) as pool:
        return any(pool.map(lambda t: _reachable(t[0], t[1], timeout), targets))


def check_url(url: str, timeout: float = 15.0) -> Result:
    context = ssl.create_default_context()
    last = None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
                if method == "GET":
                    response.read(1024)
                return Result(url, "ok", say("links.ok", status=response.status))
        except urllib.error.HTTPError as error:
            last = error.code
            if error.code in DEAD_STATUSES and method == "GET":
                return Result(url, "dead", say("links.not_found", status=error.code))
            continue  # some servers answer HEAD wrongly: try GET
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, socket.gaierror):
                return Result(url, "dead", say("links.no_such_host"))
            if isinstance(reason, ConnectionRefusedError):
                return Result(url, "dead", say("links.refused"))
            if isinstance(reason, (socket.timeout, TimeoutError)):
                return Result(url, "unsure", say("links.timeout"))
            return Result(url, "unsure", say("links.no_connection", reason=reason))
        except (socket.timeout, TimeoutError):
            return Result(url, "unsure", say("links.timeout"))
        except (OSError, ValueError) as error:
            return Result(url, "unsure", say("links.no_connection", reason=error))
    return Result(url, "unsure", say("links.blocked", status=last))


def run(root: Path, out=print, workers: int = 8, timeout: float = 15.0) -> int:
    """Check every external link and print the report in the editor's language (see
    strings.editor_language); 1 when a link is dead, else 0."""
    links = external_links(root)
    if not links:
        out(str(say("links.no_links")))
        return 0
    hosts = {urlsplit(url).hostname for url in links}
    if not network_available(sorted(links, key=lambda u: urlsplit(u).hostname or "")):
        out(str(say("links.no_network", hosts=len(hosts), links=len(links))))
        return 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda url: check_url(url, timeout), sorted(links)))
    dead = [r for r in results if r.state == "dead"]
    unsure = [r for r in results if r.state == "unsure"]
    for title, group in ((say("links.dead_title"), dead), (say("links.unsure_title"), unsure)):
        if group:
            out(str(title))
            for result in group:
                where = ", ".join(f"{path}:{line}" for path, line in links[result.url])
                out(f"  {result.url} – {result.detail}\n    {say('links.found_in', where=where)}")
    out(str(say("links.summary", checked=len(results), hosts=len(hosts), dead=len(dead), unsure=len(unsure),
                fine=len(results) - len(dead) - len(unsure))))
    return 1 if dead else 0
