"""Generated downloads: built into a content-addressed cache, then published into the site.

Each file's cache key covers its definition, the language, the imprint and the source of every
module that shapes the output, so an unchanged worksheet is never rendered twice and a change to
the generator renders everything again. Files are written to a temporary name and renamed, so a
failed or interrupted build never leaves a half-written file behind.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import shutil
import tempfile
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from handbook import templates
from handbook.downloads import translations, worksheet_files
from handbook.sources import worksheets
from handbook.languages import LANGUAGES, folder

PACKAGE = Path(__file__).resolve().parents[1]  # scripts/handbook
FONT_FILES = sorted((PACKAGE / "downloads" / "fonts").glob("*.ttf"))
ZIP_DATE = (2020, 7, 14, 0, 0, 0)  # the date of the Burgas training: every ZIP entry carries it
# The modules whose source shapes a worksheet file (a change to any of them renders every file again).
WORKSHEET_GENERATOR = ["sources/worksheets.py", "downloads/worksheet_files.py", "downloads/pdf.py",
                       "downloads/pdfua.py", "downloads/translations.py", "downloads/cache.py", "strings/bg.yml",
                       "strings/en.yml",
                       *templates.SOURCES]


def write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, 0o644)  # mkstemp creates 0600; a web server must be able to read it
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def copy_atomic(source: Path, target: Path) -> None:
    write_atomic(target, source.read_bytes())


def generator_digest(sources: list[str]) -> str:
    """A digest of the code (and fonts) that shapes an output: files below scripts/handbook/."""
    digest = hashlib.sha256()
    for name in sources:
        digest.update((PACKAGE / name).read_bytes())
    for font in FONT_FILES:
        digest.update(font.name.encode() + str(font.stat().st_size).encode())
    return digest.hexdigest()


@dataclass
class ContentCache:
    """Files made once per distinct input: the key covers the input and the generator's code, the
    file is written atomically, so an interrupted build leaves the cache usable."""

    cache_dir: Path
    generator: list[str]
    rendered: int = 0
    reused: int = 0
    _digest: str = field(default="", init=False)

    def path_for(self, key_parts: list[bytes], suffix: str) -> Path:
        if not self._digest:
            self._digest = generator_digest(self.generator)
        digest = hashlib.sha256(b"\0".join([self._digest.encode(), *key_parts])).hexdigest()[:32]
        return self.cache_dir / f"{digest}{suffix}"

    def get(self, key_parts: list[bytes], suffix: str, make: Callable[[], bytes]) -> Path:
        path = self.path_for(key_parts, suffix)
        if path.exists():
            self.reused += 1
        else:
            write_atomic(path, make())
            self.rendered += 1
        return path

    def get_many(self, jobs: list[tuple[list[bytes], str, Callable, tuple]]) -> list[Path]:
        """Several files at once: (key parts, suffix, function, arguments) each; the missing ones
        are made by function(*arguments) in parallel on every core (the function and its arguments
        must be picklable: module-level functions and plain data)."""
        paths = [self.path_for(key, suffix) for key, suffix, _, _ in jobs]
        missing = {}
        for path, (_, _, function, arguments) in zip(paths, jobs):
            if not path.exists() and path not in missing:
                missing[path] = (function, arguments)
        self.reused += len(jobs) - len(missing)
        self.rendered += len(missing)
        for path, data in zip(missing, parallel_map(list(missing.values()))):
            write_atomic(path, data)
        return paths


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _call(job: tuple) -> bytes:
    function, arguments = job
    return function(*arguments)


def parallel_map(jobs: list[tuple]) -> list[bytes]:
    """function(*arguments) of every (function, arguments), in order: in worker processes when
    there is more than one job and more than one core (each renders whole documents: WeasyPrint
    uses one core), else here."""
    workers = min(cores(), len(jobs))
    if workers <= 1:
        return [_call(job) for job in jobs]
    # fork: the workers start at once with everything imported (a build process has no threads).
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_call, jobs))


@dataclass
class WorksheetOutputs:
    """Every worksheet file of every language, rendered (or found in the cache)."""

    cache_dir: Path
    imprint: worksheet_files.Imprint
    files: dict = field(default_factory=dict)  # (lang, slug, kind) -> cached path
    zips: dict = field(default_factory=dict)  # lang -> cached path
    translated: dict = field(default_factory=dict)  # slug -> [(Translation, cached path)]

    def __post_init__(self):
        self.cache = ContentCache(self.cache_dir, WORKSHEET_GENERATOR)

    @property
    def rendered(self) -> int:
        return self.cache.rendered

    @property
    def reused(self) -> int:
        return self.cache.reused

    def build(self, sheets: list[worksheets.Worksheet], statements: dict | None = None) -> "WorksheetOutputs":
        """Every worksheet file, and the translations of worksheet statements ({slug: [Translation]})."""
        imprint = repr(self.imprint).encode()
        renderers = {"pdf": worksheet_files.render_pdf, "docx": worksheet_files.render_docx}
        jobs, names = [], []  # every file at once, so the missing ones render in parallel
        for slug, items in (statements or {}).items():
            for t in items:
                jobs.append(([imprint, repr(t).encode(), b"statement"], ".pdf", translations.render_pdf,
                             (t, self.imprint.handbook[LANGUAGES[0]])))
                names.append(("statement", slug, t))
        for sheet in sheets:
            definition = sheet.source.read_bytes()
            for lang in LANGUAGES:
                for kind, render in renderers.items():
                    jobs.append(([imprint, definition, lang.encode(), kind.encode()], f".{kind}", render,
                                 (sheet, lang, self.imprint)))
                    names.append(("sheet", sheet.slug, (lang, kind)))
        for (what, slug, detail), path in zip(names, self.cache.get_many(jobs)):
            if what == "statement":
                self.translated.setdefault(slug, []).append((detail, path))
            else:
                self.files[(detail[0], slug, detail[1])] = path
        for lang in LANGUAGES:
            self.zips[lang] = self._zip(sheets, lang, list(renderers))
        return self

    def _zip(self, sheets, lang: str, kinds: list[str]) -> Path:
        """One language's worksheets in one ZIP that unpacks into a folder named like the ZIP
        (clarinet-worksheets-bg/), with an index (README.txt) and every entry dated with the build
        date, which the cache key therefore holds (it is in the imprint)."""
        top = zip_folder(lang)
        readme = worksheet_files.zip_readme(sheets, lang, self.imprint, kinds).encode("utf-8-sig")
        members = [(f"{top}/README.txt", readme)] + sorted(
            (f"{top}/{sheet.file_name(lang, kind)}", self.files[(lang, sheet.slug, kind)])
            for sheet in sheets for kind in kinds)
        day = self.imprint.build_date()
        key = [b"zip", lang.encode(), repr(self.imprint).encode(), readme] + [
            f"{name}:{member.name}".encode() for name, member in members[1:]]
        return self.cache.get(key, ".zip", lambda: reproducible_zip(
            members, date_time=(day.year, day.month, day.day, 0, 0, 0)))

    def links(self, lang: str, sheets, prefix: str) -> dict:
        """(slug, kind) -> (href relative to a page, size in bytes), for one language."""
        return {(sheet.slug, kind): (f"{prefix}{sheet.file_name(lang, kind)}",
                                     self.files[(lang, sheet.slug, kind)].stat().st_size)
                for sheet in sheets for kind in ("pdf", "docx")}

    def publish(self, site_dir: Path, sheets) -> None:
        """Copy every file into <site>/<lang folder>/worksheets/files/."""
        for lang in LANGUAGES:
            target_dir = site_dir / folder(lang) / "worksheets" / "files"
            for sheet in sheets:
                for kind in ("pdf", "docx"):
                    copy_atomic(self.files[(lang, sheet.slug, kind)], target_dir / sheet.file_name(lang, kind))
            copy_atomic(self.zips[lang], target_dir / zip_name(lang))
            for items in self.translated.values():
                for translation, path in items:
                    copy_atomic(path, target_dir / translation.file_name())

    def translation_links(self, slug: str, prefix: str) -> list[tuple]:
        """[(Translation, href relative to a page, size in bytes)] of one worksheet's statement."""
        return [(t, f"{prefix}{t.file_name()}", path.stat().st_size) for t, path in self.translated.get(slug, [])]


def zip_name(lang: str) -> str:
    return f"clarinet-worksheets-{lang}.zip"


def zip_folder(lang: str) -> str:
    """The folder the worksheet ZIP unpacks into: its name without .zip."""
    return zip_name(lang).removesuffix(".zip")


def reproducible_zip(members: list[tuple[str, Path | bytes]], stored: set[str] = frozenset(),
                     level: int | None = None, date_time: tuple = ZIP_DATE) -> bytes:
    """A reproducible ZIP: every entry dated `date_time`, in the given order, so its cache key says
    everything. A member is a file (Path) or its bytes. Files whose suffix is in `stored` (already
    compressed) are stored, the rest deflated."""
    with tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024) as buffer:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, member in members:
                info = zipfile.ZipInfo(name, date_time=date_time)
                suffix = (Path(name) if isinstance(member, bytes) else member).suffix.lower()
                info.compress_type = zipfile.ZIP_STORED if suffix in stored else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                data = member if isinstance(member, bytes) else member.read_bytes()
                archive.writestr(info, data, compresslevel=level)
        buffer.seek(0)
        return buffer.read()


def clear(cache_dir: Path) -> None:
    shutil.rmtree(cache_dir, ignore_errors=True)
