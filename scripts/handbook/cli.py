"""The editors' command line: `python -m handbook.cli <command>` (wrapped by `make`).

Commands:
  doctor [--install]   check (and install, as root with apt) what pip cannot install
  check                the fast source checks, in the order an editor should fix them
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import content, glossary, system
from .data import DataError

ROOT = Path(__file__).resolve().parents[2]


def cmd_doctor(args) -> int:
    return system.ensure(install=args.install)


def cmd_check(args) -> int:
    docs = ROOT / "docs"
    problems = content.check_docs(docs)
    problems += glossary.problems(docs / "data" / "glossary.yml")
    for problem in problems:
        print(problem)
    if problems:
        print(f"\n{len(problems)} problem(s). Fix them in the files named above, then run `make check` again.")
        return 1
    print("All source checks passed.")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    doctor = commands.add_parser("doctor", help="check the system packages the tests need")
    doctor.add_argument("--install", action="store_true", help="install what is missing (root + apt)")
    doctor.set_defaults(run=cmd_doctor)
    check = commands.add_parser("check", help="run the fast source checks")
    check.set_defaults(run=cmd_check)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
