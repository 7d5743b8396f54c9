"""`make bench`: the handbook against Material's defaults, measured in one run, printed as one table.

    python -m handbook.bench [--markdown] [--quick]

Both sites are built here from a throw-away copy of the repository (so the build cache, .cache/,
can be removed for the cold build without touching the working tree, and the edit made to time
`make serve` never reaches docs/):

* ours: the repository as it is;
* the baseline: the same docs/ with Material's defaults (Google Fonts included, plain search) and
  the i18n plugin (folder structure, bg default, en) – no hooks, so no generated worksheet pages:
  its "worksheet" row uses the worksheet catalogue page (/worksheets/), the nearest page it has.

Each site is served on 127.0.0.1 by a server that compresses text with gzip (level 6, as a
typical host does) and sends the cache headers of our hosting rules: the generated `_headers` for
ours; for the baseline the same rules (hosting.cache_rules: fingerprinted assets immutable, the
rest revalidated). Bytes are counted by the server: headers and (compressed) bodies of every
response, requests of the search worker included. Chromium (Debian's, driven by Playwright) runs
with every other host unresolvable, so an off-site request fails at once and is counted, not
waited for.

Lighthouse (npm `lighthouse`, pinned below, installed into .cache/tools on first use) audits the
home page, a chapter and a worksheet page of both languages on both sites: mobile form factor,
simulated throttling (Lighthouse's default: 150 ms RTT, 1.6 Mbit/s, CPU 4× slower), Debian's
Chromium headless, with the same unresolvable off-site hosts. Its CPU figures (total blocking
time, bootup time) scale with this machine's load: they are compared with the baseline's in the
same run, and the scripts that block are listed under the table.

Timings on a shared machine drift; the comparison in the same run is the point. Build times are
wall-clock, with the CPU time of the build in brackets; "cores used" is CPU ÷ wall.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from devtools.server import BenchServer, cache_rules_for  # the measuring server (also used by the tests)
from devtools.workspace import copy_project

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
SLOW = {"offline": False, "latency": 150, "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}
LIGHTHOUSE_VERSION = "12.8.2"  # the last major line that runs on Node 20 (13.x needs Node ≥ 22.19)
TOOLS = ROOT / ".cache" / "tools"
LIGHTHOUSE = TOOLS / "node_modules" / ".bin" / "lighthouse"
LIGHTHOUSE_CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                           "--disable-component-update --disable-sync --no-first-run "
                           "--host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'")
CATEGORIES = (("performance", "P"), ("accessibility", "A"), ("best-practices", "BP"), ("seo", "SEO"))
TBT_TARGET, LCP_TARGET, CHAPTER_TARGET = 50, 1200, 70 * 1024
EDITED_CHAPTER = "docs/bg/chapters/05-working-with-media.md"
EDITED_URL = "/chapters/05-working-with-media/"

# (row label, our path, the baseline's path)
PAGES = {
    "bg": [("home", "/", "/"),
           ("chapter", "/chapters/05-working-with-media/", "/chapters/05-working-with-media/"),
           ("worksheet", "/worksheets/w05-press-release/", "/worksheets/")],
    "en": [("home", "/en/", "/en/"),
           ("chapter", "/en/chapters/05-working-with-media/", "/en/chapters/05-working-with-media/"),
           ("worksheet", "/en/worksheets/w05-press-release/", "/en/worksheets/")],
}
QUERY = {"bg": "медиите", "en": "journalists"}

BASELINE_CONFIG = """# The benchmark's baseline: Material's defaults and the i18n plugin, the handbook's docs/.
site_name: Как да говорим за миграцията и интеграцията
site_url: http://127.0.0.1:8000/
docs_dir: {docs}
exclude_docs: |
  data/
theme:
  name: material
  language: bg
plugins:
  - search
  - i18n:
      docs_structure: folder
      languages:
        - locale: bg
          name: Български
          default: true
          build: true
        - locale: en
          name: English
          build: true
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tasklist:
      custom_checkbox: true
"""


# --- the server ---------------------------------------------------------------------------------

@dataclass
class Visit:
    requests: int = 0
    bytes: int = 0
    failed: list = field(default_factory=list)
    offsite: list = field(default_factory=list)
    paths: list = field(default_factory=list)
    sizes: list = field(default_factory=list)
    header_sizes: list = field(default_factory=list)

    def cell(self) -> str:
        text = f"{kb(self.bytes)} ({self.requests} req."
        if self.failed:
            text += f", {len(self.failed)} failed"
        if self.offsite:
            text += f", {len(self.offsite)} off-site"
        return text + ")"


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def _watch(page, server_url: str):
    failed, offsite = [], []
    host = urlsplit(server_url).netloc

    def on_request(request):
        url = request.url
        if url.startswith(("http://", "https://")) and urlsplit(url).netloc != host:
            offsite.append(url)

    page.on("request", on_request)
    page.on("requestfailed", lambda request: failed.append(request.url))
    return failed, offsite


def _settle(page) -> None:
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def visit(browser, server: BenchServer, path: str, warm_with: str | None = None) -> Visit:
    """Load `path` in a fresh browser profile; with `warm_with`, after visiting that page first
    (a repeat visit: what a reader's second page costs)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        if warm_with:
            page.goto(server.url + warm_with)
            _settle(page)
        server.traffic.take()
        failed, offsite = _watch(page, server.url)
        page.goto(server.url + path)
        _settle(page)
        taken = server.traffic.take_with_headers()
        failed += [f"{status} {p}" for p, status, _, _ in taken if status >= 400]
        return Visit(len(taken), sum(size for _, _, size, _ in taken), failed, offsite, [p for p, _, _, _ in taken],
                     [size for _, _, size, _ in taken], [header for _, _, _, header in taken])
    finally:
        context.close()


LCP_SCRIPT = """() => new Promise(resolve => {
  let value = 0;
  new PerformanceObserver(list => { for (const entry of list.getEntries()) value = entry.startTime; })
    .observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve(value), 400);
})"""


def lcp(browser, server: BenchServer, path: str, slow: bool) -> float:
    """Largest contentful paint of a first visit, in milliseconds."""
    context = browser.new_context(viewport={"width": 412, "height": 823} if slow else None)
    try:
        page = context.new_page()
        if slow:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW)
        page.goto(server.url + path, wait_until="load", timeout=120_000)
        return float(page.evaluate(LCP_SCRIPT))
    finally:
        context.close()


@dataclass
class SearchUse:
    at_load: bool
    first_search: Visit
    results: int


def search_use(browser, server: BenchServer, path: str, query: str) -> SearchUse:
    """Is the index fetched with the page, and what does the first search cost?"""
    context = browser.new_context()
    try:
        page = context.new_page()
        server.traffic.take()
        page.goto(server.url + path)
        _settle(page)
        at_load = any("search_index.json" in p for p, _, _ in server.traffic.take())
        failed, offsite = _watch(page, server.url)
        box = page.locator("input.md-search__input")
        box.click()
        box.fill(query)
        box.dispatch_event("keyup")
        page.locator(".md-search-result__item").first.wait_for(timeout=30_000)
        _settle(page)
        taken = server.traffic.take()
        results = page.locator(".md-search-result__item").count()
        return SearchUse(at_load, Visit(len(taken), sum(s for _, _, s in taken), failed, offsite), results)
    finally:
        context.close()


KINDS = ("HTML", "CSS", "JS", "fonts", "icons", "other", "headers")


def kind_of(path: str) -> str:
    """The type of a response, from its address (the server sends what the site folder holds)."""
    path = urlsplit(path).path.lower()
    if path.endswith(("/", ".html")):
        return "HTML"
    if path.endswith(".css"):
        return "CSS"
    if path.endswith((".js", ".mjs")):
        return "JS"
    if path.endswith((".woff2", ".woff", ".ttf", ".otf", ".eot")):
        return "fonts"
    if path.endswith((".svg", ".ico", ".png", ".webmanifest")) and ("/images/" in path or "favicon" in path
                                                                    or "icon" in path):
        return "icons"
    return "other"


def by_kind(first: Visit) -> str:
    """A visit's bytes by type: the (compressed) bodies by the type of the response, and the HTTP
    headers of all the responses on their own (HTTP/1.1 sends them uncompressed with every response;
    HTTP/2 and 3 compress repeated headers). The parts add up to the total."""
    totals = dict.fromkeys(KINDS, 0)
    for path, size, header in zip(first.paths, first.sizes, first.header_sizes):
        totals[kind_of(path)] += size - header
        totals["headers"] += header
    assert sum(totals.values()) == first.bytes
    return " + ".join(f"{kind} {totals[kind] / 1024:.1f}" for kind in KINDS) + f" = {kb(first.bytes)}"


def ensure_lighthouse() -> Path:
    if not LIGHTHOUSE.exists():
        log(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {TOOLS}…")
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund",
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True, capture_output=True)
    return LIGHTHOUSE


@dataclass
class Audit:
    scores: dict            # category → 0–100
    tbt: float              # ms
    lcp: float              # ms
    transfer: int           # bytes, as Lighthouse counts them
    failed: list            # (category, audit id, score) of the audits that cost points
    scripts: list           # (url, total ms, scripting ms) from bootup-time
    work: list              # (group, ms) from mainthread-work-breakdown

    def scores_cell(self) -> str:
        return " · ".join(f"{short} {self.scores[name]:.0f}" for name, short in CATEGORIES)

    def speed_cell(self) -> str:
        return f"TBT {self.tbt:.0f} ms · LCP {self.lcp / 1000:.2f} s · {kb(self.transfer)}"


def lighthouse(url: str) -> Audit:
    """One Lighthouse run (mobile, simulated throttling) of `url`."""
    with tempfile.TemporaryDirectory(prefix="handbook-lh-") as folder:
        report = Path(folder) / "report.json"
        command = [str(LIGHTHOUSE), url, "--chrome-path=" + CHROMIUM, "--chrome-flags=" + LIGHTHOUSE_CHROME_FLAGS,
                   "--only-categories=performance,accessibility,best-practices,seo", "--form-factor=mobile",
                   "--output=json", "--quiet", "--output-path=" + str(report)]
        for attempt in range(3):  # a busy machine now and then loses the trace (NO_NAVSTART): run again
            report.unlink(missing_ok=True)
            result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False,
                                    env={**os.environ, "TMPDIR": folder})
            if result.returncode == 0 and report.exists():
                break
            log(f"lighthouse: {url} failed (attempt {attempt + 1}): {result.stderr.strip()[-300:]}")
        else:
            raise SystemExit(f"lighthouse failed for {url}:\n{result.stderr[-3000:]}")
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    failed = []
    for name, category in data["categories"].items():
        for ref in category["auditRefs"]:
            score = audits[ref["id"]].get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                failed.append((name, ref["id"], score))
    origin = urlsplit(url)
    origin = f"{origin.scheme}://{origin.netloc}"
    scripts = [(item["url"].replace(origin, ""), item["total"], item.get("scripting", 0))
               for item in audits["bootup-time"]["details"].get("items", [])]
    work = [(item["groupLabel"], item["duration"])
            for item in audits["mainthread-work-breakdown"]["details"].get("items", [])]
    return Audit({name: 100 * (category["score"] or 0) for name, category in data["categories"].items()},
                 audits["total-blocking-time"]["numericValue"], audits["largest-contentful-paint"]["numericValue"],
                 int(audits["total-byte-weight"]["numericValue"]), failed, scripts, work)


# --- builds and serve ---------------------------------------------------------------------------

def write_baseline(project: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    config = folder / "mkdocs.yml"
    config.write_text(BASELINE_CONFIG.format(docs=json.dumps(str(project / "docs"))), encoding="utf-8")
    return config


@dataclass
class Timing:
    wall: float
    cpu: float

    def cell(self) -> str:
        return f"{self.wall:.1f} s (CPU {self.cpu:.1f} s)"


def _env(extra: dict | None = None) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}
    env.pop("PYTHONPATH", None)  # the copy's hooks find their own scripts/
    return env


def timed_build(cwd: Path, site: Path, config: Path | None = None, strict: bool = True,
                extra_env: dict | None = None) -> Timing:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)]
    if strict:
        command.append("--strict")
    if config is not None:
        command += ["--config-file", str(config)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=_env(extra_env), capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {cwd}:\n{result.stdout[-3000:]}\n{result.stderr[-6000:]}")
    return Timing(wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except Exception:
        return ""


def _cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def save_to_served(project: Path, config: Path | None = None, rounds: int = 3) -> list[Timing]:
    """Start `mkdocs serve` (as `make serve` does, without --dirty), append a line to a chapter of
    the project copy, and time until the served page shows it; the chapter is restored afterwards."""
    port = _free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"]
    cwd = project
    if config is not None:
        command += ["--config-file", str(config)]
        cwd = config.parent
    chapter = project / EDITED_CHAPTER
    original = chapter.read_bytes()
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, cwd=cwd, env=_env(), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}{EDITED_URL}"
    times = []
    try:
        deadline = time.monotonic() + 300
        while "</html>" not in _get(url):
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit("mkdocs serve did not start:\n" + log.read().decode("utf-8", "replace")[-4000:])
            time.sleep(0.2)
        time.sleep(1.0)
        for number in range(rounds):
            marker = f"bench-marker-{number}-{time.time_ns()}"
            cpu = _cpu_seconds(process.pid)
            start = time.perf_counter()
            chapter.write_bytes(original + f"\n\n{marker}\n".encode())
            while marker not in _get(url):
                if time.perf_counter() - start > 120:
                    raise SystemExit("the edited chapter was not served within two minutes")
                time.sleep(0.02)
            times.append(Timing(time.perf_counter() - start, _cpu_seconds(process.pid) - cpu))
            time.sleep(1.5)
    finally:
        chapter.write_bytes(original)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
    return times


# --- the run ------------------------------------------------------------------------------------

def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)) if path.exists() else 0


def median(values) -> float:
    return statistics.median(values) if values else float("nan")


def run(quick: bool = False) -> list[tuple]:
    """Measure everything; return the table's rows: (section, label, ours, baseline, target, ok)."""
    from playwright.sync_api import sync_playwright

    rows: list[tuple] = []
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        project = copy_project(work / "project")
        baseline_config = write_baseline(project, work / "baseline")
        ours_site, base_site = work / "site", work / "baseline-site"

        log("building: ours, cold cache (every PDF and DOCX)…")
        shutil.rmtree(project / ".cache", ignore_errors=True)
        cold = timed_build(project, ours_site)
        log("building: ours, warm cache…")
        warm = timed_build(project, ours_site)
        log("building: ours, HTML only…")
        html_only = timed_build(project, work / "site-html", extra_env={"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE": "0"})
        log("building: baseline (twice)…")
        base_first = timed_build(project, base_site, baseline_config, strict=False)
        base_second = timed_build(project, base_site, baseline_config, strict=False)

        rows.append(("Build", "strict HTML build (no PDF/DOCX/ZIP rendering)", html_only.cell(),
                     base_second.cell() + " (not strict)", "", None))
        rows.append(("Build", "full build, cold cache", cold.cell(), base_first.cell() + " (no PDF/DOCX)", "≤ 30 s",
                     cold.wall <= 30))
        rows.append(("Build", "full build, warm cache", warm.cell(), base_second.cell(), "≤ 3 s", warm.wall <= 3))
        speedup = cold.wall / warm.wall
        rows.append(("Build", "cold ÷ warm", f"{speedup:.1f}×", "–", "≥ 5×", speedup >= 5))
        usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        rows.append(("Build", f"cores used, cold / warm (CPU ÷ wall; {usable} of {os.cpu_count()} usable)",
                     f"{cold.cpu / cold.wall:.2f} / {warm.cpu / warm.wall:.2f}",
                     f"{base_first.cpu / base_first.wall:.2f} / {base_second.cpu / base_second.wall:.2f}", "", None))

        log("timing `make serve`: ours…")
        ours_serve = save_to_served(project, rounds=2 if quick else 3)
        log("timing `make serve`: baseline…")
        base_serve = save_to_served(project, baseline_config, rounds=2 if quick else 3)
        ours_wall = median([t.wall for t in ours_serve])
        rows.append(("Build", "save a chapter → rebuilt page served (median of "
                     f"{len(ours_serve)})", f"{ours_wall:.2f} s (CPU {median([t.cpu for t in ours_serve]):.2f} s)",
                     f"{median([t.wall for t in base_serve]):.2f} s (CPU {median([t.cpu for t in base_serve]):.2f} s)",
                     "≤ 1.0 s", ours_wall <= 1.0))

        for lang, folder in (("bg", ""), ("en", "en")):
            size = gzip_size(ours_site / folder / "search" / "search_index.json")
            rows.append(("Search", f"index, {lang} (gzip)", kb(size),
                         kb(gzip_size(base_site / "search" / "search_index.json")) + " (bg+en in one)",
                         "< 60 KB, one language", size < 60 * 1024))

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            with BenchServer(ours_site, cache_rules_for(ours_site)) as ours, \
                    BenchServer(base_site, cache_rules_for(base_site)) as base:
                log("page visits…")
                for lang, pages in PAGES.items():
                    home_ours, home_base = pages[0][1], pages[0][2]
                    for label, ours_path, base_path in pages:
                        first_o, first_b = visit(browser, ours, ours_path), visit(browser, base, base_path)
                        warm_o = pages[1][1] if label == "home" else home_ours
                        warm_b = pages[1][2] if label == "home" else home_base
                        again_o = visit(browser, ours, ours_path, warm_with=warm_o)
                        again_b = visit(browser, base, base_path, warm_with=warm_b)
                        note = " (catalogue page)" if label == "worksheet" else ""
                        target, ok = "", None
                        if label == "chapter":
                            target = "≤ ½ baseline, 0 failed, 0 off-site"
                            ok = (first_o.bytes <= first_b.bytes / 2 and not first_o.failed and not first_o.offsite)
                        rows.append(("Page weight", f"{lang} {label}, first visit", first_o.cell(),
                                     first_b.cell() + note, target, ok))
                        if label == "chapter":
                            rows.append(("Page weight", f"{lang} chapter, first visit by type (KiB: "
                                         + ", ".join(KINDS) + ")", by_kind(first_o), by_kind(first_b),
                                         "≤ 70 KiB", first_o.bytes <= CHAPTER_TARGET))
                        html_only_repeat = (again_o.requests == 1 and again_o.paths
                                            and again_o.paths[0].split("?")[0] == ours_path)
                        rows.append(("Page weight", f"{lang} {label}, repeat visit", again_o.cell(),
                                     again_b.cell() + note, "only the page's HTML", bool(html_only_repeat)))
                log("search…")
                for lang, pages in PAGES.items():
                    chapter_o, chapter_b = pages[1][1], pages[1][2]
                    use_o = search_use(browser, ours, chapter_o, QUERY[lang])
                    use_b = search_use(browser, base, chapter_b, QUERY[lang])
                    rows.append(("Search", f"{lang}: index fetched with the page",
                                 "yes" if use_o.at_load else "no", "yes" if use_b.at_load else "no",
                                 "only on search", not use_o.at_load))
                    rows.append(("Search", f"{lang}: first search “{QUERY[lang]}” fetches",
                                 use_o.first_search.cell() + f", {use_o.results} results",
                                 use_b.first_search.cell() + f", {use_b.results} results", "", None))
                ensure_lighthouse()
                for lang, pages in PAGES.items():
                    for label, ours_path, base_path in pages:
                        log(f"lighthouse: {lang} {label}…")
                        audit_o, audit_b = lighthouse(ours.url + ours_path), lighthouse(base.url + base_path)
                        ours.traffic.take(), base.traffic.take()
                        note = " (catalogue page)" if label == "worksheet" else ""
                        rows.append(("Lighthouse", f"{lang} {label}: scores", audit_o.scores_cell(),
                                     audit_b.scores_cell() + note, "100 each",
                                     all(audit_o.scores[name] >= 100 for name, _ in CATEGORIES)))
                        rows.append(("Lighthouse", f"{lang} {label}: blocking time, LCP, transfer",
                                     audit_o.speed_cell(), audit_b.speed_cell() + note,
                                     "TBT ≤ 50 ms, LCP ≤ 1.2 s",
                                     audit_o.tbt <= TBT_TARGET and audit_o.lcp <= LCP_TARGET))
                        for who, audit in (("ours", audit_o), ("baseline", audit_b)):
                            if audit.failed:
                                NOTES.append(f"Lighthouse, {who}, {lang} {label}: audits below full marks: " + ", ".join(
                                    f"{audit_id} ({category}, {score:.2f})" for category, audit_id, score in audit.failed))
                        if label == "chapter":
                            for who, audit in (("ours", audit_o), ("baseline", audit_b)):
                                NOTES.append(f"Main thread, {who}, {lang} chapter (ms, CPU ×4): " + ", ".join(
                                    f"{group} {ms:.0f}" for group, ms in audit.work) + "; by script: " + ", ".join(
                                    f"{url or 'page'} {total:.0f} (scripting {js:.0f})"
                                    for url, total, js in audit.scripts))
                log("largest contentful paint…")
                for lang, pages in PAGES.items():
                    for label, ours_path, base_path in pages:
                        fast_o = median([lcp(browser, ours, ours_path, False) for _ in range(1 if quick else 3)])
                        fast_b = median([lcp(browser, base, base_path, False) for _ in range(1 if quick else 3)])
                        slow_o, slow_b = lcp(browser, ours, ours_path, True), lcp(browser, base, base_path, True)
                        rows.append(("LCP", f"{lang} {label}, no throttling", f"{fast_o:.0f} ms", f"{fast_b:.0f} ms",
                                     "", None))
                        rows.append(("LCP", f"{lang} {label}, 1.6 Mbit/s, 150 ms RTT", f"{slow_o:.0f} ms",
                                     f"{slow_b:.0f} ms", "", None))
            browser.close()
        return rows
    finally:
        shutil.rmtree(work, ignore_errors=True)


NOTES: list[str] = []  # lines printed under the table (Lighthouse's failed audits, where the main thread goes)


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def table(rows: list[tuple], markdown: bool = False) -> str:
    header = ("Measure", "Ours", "Baseline (Material defaults + i18n)", "Target", "")
    body = [(f"{section}: {label}", ours, base, target, "" if ok is None else ("✔" if ok else "✘"))
            for section, label, ours, base, target, ok in rows]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max(len(str(cells[i])) for cells in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(header, widths)).rstrip(),
             "  ".join("-" * width for width in widths)]
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(cells, widths)).rstrip() for cells in body]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m handbook.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown (for README.md)")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (LCP once, serve twice)")
    parser.add_argument("--lighthouse-only", metavar="SITE",
                        help="only run Lighthouse on a built site folder (a quick look while working)")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}: run `make system-deps`.", file=sys.stderr)
        return 1
    if args.lighthouse_only:
        ensure_lighthouse()
        site = Path(args.lighthouse_only)
        with BenchServer(site, cache_rules_for(site)) as server:
            for lang, pages in PAGES.items():
                for label, path, _ in pages:
                    audit = lighthouse(server.url + path)
                    print(f"{lang} {label}: {audit.scores_cell()}; {audit.speed_cell()}; failed: {audit.failed}")
                    print("   ", ", ".join(f"{u or 'page'} {t:.0f}/{j:.0f}" for u, t, j in audit.scripts))
        return 0
    start_load = os.getloadavg()[0]
    rows = run(quick=args.quick)
    load = os.getloadavg()[0]
    print(f"Benchmark of {datetime.date.today().isoformat()} on {os.cpu_count()} CPU cores (load average "
          f"{start_load:.1f} at the start, {load:.1f} at the end: above the core count, wall times stretch and the "
          "CPU times are the steadier figure). Sizes are bytes sent by the server (headers + gzip level 6 "
          "bodies); ✔/✘: target met or not.")
    print(table(rows, markdown=args.markdown))
    if NOTES:
        print()
        for note in NOTES:
            print(("* " if args.markdown else "") + note)
    failed = [row for row in rows if row[5] is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
