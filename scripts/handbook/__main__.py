"""`python -m handbook …`: the editors' command line (handbook.editors.cli)."""

import sys

from handbook.editors.cli import main

sys.exit(main())
