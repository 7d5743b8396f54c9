"""Reading the built PDFs, each file once per test run: its text as poppler's pdftotext extracts
it (one run for the whole file; running it page by page re-reads the whole file each time), and its
document information, catalogue and page count through qpdf (pikepdf), which opens a file more
than ten times faster than pypdf. pypdf stays where its API is needed (form fields, outline)."""

from __future__ import annotations

import os
import subprocess
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import pikepdf

_TEXTS: dict[Path, Future] = {}
_LOCK = threading.Lock()


def _extract(path: Path) -> tuple[str, ...]:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # the form feed after the last page
    assert len(pages) == page_count(path), path
    return tuple(" ".join(page.split()) for page in pages)


def page_texts(path: Path) -> tuple[str, ...]:
    """The text of each page, whitespace collapsed: pdftotext ends every page with a form feed.
    Extracted once per run: by the first caller, or by `read_in_background` ahead of it."""
    with _LOCK:
        future = _TEXTS.get(path)
        owner = future is None
        if owner:
            future = _TEXTS[path] = Future()
    if owner:
        try:
            future.set_result(_extract(path))
        except BaseException as error:
            future.set_exception(error)
    return future.result()


def text(path: Path, first: int = 0, last: int = 0) -> str:
    """The text of pages first..last (numbered from 1; all pages when not given), whitespace
    collapsed, as `pdftotext -f first -l last` gives it."""
    pages = page_texts(path)
    return " ".join(" ".join(pages[first - 1:last] if first else pages).split())


def read_all(paths) -> None:
    """Extract the text of many files at once, on every core (pdftotext runs in its own process)."""
    with ThreadPoolExecutor(max_workers=len(os.sched_getaffinity(0))) as pool:
        list(pool.map(page_texts, paths))


def read_in_background(paths, workers: int = 1) -> None:
    """Start extracting the text of these files in `workers` background threads and return: the
    tests that read them later find them done (pdftotext uses a core the Python checks leave idle)."""
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="pdftotext")
    for path in paths:
        pool.submit(page_texts, path)
    pool.shutdown(wait=False)


@lru_cache(maxsize=None)
def _summary(path: Path) -> tuple[int, dict, str | None, frozenset]:
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        lang = str(root.Lang) if "/Lang" in root else None
        info = {str(key): str(value) for key, value in pdf.docinfo.items()}
        return len(pdf.pages), info, lang, frozenset(str(key) for key in root.keys())


def page_count(path: Path) -> int:
    return _summary(path)[0]


def info(path: Path) -> dict[str, str]:
    """The document information dictionary ({"/Title": …, "/Author": …}), values as text."""
    return dict(_summary(path)[1])


def language(path: Path) -> str | None:
    """The document catalogue's /Lang, None without one."""
    return _summary(path)[2]


def catalogue_keys(path: Path) -> frozenset[str]:
    """The keys of the document catalogue ("/Lang", "/StructTreeRoot", "/MarkInfo", …)."""
    return _summary(path)[3]
