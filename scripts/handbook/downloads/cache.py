"""Generated downloads: built into a content-addressed cache, then published into the site.

Each file's cache key covers its definition, the language, the imprint and the source of every
module that shapes the output, so an unchanged worksheet is never rendered twice and a change to
the generator renders everything again. Files are written to a temporary name and renamed, so a
failed or interrupted build never leaves a half-written file behind.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from handbook.downloads import worksheet_files
from handbook.sources import worksheets
from handbook.languages import LANGUAGES, folder

PACKAGE = Path(__file__).resolve().parents[1]  # scripts/handbook
FONT_FILES = sorted((PACKAGE / "downloads" / "fonts").glob("*.ttf"))
ZIP_DATE = (2020, 7, 14, 0, 0, 0)  # the date of the Burgas training: every ZIP entry carries it
# The modules whose source shapes a worksheet file (a change to any of them renders every file again).
WORKSHEET_GENERATOR = ["sources/worksheets.py", "downloads/worksheet_files.py", "downloads/pdf.py",
                       "downloads/cache.py", "strings/bg.yml", "strings/en.yml"]


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

    def get(self, key_parts: list[bytes], suffix: str, make: Callable[[], bytes]) -> Path:
        if not self._digest:
            self._digest = generator_digest(self.generator)
        digest = hashlib.sha256(b"\0".join([self._digest.encode(), *key_parts])).hexdigest()[:32]
        path = self.cache_dir / f"{digest}{suffix}"
        if path.exists():
            self.reused += 1
        else:
            write_atomic(path, make())
            self.rendered += 1
        return path


@dataclass
class WorksheetOutputs:
    """Every worksheet file of every language, rendered (or found in the cache)."""

    cache_dir: Path
    imprint: worksheet_files.Imprint
    files: dict = field(default_factory=dict)  # (lang, slug, kind) -> cached path
    zips: dict = field(default_factory=dict)  # lang -> cached path

    def __post_init__(self):
        self.cache = ContentCache(self.cache_dir, WORKSHEET_GENERATOR)

    @property
    def rendered(self) -> int:
        return self.cache.rendered

    @property
    def reused(self) -> int:
        return self.cache.reused

    def build(self, sheets: list[worksheets.Worksheet]) -> "WorksheetOutputs":
        imprint = repr(self.imprint).encode()
        renderers = {"pdf": worksheet_files.render_pdf, "docx": worksheet_files.render_docx}
        for sheet in sheets:
            definition = sheet.source.read_bytes()
            for lang in LANGUAGES:
                for kind, render in renderers.items():
                    key = [imprint, definition, lang.encode(), kind.encode()]
                    self.files[(lang, sheet.slug, kind)] = self.cache.get(
                        key, f".{kind}", lambda render=render, sheet=sheet, lang=lang: render(sheet, lang, self.imprint))
        for lang in LANGUAGES:
            members = sorted((sheet.file_name(lang, kind), self.files[(lang, sheet.slug, kind)])
                             for sheet in sheets for kind in renderers)
            key = [b"zip", lang.encode()] + [f"{name}:{path.name}".encode() for name, path in members]
            self.zips[lang] = self.cache.get(key, ".zip", lambda members=members: reproducible_zip(members))
        return self

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


def zip_name(lang: str) -> str:
    return f"clarinet-worksheets-{lang}.zip"


def reproducible_zip(members: list[tuple[str, Path]], stored: set[str] = frozenset(), level: int | None = None) -> bytes:
    """A reproducible ZIP: fixed timestamps and the given order, so its cache key says everything.
    Files whose suffix is in `stored` (already compressed) are stored, the rest deflated."""
    with tempfile.SpooledTemporaryFile(max_size=64 * 1024 * 1024) as buffer:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, path in members:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_STORED if path.suffix.lower() in stored else zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes(), compresslevel=level)
        buffer.seek(0)
        return buffer.read()


def clear(cache_dir: Path) -> None:
    shutil.rmtree(cache_dir, ignore_errors=True)
