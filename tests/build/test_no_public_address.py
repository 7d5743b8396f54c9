"""A build without a public address (no SITE_URL, or the preview's 127.0.0.1) prints no address at
all: no loopback address in any page, download or offline copy, and no sitemap (which needs
absolute addresses)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest



@pytest.mark.parametrize("site_url", [None])  # a loopback address is the same case: tests/unit/test_handouts_unit.py
def test_no_address_is_printed_without_a_public_one(cached_copy, tmp_path, site_url):
    # Two worksheets keep the build short; every kind of download is still made. The chapters'
    # links to the removed worksheets would stop a strict build: this one is not strict.
    for path in sorted((cached_copy / "docs/data/worksheets").glob("w*.yml"))[2:]:
        path.unlink()
    for path in (cached_copy / "docs/data/translations").glob("*.yml"):  # their worksheet (W11) is gone
        path.unlink()
    mkdocs = cached_copy / "mkdocs.yml"
    mkdocs.write_text("\n".join(line for line in mkdocs.read_text(encoding="utf-8").splitlines()
                                if not any(f"worksheets/w{n:02d}-" in line for n in range(3, 40))) + "\n",
                      encoding="utf-8")
    env = {"HANDBOOK_OFFLINE": "1", "HANDBOOK_PDF": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    site = tmp_path / "site"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(site)],
                            cwd=cached_copy, env={**{k: v for k, v in os.environ.items() if k != "SITE_URL"},
                                                   "NO_MKDOCS_2_WARNING": "1", **env},
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-4000:]
    assert not (site / "sitemap.xml").exists() and not (site / "en" / "sitemap.xml").exists()
    loopback = ("127.0.0.1", "localhost:8000")
    for path in site.rglob("*"):
        if path.suffix in (".html", ".xml", ".txt", ".json"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(word in text for word in loopback), path
        elif path.suffix == ".pdf":
            text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
            assert not any(word in text for word in loopback), path
        elif path.suffix in (".zip", ".docx"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    data = archive.read(name)
                    if name.endswith((".html", ".xml", ".txt", ".json", ".js")):
                        assert not any(word.encode() in data for word in loopback), f"{path}:{name}"
