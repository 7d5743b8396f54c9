"""The editors' command line: `python -m handbook.cli <command>` (wrapped by `make`).

Commands:
  doctor [--install]   check (and install, as root with apt) what pip cannot install
  check [--no-fix]     every fast check, in the order an editor should fix them; fixes what it
                       can automatically, except in CI (CI set), where that fails instead
  status [--markdown]  translation status of every page and worksheet (table or Markdown)
  new-chapter SLUG --title-bg … --title-en …
                       create a chapter in both languages and add it to the navigation
  new-worksheet SLUG --title-bg … --title-en … --chapter STEM
                       create a worksheet definition and add its page to the navigation
  linkcheck            check the external links (needs a network; skips without one)

Every command works on the project that holds this script, or on --root DIR.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handbook.editors import check as checks
from handbook.checks import links as linkcheck
from handbook.editors import scaffold
from handbook.editors import status
from handbook.editors import doctor as system
from handbook.sources.problems import DataError

from handbook import ROOT


def cmd_doctor(args) -> int:
    return system.ensure(install=args.install)


def cmd_check(args) -> int:
    fix = not args.no_fix and not checks.in_ci()
    if not fix and checks.in_ci():
        print("CI is set: nothing is fixed automatically, fixable problems fail.\n")
    return checks.run(args.root, fix=fix)


def cmd_status(args) -> int:
    report = status.collect(args.root)
    print(status.render_markdown(report) if args.markdown else status.render_text(report))
    return 1 if report.failed else 0


def _titles(args) -> dict:
    return {"bg": args.title_bg, "en": args.title_en}


def cmd_new_chapter(args) -> int:
    created = scaffold.new_chapter(args.root, args.slug, _titles(args))
    page = created[0].relative_to(args.root / "docs" / "bg").as_posix()
    for path in created:
        print(f"created {path.relative_to(args.root).as_posix()}")
    print(f"added {page} to the navigation in mkdocs.yml\n\nNext: replace every TODO in both files "
          "(`make check` lists them), add the chapter to the list on both home pages (index.md), "
          "then `make serve` to preview and `make check` before you commit.")
    return 0


def cmd_new_worksheet(args) -> int:
    created = scaffold.new_worksheet(args.root, args.slug, _titles(args), args.chapter)
    for path in created:
        print(f"created {path.relative_to(args.root).as_posix()}")
    print(f"added worksheets/{created[0].stem}.md to the navigation in mkdocs.yml\n\nNext: replace every "
          "TODO in the definition, add the fields the worksheet needs, link to it from its chapter in both "
          "languages, then `make serve` to preview the page and its PDF and DOCX, and `make check`.")
    return 0


def cmd_linkcheck(args) -> int:
    return linkcheck.run(args.root)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="handbook", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=lambda value: Path(value).resolve(), default=ROOT,
                        help="the project folder (default: the one holding this script)")
    commands = parser.add_subparsers(dest="command", required=True)
    doctor = commands.add_parser("doctor", help="check the system packages the tests need")
    doctor.add_argument("--install", action="store_true", help="install what is missing (root + apt)")
    doctor.set_defaults(run=cmd_doctor)
    check = commands.add_parser("check", help="run every fast check (fixes what it can, except in CI)")
    check.add_argument("--no-fix", action="store_true", help="report fixable problems instead of fixing them")
    check.set_defaults(run=cmd_check)
    state = commands.add_parser("status", help="translation status of every page and worksheet")
    state.add_argument("--markdown", action="store_true", help="Markdown for a CI job summary")
    state.set_defaults(run=cmd_status)
    for name, run, help_text in (("new-chapter", cmd_new_chapter, "create a chapter in both languages"),
                                 ("new-worksheet", cmd_new_worksheet, "create a worksheet definition")):
        new = commands.add_parser(name, help=help_text)
        new.add_argument("slug", nargs="?", default="", help="e.g. media-literacy (numbered automatically)")
        new.add_argument("--title-bg", default="", help="the title in Bulgarian")
        new.add_argument("--title-en", default="", help="the title in English")
        if name == "new-worksheet":
            new.add_argument("--chapter", default="", help="the chapter it serves, e.g. 05-working-with-media")
        new.set_defaults(run=run)
    links = commands.add_parser("linkcheck", help="check the external links (skips without a network)")
    links.set_defaults(run=cmd_linkcheck)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    except scaffold.ScaffoldError as error:
        print(f"{args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
