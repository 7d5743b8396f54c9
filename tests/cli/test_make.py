"""`make help` lists the editors' targets."""

from __future__ import annotations

import re
import subprocess

from support import ROOT


def test_make_lists_the_editors_targets():
    out = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    for target in ("status", "check", "new-chapter", "new-worksheet", "linkcheck"):
        assert re.search(rf"^  make {target}\s+\S", out, re.M), target
