"""A copy of the project in a folder of its own, for builds that change files (tests of editors'
mistakes, the benchmark's save-to-served timing) without touching the working tree."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "scripts"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / name)
    return target
