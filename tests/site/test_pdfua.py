"""Every PDF the site offers passes an independent PDF/UA-1 validator (page-validation, which
follows veraPDF's rules) with no failure: worksheets and translated statements
(worksheets/files/) and chapters and handbook editions (downloads/), in both languages."""

from __future__ import annotations

import pytest

page = pytest.importorskip("page", reason="page-validation is a test dependency: make (installs the lock)")

LANGS = {"bg": "", "en": "en/"}
FOLDERS = ("worksheets/files", "downloads")


def failures(path) -> list[str]:
    report = page.validate_pdf(path, profile=page.ValidationProfile.PDF_UA_1)
    return [f"{failure.rule_id}: {failure.message}" for failure in report.failures]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("folder", FOLDERS)
def test_every_pdf_passes_pdf_ua_1(site, lang, folder):
    pdfs = sorted((site / LANGS[lang] / folder).glob("*.pdf"))
    assert pdfs, f"no PDFs in {LANGS[lang]}{folder}/"
    problems = {path.name: found for path in pdfs if (found := failures(path))}
    assert not problems, "PDF/UA-1 failures (file: rule: message):\n" + "\n".join(
        f"  {LANGS[lang]}{folder}/{name}: {problem}" for name, found in problems.items() for problem in found)
