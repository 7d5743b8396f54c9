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

from . import worksheet_files, worksheets
from .content import LANGUAGES

HERE = Path(__file__).resolve().parent
GENERATOR_SOURCES = ["worksheets.py", "worksheet_files.py", "pdf.py", "outputs.py"]
FONT_FILES = sorted((HERE / "fonts").glob("*.ttf"))


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


def _generator_digest() -> str:
    digest = hashlib.sha256()
    for name in GENERATOR_SOURCES:
        digest.update((HERE / name).read_bytes())
    for font in FONT_FILES:
        digest.update(font.name.encode() + str(font.stat().st_size).encode())
    return digest.hexdigest()


@dataclass
class WorksheetOutputs:
    """Every worksheet file of every language, rendered (or found in the cache)."""

    cache_dir: Path
    imprint: worksheet_files.Imprint
    rendered: int = 0
    reused: int = 0
    files: dict = field(default_factory=dict)  # (lang, slug, kind) -> cached path
    zips: dict = field(default_factory=dict)  # lang -> cached path

    def _cached(self, key_parts: list[bytes], suffix: str, make: Callable[[], bytes]) -> Path:
        digest = hashlib.sha256(b"\0".join(key_parts)).hexdigest()[:32]
        path = self.cache_dir / f"{digest}{suffix}"
        if path.exists():
            self.reused += 1
        else:
            write_atomic(path, make())
            self.rendered += 1
        return path

    def build(self, sheets: list[worksheets.Worksheet]) -> "WorksheetOutputs":
        generator = _generator_digest().encode()
        imprint = repr(self.imprint).encode()
        renderers = {"pdf": worksheet_files.render_pdf, "docx": worksheet_files.render_docx}
        for sheet in sheets:
            definition = sheet.source.read_bytes()
            for lang in LANGUAGES:
                for kind, render in renderers.items():
                    key = [generator, imprint, definition, lang.encode(), kind.encode()]
                    self.files[(lang, sheet.slug, kind)] = self._cached(
                        key, f".{kind}", lambda render=render, sheet=sheet, lang=lang: render(sheet, lang, self.imprint))
        for lang in LANGUAGES:
            members = sorted((sheet.file_name(lang, kind), self.files[(lang, sheet.slug, kind)])
                             for sheet in sheets for kind in renderers)
            key = [b"zip", lang.encode()] + [f"{name}:{path.name}".encode() for name, path in members]
            self.zips[lang] = self._cached(key, ".zip", lambda members=members: _zip(members))
        return self

    def links(self, lang: str, sheets, prefix: str) -> dict:
        """(slug, kind) -> (href relative to a page, size in bytes), for one language."""
        return {(sheet.slug, kind): (f"{prefix}{sheet.file_name(lang, kind)}",
                                     self.files[(lang, sheet.slug, kind)].stat().st_size)
                for sheet in sheets for kind in ("pdf", "docx")}

    def publish(self, site_dir: Path, sheets, folder_of: Callable[[str], str]) -> None:
        """Copy every file into <site>/<lang folder>/worksheets/files/."""
        for lang in LANGUAGES:
            target_dir = site_dir / folder_of(lang) / "worksheets" / "files"
            for sheet in sheets:
                for kind in ("pdf", "docx"):
                    copy_atomic(self.files[(lang, sheet.slug, kind)], target_dir / sheet.file_name(lang, kind))
            copy_atomic(self.zips[lang], target_dir / zip_name(lang))


def zip_name(lang: str) -> str:
    return f"clarinet-worksheets-{lang}.zip"


def _zip(members: list[tuple[str, Path]]) -> bytes:
    """A reproducible ZIP: fixed timestamps and order, so its cache key says everything."""
    with tempfile.SpooledTemporaryFile() as buffer:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, path in members:
                info = zipfile.ZipInfo(name, date_time=(2020, 7, 14, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())
        buffer.seek(0)
        return buffer.read()


def clear(cache_dir: Path) -> None:
    shutil.rmtree(cache_dir, ignore_errors=True)
