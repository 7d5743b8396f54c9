"""The tests, by kind – one folder each, marked automatically by folder (so `-m` selects them):

  unit/     plain functions: no build, no browser, no server (git only to make a fixture history)
  cli/      the editors' commands, in-process through handbook.editors.cli.main (fixture `cli`)
  site/     checks over the ONE shared strict build of the real site (session fixture `site`)
  browser/  the built site in headless Chromium via Playwright (one browser per session)
  build/    builds of project copies, where the build itself is what is tested

`make test-fast` runs unit/ and cli/ (no site build, no browser); `make test` runs everything.
Support code lives in tests/support/, data files in tests/fixtures/<site-name>/."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# The tools speak Bulgarian by default; the tests read their messages in English unless a test asks
# for Bulgarian (tests/cli/test_languages.py, tests/unit/test_messages.py). Builds started by the
# tests inherit this.
os.environ["HANDBOOK_LANG"] = "en"
sys.path.insert(0, str(TESTS.parent / "scripts"))

from support.fixtures import cli, nginx, project_copy, secure_server, server, site, unzipped  # noqa: E402,F401

KINDS = ("unit", "cli", "site", "browser", "build")


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by these marks
def pytest_collection_modifyitems(config, items):
    """Mark every test with its folder's kind; a test outside site/ that needs the shared build
    (the `site` fixture) is marked `site` too, so `-m "not site"` never builds the site."""
    def kind_of(item):
        parts = Path(str(item.path)).relative_to(TESTS).parts
        return parts[0] if len(parts) > 1 and parts[0] in KINDS else None

    # the quick kinds first, so that a broken unit test shows before the site is built
    items.sort(key=lambda item: KINDS.index(kind_of(item)) if kind_of(item) else len(KINDS))
    for item in items:
        kind = kind_of(item)
        if kind:
            item.add_marker(getattr(pytest.mark, kind))
        if kind != "site" and "site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.site)
