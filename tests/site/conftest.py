"""The checks over the shared build are Python and use one core; the slow external programs start
in the background as soon as the site is built, on the core those checks leave idle, and the tests
that need their results wait for them: the Nu HTML Checker over every page (test_valid_html.py) and
pdftotext over every PDF (support/pdfs.py; test_handouts.py, test_print_built.py)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from support import pdfs

READ_PDF_TEXT = ("test_handouts.py", "test_print_built.py")


class HtmlCheck:
    """The Nu HTML Checker (vnu-jar, run with Java) over every built page, running in the background."""

    def __init__(self, jar: Path, pages: list[str]):
        self.output = tempfile.TemporaryFile()  # its JSON report (on stderr) can be long: not a pipe
        self.process = subprocess.Popen(["java", "-jar", str(jar), "--errors-only", "--format", "json", *pages],
                                        stdout=subprocess.DEVNULL, stderr=self.output)

    def result(self, timeout: float) -> str:
        """The report (what it wrote on stderr), once it has finished."""
        self.process.wait(timeout=timeout)
        self.output.seek(0)
        return self.output.read().decode("utf-8")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.output.close()


@pytest.fixture(scope="session")
def html_check(site):
    """The Nu HTML Checker started over every page of the shared build (None without Java or the
    checker: tests/site/test_valid_html.py says how to install them)."""
    from handbook.editors import doctor
    jar = doctor.vnu_jar()
    if not jar.exists() or shutil.which("java") is None:
        yield None
        return
    check = HtmlCheck(jar, sorted(str(p) for p in site.rglob("*.html")))
    yield check
    check.close()


@pytest.fixture(scope="session", autouse=True)
def _start_slow_checks_early(request, site):
    """Start what the selected tests will need: the HTML check, the text of every PDF."""
    files = {Path(str(item.path)).name for item in request.session.items}
    if "test_valid_html.py" in files:
        request.getfixturevalue("html_check")
    if files & set(READ_PDF_TEXT):
        pdfs.read_in_background(sorted(site.rglob("*.pdf")))
