"""The CLARINET handbook's build and editors' tools. See scripts/README.md for the map."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository: docs/, overrides/, mkdocs.yml
