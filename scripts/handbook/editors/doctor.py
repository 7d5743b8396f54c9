"""What pip cannot install: Debian packages the tests and the PDF build need, and the Nu HTML
Checker (vnu-jar, from npm, run with Debian's Java) that the tests validate every page with.

`python -m handbook doctor` reports them; with `--install` it installs what is missing when it
runs as root with apt (and npm for the checker, into .cache/tools/), and otherwise stops with the
exact command to run.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from handbook import ROOT

VNU_VERSION = "26.9.27"  # the Nu HTML Checker, npm package vnu-jar
TOOLS = ROOT / ".cache" / "tools"


@dataclass(frozen=True)
class Requirement:
    package: str  # the Debian package that provides it
    why: str
    present: callable


def _has_command(name: str):
    return lambda: shutil.which(name) is not None


def _has_library(name: str):
    return lambda: ctypes.util.find_library(name) is not None


def _has_file(*paths: str):
    return lambda: any(os.path.exists(path) for path in paths)


def _has_font(family: str):
    def check() -> bool:
        if shutil.which("fc-list") is None:
            return False
        out = subprocess.run(["fc-list", family], capture_output=True, text=True).stdout
        return bool(out.strip())
    return check


REQUIREMENTS = [
    Requirement("chromium", "browser tests (headless Chromium driven by Playwright)", _has_command("chromium")),
    Requirement("libpango-1.0-0", "PDF rendering with WeasyPrint", _has_library("pango-1.0")),
    Requirement("libpangoft2-1.0-0", "PDF rendering with WeasyPrint", _has_library("pangoft2-1.0")),
    Requirement("poppler-utils", "reading the text of built PDFs in the tests (pdftotext)", _has_command("pdftotext")),
    Requirement("fonts-dejavu-core", "a Cyrillic fallback font for screenshots and PDFs", _has_font("DejaVu Sans")),
    Requirement("nginx", "testing the generated nginx configuration (nginx-handbook.conf) with nginx itself",
                lambda: shutil.which("nginx") is not None or os.path.exists("/usr/sbin/nginx")),
    Requirement("hunspell", "the spelling check of `make check`", _has_command("hunspell")),
    Requirement("hunspell-bg", "the Bulgarian dictionary of the spelling check",
                _has_file("/usr/share/hunspell/bg_BG.dic")),
    Requirement("hunspell-en-gb", "the British English dictionary of the spelling check",
                _has_file("/usr/share/hunspell/en_GB.dic")),
    Requirement("default-jre-headless", "the Nu HTML Checker (valid HTML on every page)", _has_command("java")),
    Requirement("npm", "installing the Nu HTML Checker (vnu-jar)", _has_command("npm")),
]


def vnu_jar() -> Path:
    return TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def ensure_vnu(install: bool) -> bool:
    """The Nu HTML Checker's jar in .cache/tools/, installed from npm at a pinned version."""
    if vnu_jar().exists():
        return True
    command = ["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "--ignore-scripts",
               f"vnu-jar@{VNU_VERSION}"]
    if not install or shutil.which("npm") is None:
        print("missing: the Nu HTML Checker – install it with:\n\n    " + " ".join(command) + "\n")
        return False
    print(f"Installing the Nu HTML Checker (vnu-jar {VNU_VERSION}) into {TOOLS}")
    TOOLS.mkdir(parents=True, exist_ok=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return vnu_jar().exists()


def missing(requirements=REQUIREMENTS) -> list[Requirement]:
    return [req for req in requirements if not req.present()]


def install_command(packages: list[str]) -> str:
    return "sudo apt-get update && sudo apt-get install -y " + " ".join(packages)


def ensure(install: bool) -> int:
    """Return 0 when everything is present (after installing it if allowed), else 1."""
    lacking = missing()
    if not lacking:
        print("System packages: all present (" + ", ".join(r.package for r in REQUIREMENTS) + ").")
        return 0 if ensure_vnu(install) else 1
    packages = sorted({r.package for r in lacking})
    for req in lacking:
        print(f"missing: {req.package} – needed for {req.why}")
    can_apt = os.geteuid() == 0 and shutil.which("apt-get") is not None
    if install and can_apt:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        print("Installing with apt-get: " + " ".join(packages))
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
                       check=True, env=env)
        still = missing()
        if not still:
            return 0 if ensure_vnu(install) else 1
        print("still missing after apt-get: " + ", ".join(r.package for r in still))
        return 1
    print("Install them with:\n\n    " + install_command(packages) + "\n")
    return 1
