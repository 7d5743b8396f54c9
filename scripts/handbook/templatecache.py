"""Compiled page templates, kept between builds.

Every MkDocs build (each language, and every rebuild of `make serve`) creates a new Jinja
environment and compiles Material's templates again – a noticeable part of a rebuild. Jinja's
bytecode cache keeps the compiled form in .cache/templates/ and recompiles a template only when its
source changes (the cache key includes a checksum of the source), so edits to overrides/ show at
once.
"""

from __future__ import annotations

from pathlib import Path

import jinja2


def enable(env: jinja2.Environment, cache_dir: Path) -> jinja2.Environment:
    cache_dir.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
    return env
