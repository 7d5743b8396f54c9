"""The one test that starts the command line as editors and `make` do, `python -m handbook`, in a
subprocess; every other command-line test calls handbook.editors.cli.main in-process (fixture `cli`)."""

from __future__ import annotations

import os
import subprocess
import sys

from support import ROOT
from support.editor_sites import make_site


def test_python_m_handbook_runs_a_command_and_returns_its_exit_code(tmp_path):
    make_site(tmp_path, {"docs/bg/about.md": "# За наръчника { #about }\n"})
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PYTHONPATH"] = str(ROOT / "scripts")
    result = subprocess.run([sys.executable, "-m", "handbook", "--root", str(tmp_path), "status"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1, result.stdout + result.stderr  # about.md has no English page
    assert "docs/en/about.md is missing: translate docs/bg/about.md" in result.stdout
