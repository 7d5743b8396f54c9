"""What the running MkDocs command is, kept across the rebuilds of `mkdocs serve`.

MkDocs calls on_startup(command=…) once per process, but `mkdocs serve` loads the configuration
again for every rebuild, and with it a fresh copy of scripts/hooks.py: a value kept in the hooks
module itself is back at its default from the first rebuild on (so every save under `make serve`
ran the PDF and offline steps meant for `make build`). Modules of this package are imported once
per process, so the command is kept here.
"""

from __future__ import annotations

COMMAND = {"name": "build"}


def is_serve() -> bool:
    return COMMAND["name"] == "serve"
