"""A strict build in a subprocess, as `make build` runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# For builds where the pages are what is tested: the downloads (PDFs, offline copies) have their
# own tests and would only make such a build slower.
PAGES_ONLY = {"HANDBOOK_PDF": "0", "HANDBOOK_OFFLINE": "0"}


def mkdocs_build(project: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a strict build of `project` into `site_dir` in a subprocess, as `make build` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )
