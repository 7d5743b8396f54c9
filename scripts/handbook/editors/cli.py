"""The editors' command line: `python -m handbook [--lang bg|en] <command>` (wrapped by `make`).

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

Everything it says (help, progress, problems) is in the editor's language: `--lang bg|en` before
the command, else HANDBOOK_LANG, else the locale (LANG=en_GB.UTF-8 means English), else Bulgarian
(strings.editor_language). The texts are in scripts/handbook/strings/*.yml.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from handbook.editors import check as checks
from handbook.checks import links as linkcheck
from handbook.editors import scaffold
from handbook.editors import status
from handbook.editors import doctor as system
from handbook.languages import LANGUAGES
from handbook.sources.problems import DataError
from handbook.strings import editor_language, say, text

from handbook import ROOT


def cmd_doctor(args) -> int:
    return system.ensure(install=args.install, lang=args.lang)


def cmd_check(args) -> int:
    fix = not args.no_fix and not checks.in_ci()
    if not fix and checks.in_ci():
        print(say("cli.ci_no_fix").text(args.lang) + "\n")
    return checks.run(args.root, fix=fix, lang=args.lang)


def cmd_status(args) -> int:
    report = status.collect(args.root)
    render = status.render_markdown if args.markdown else status.render_text
    print(render(report, lang=args.lang))
    return 1 if report.failed else 0


def _titles(args) -> dict:
    return {"bg": args.title_bg, "en": args.title_en}


def _created(args, created: list[Path], page: str, next_steps: str) -> None:
    for path in created:
        print(say("cli.created", path=path.relative_to(args.root).as_posix()).text(args.lang))
    print(say(next_steps, page=page).text(args.lang))


def cmd_new_chapter(args) -> int:
    created = scaffold.new_chapter(args.root, args.slug, _titles(args))
    page = created[0].relative_to(args.root / "docs" / "bg").as_posix()
    _created(args, created, page, "cli.chapter_next")
    return 0


def cmd_new_worksheet(args) -> int:
    created = scaffold.new_worksheet(args.root, args.slug, _titles(args), args.chapter)
    _created(args, created, f"worksheets/{created[0].stem}.md", "cli.worksheet_next")
    return 0


def cmd_linkcheck(args) -> int:
    return linkcheck.run(args.root)


def _language(argv) -> str:
    """The language asked for with --lang (looked at before the full parser is built, so that its
    help is in that language too), else the editor's language."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang", default="")
    known, _ = early.parse_known_args(argv)
    lang = known.lang.strip().lower()
    return lang if lang in LANGUAGES else editor_language()


def parser(lang: str) -> argparse.ArgumentParser:
    """The command line, with every help text in `lang` (argparse's own words, such as "usage:",
    stay English)."""
    def words(key: str) -> str:
        return say(f"cli.{key}").text(lang)

    def new_parser(add, *args, **kwargs) -> argparse.ArgumentParser:
        made = add(*args, add_help=False, **kwargs)
        made.add_argument("-h", "--help", action="help", help=words("help_help"))
        return made

    main_parser = new_parser(argparse.ArgumentParser, prog="handbook", description=words("description"),
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    main_parser.add_argument("--root", type=lambda value: Path(value).resolve(), default=ROOT,
                             help=words("root_help"))
    main_parser.add_argument("--lang", type=str.lower, choices=LANGUAGES, default=lang, help=words("lang_help"))
    commands = main_parser.add_subparsers(dest="command", required=True)
    doctor = new_parser(commands.add_parser, "doctor", help=words("doctor_help"))
    doctor.add_argument("--install", action="store_true", help=words("install_help"))
    doctor.set_defaults(run=cmd_doctor)
    check = new_parser(commands.add_parser, "check", help=words("check_help"))
    check.add_argument("--no-fix", action="store_true", help=words("no_fix_help"))
    check.set_defaults(run=cmd_check)
    state = new_parser(commands.add_parser, "status", help=words("status_help"))
    state.add_argument("--markdown", action="store_true", help=words("markdown_help"))
    state.set_defaults(run=cmd_status)
    for name, run, help_key in (("new-chapter", cmd_new_chapter, "new_chapter_help"),
                                ("new-worksheet", cmd_new_worksheet, "new_worksheet_help")):
        new = new_parser(commands.add_parser, name, help=words(help_key))
        new.add_argument("slug", nargs="?", default="", help=words("slug_help"))
        new.add_argument("--title-bg", default="", help=words("title_bg_help"))
        new.add_argument("--title-en", default="", help=words("title_en_help"))
        if name == "new-worksheet":
            new.add_argument("--chapter", default="", help=words("chapter_help"))
        new.set_defaults(run=run)
    links = new_parser(commands.add_parser, "linkcheck", help=words("linkcheck_help"))
    links.set_defaults(run=cmd_linkcheck)
    return main_parser


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parser(_language(argv)).parse_args(argv)
    # What the commands print without being handed the language (str() of a problem, linkcheck)
    # follows HANDBOOK_LANG: set it for the command's run, and put it back afterwards (the tests run
    # main() in-process).
    before = os.environ.get("HANDBOOK_LANG")
    os.environ["HANDBOOK_LANG"] = args.lang
    try:
        return args.run(args)
    except DataError as error:
        print(error.text(args.lang), file=sys.stderr)
        return 1
    except scaffold.ScaffoldError as error:
        print(f"{args.command}: {text(error.message, args.lang)}", file=sys.stderr)
        return 2
    finally:
        if before is None:
            os.environ.pop("HANDBOOK_LANG", None)
        else:
            os.environ["HANDBOOK_LANG"] = before


if __name__ == "__main__":
    sys.exit(main())
