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
from handbook.strings import Message, editor_language, say

VNU_VERSION = "26.9.27"  # the Nu HTML Checker, npm package vnu-jar
TOOLS = ROOT / ".cache" / "tools"


@dataclass(frozen=True)
class Requirement:
    package: str  # the Debian package that provides it
    why: Message  # what it is needed for (strings/*.yml, area `doctor`)
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
    Requirement("chromium", say("doctor.why_chromium"), _has_command("chromium")),
    Requirement("libpango-1.0-0", say("doctor.why_pango"), _has_library("pango-1.0")),
    Requirement("libpangoft2-1.0-0", say("doctor.why_pango"), _has_library("pangoft2-1.0")),
    Requirement("poppler-utils", say("doctor.why_pdftotext"), _has_command("pdftotext")),
    Requirement("fonts-dejavu-core", say("doctor.why_font"), _has_font("DejaVu Sans")),
    Requirement("nginx", say("doctor.why_nginx"),
                lambda: shutil.which("nginx") is not None or os.path.exists("/usr/sbin/nginx")),
    Requirement("hunspell", say("doctor.why_hunspell"), _has_command("hunspell")),
    Requirement("hunspell-bg", say("doctor.why_hunspell_bg"),
                _has_file("/usr/share/hunspell/bg_BG.dic")),
    Requirement("hunspell-en-gb", say("doctor.why_hunspell_en"),
                _has_file("/usr/share/hunspell/en_GB.dic")),
    Requirement("default-jre-headless", say("doctor.why_java"), _has_command("java")),
    Requirement("npm", say("doctor.why_npm"), _has_command("npm")),
]


def vnu_jar() -> Path:
    return TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def ensure_vnu(install: bool, lang: str | None = None) -> bool:
    """The Nu HTML Checker's jar in .cache/tools/, installed from npm at a pinned version."""
    lang = lang or editor_language()
    if vnu_jar().exists():
        return True
    command = ["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund", "--ignore-scripts",
               f"vnu-jar@{VNU_VERSION}"]
    if not install or shutil.which("npm") is None:
        print(say("doctor.vnu_missing", command=" ".join(command)).text(lang))
        return False
    print(say("doctor.vnu_installing", version=VNU_VERSION, folder=TOOLS).text(lang))
    TOOLS.mkdir(parents=True, exist_ok=True)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return vnu_jar().exists()


def missing(requirements=REQUIREMENTS) -> list[Requirement]:
    return [req for req in requirements if not req.present()]


def install_command(packages: list[str]) -> str:
    return "sudo apt-get update && sudo apt-get install -y " + " ".join(packages)


def ensure(install: bool, lang: str | None = None) -> int:
    """Return 0 when everything is present (after installing it if allowed), else 1. Says what it
    finds in `lang` (default: the editor's language)."""
    lang = lang or editor_language()
    lacking = missing()
    if not lacking:
        print(say("doctor.all_present", packages=", ".join(r.package for r in REQUIREMENTS)).text(lang))
        return 0 if ensure_vnu(install, lang) else 1
    packages = sorted({r.package for r in lacking})
    for req in lacking:
        print(say("doctor.missing", package=req.package, why=req.why).text(lang))
    can_apt = os.geteuid() == 0 and shutil.which("apt-get") is not None
    if install and can_apt:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        print(say("doctor.installing", packages=" ".join(packages)).text(lang))
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
                       check=True, env=env)
        still = missing()
        if not still:
            return 0 if ensure_vnu(install, lang) else 1
        print(say("doctor.still_missing", packages=", ".join(r.package for r in still)).text(lang))
        return 1
    print(say("doctor.install_with", command=install_command(packages)).text(lang))
    return 1
