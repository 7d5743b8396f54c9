"""Shared fixtures: one strict build of the real site per test run, a local server for it, and
a headless Chromium (Debian's package) driven by Playwright."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from devtools.server import SiteServer  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def mkdocs_build(project: Path, site_dir: Path, extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a strict build of `project` into `site_dir` in a subprocess, as `make build` does."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=900,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once, strictly, from the repository as it is."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}")
    return site_dir


@pytest.fixture(scope="session")
def server(site) -> str:
    with SiteServer(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (installs it) "
                    "or `sudo apt-get install -y chromium`")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project's sources, for tests that make an editor's mistake."""
    from devtools.workspace import copy_project
    return copy_project(tmp_path / "project")
