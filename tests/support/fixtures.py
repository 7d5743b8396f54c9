"""The shared fixtures (imported by tests/conftest.py): one strict build of the real site per test
run and the servers for it, the editors' command line run in-process, and project copies.
The browser fixtures live in tests/browser/conftest.py."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from devtools.server import SiteServer
from support import ROOT
from support.build import mkdocs_build

PUBLIC_ADDRESS = "https://handbook.example.org/"  # the shared build's public address
from support.nginxserver import NGINX, NginxServer


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once, strictly, from the repository as it is, with a public address (as the
    deployment builds it: sitemaps, canonical links, the address on the downloads)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir, {"SITE_URL": PUBLIC_ADDRESS})
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stdout[-4000:]}\n{result.stderr[-8000:]}")
    return site_dir


@pytest.fixture(scope="session")
def server(site) -> str:
    """The built site on 127.0.0.1, answering missing pages like the production host."""
    with SiteServer(site) as url:
        yield url


@pytest.fixture(scope="session")
def secure_server(site) -> str:
    """The built site served with the headers of its generated `_headers` file."""
    with SiteServer(site, headers=site / "_headers") as url:
        yield url


@pytest.fixture(scope="session")
def nginx(site) -> str:
    """The built site served by Debian's nginx with the generated nginx-handbook.conf."""
    if not Path(NGINX).exists():
        pytest.fail("nginx not found: run `make test` (installs it) or `sudo apt-get install -y nginx`")
    with NginxServer(site) as url:
        yield url


@pytest.fixture(scope="session")
def unzipped(site, tmp_path_factory) -> dict[str, Path]:
    """Each language's offline ZIP, unzipped into its own folder: {lang: the folder holding index.html}."""
    from handbook.languages import LANGUAGES
    from handbook.site import offline
    roots = {}
    for lang in LANGUAGES:
        folder = site if lang == "bg" else site / lang
        target = tmp_path_factory.mktemp(f"offline-{lang}")
        with zipfile.ZipFile(folder / offline.DOWNLOADS / offline.zip_name(lang)) as archive:
            assert archive.testzip() is None
            archive.extractall(target)
        (top,) = [child for child in target.iterdir() if child.is_dir()]
        roots[lang] = top
    return roots


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throw-away copy of the project's sources, for tests that make an editor's mistake."""
    from devtools.workspace import copy_project
    return copy_project(tmp_path / "project")


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(monkeypatch, capsys):
    """The editors' command line in-process: `cli(root, "status")` runs
    `handbook.editors.cli.main(["--root", root, "status"])` in the folder `root`, with CI set only
    when `ci=True`, and returns its exit code and captured output (as `python -m handbook` would)."""
    from handbook.editors.cli import main

    def run(root: Path, *args: str, ci: bool = False) -> CliResult:
        capsys.readouterr()  # drop what came before
        with monkeypatch.context() as patch:
            patch.chdir(root)
            if ci:
                patch.setenv("CI", "true")
            else:
                patch.delenv("CI", raising=False)
            try:
                code = main(["--root", str(root), *args])
            except SystemExit as exit:  # argparse's errors and --help
                code = exit.code if isinstance(exit.code, int) else 1
        out, err = capsys.readouterr()
        return CliResult(code, out, err)

    return run
