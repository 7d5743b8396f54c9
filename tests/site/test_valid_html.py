"""Every built page is valid HTML: the Nu HTML Checker (vnu-jar from npm, run with Java; `make
system-deps` installs both) reports no error on any page."""

from __future__ import annotations

import json
import shutil

import pytest

from handbook.editors import doctor


def test_every_page_is_valid_html(site, html_check):
    """The checker runs over every page in the background from the start of the site tests
    (tests/site/conftest.py); here its report is read."""
    jar = doctor.vnu_jar()
    if not jar.exists() or shutil.which("java") is None:
        pytest.fail("the Nu HTML Checker is missing: run `make system-deps` (it installs Java and vnu-jar)")
    pages = sorted(str(p) for p in site.rglob("*.html"))
    assert len(pages) > 50
    stderr = html_check.result(timeout=600)
    messages = [m for m in json.loads(stderr or '{"messages": []}')["messages"] if m.get("type") == "error"]
    report = [f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert not report, f"{len(report)} error(s):\n" + "\n".join(report[:40])
