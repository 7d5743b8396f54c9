"""Support code for the tests (no tests here): paths, the editors' fixture sites, builds, the
in-process command line, servers and the model of a built site."""

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"  # data files: fixture sites under fixtures/<site-name>/
VENDOR = TESTS / "vendor"
