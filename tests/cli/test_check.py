"""`check` on small fixture sites with known mistakes (in-process): spelling, HTML safety, Markdown
lint, and the rule for automatic fixes (fixed locally, failing with the command that fixes them
when CI is set)."""

from __future__ import annotations

import re

from support.editor_sites import ROOT, make_site, write


def _stage(output: str, number: int) -> str:
    """The lines of one numbered stage of the check's report."""
    match = re.search(rf"^{number}\. .*?(?=^\d\. |\n\S|\Z)", output, re.MULTILINE | re.DOTALL)
    assert match, output
    return match.group(0)


def test_a_clean_fixture_site_passes_every_stage(cli, tmp_path):
    make_site(tmp_path)
    result = cli(tmp_path, "check", ci=True)
    assert result.returncode == 0, result.stdout + result.stderr
    for number in range(1, 6):
        assert _stage(result.stdout, number).splitlines()[0].endswith(": ok")
    assert "All checks passed." in result.stdout


def test_the_stages_run_in_the_order_an_editor_fixes_them(cli, tmp_path):
    make_site(tmp_path)
    titles = [line for line in cli(tmp_path, "check").stdout.splitlines() if re.match(r"^\d\. ", line)]
    assert [t.split(":")[0] for t in titles] == [
        "1. Structure (both languages, anchors, navigation, placeholders)", "2. Markdown lint",
        "3. HTML safety (no <script>, <iframe>, event handlers or javascript",
        "4. Spelling (bg_BG and en_GB dictionaries + docs/data/wordlists/)",
        "5. Glossary and worksheet data"]


def test_spelling_names_file_line_and_word_in_both_languages(cli, tmp_path):
    make_site(tmp_path, {
        "docs/bg/about.md": "# За наръчника { #about }\n\nТози наръчник е за общинските служители.\n\n"
                            "Проектът работи с медиите и с организаци в Несебър.\n",
        "docs/en/about.md": "# About { #about }\n\nThis handbook is for municipal staff.\n\n"
                            "The project works with the media and recieves support from Sozopol.\n",
    })
    towns = (("en", "Sozopol"), ("bg", "Несебър"))
    for lang, name in towns:  # the fixture takes the project's word lists: start without the towns
        wordlist = tmp_path / f"docs/data/wordlists/{lang}.txt"
        kept = [line for line in wordlist.read_text(encoding="utf-8").splitlines() if line.strip() != name]
        wordlist.write_text("\n".join(kept) + "\n", encoding="utf-8")
    result = cli(tmp_path, "check", ci=True)
    assert result.returncode == 1
    spelling = _stage(result.stdout, 4)
    assert "docs/bg/about.md:5: “организаци” is not in the bg_BG dictionary" in spelling
    assert "docs/en/about.md:5: “recieves” is not in the en_GB dictionary (did you mean receives" in spelling
    # Names are flagged too, until they are put on the project word list …
    assert "docs/en/about.md:5: “Sozopol”" in spelling and "docs/bg/about.md:5: “Несебър”" in spelling
    assert "docs/data/wordlists/en.txt" in spelling
    for lang, name in towns:
        wordlist = tmp_path / f"docs/data/wordlists/{lang}.txt"
        wordlist.write_text(wordlist.read_text(encoding="utf-8") + f"\n# a town\n{name}\n", encoding="utf-8")
    spelling = _stage(cli(tmp_path, "check", ci=True).stdout, 4)
    assert "Sozopol" not in spelling and "Несебър" not in spelling
    # … but a real typo stays an error: the list does not hide it.
    assert "“recieves”" in spelling and "“организаци”" in spelling


def test_spelling_skips_code_links_and_acronyms_but_checks_data(cli, tmp_path):
    make_site(tmp_path, {
        "docs/en/about.md": "# About { #about }\n\nSee [the report](https://example.org/xqzwv-report) by "
                            "the IOM and the UNHCR's `zzqx` code.\n\n```\nnotaword qqxv\n```\n\n"
                            "A word typed with a Cyrillic letter: Вurgas.\n",
        "docs/bg/about.md": "# За наръчника { #about }\n\nВижте [доклада](https://example.org/xqzwv-report) на "
                            "МОМ и `zzqx`.\n\n```\nnotaword qqxv\n```\n\nДума с латинска буква: Бургаc.\n",
    })
    sheet = (ROOT / "docs/data/worksheets/w04-media-plan.yml").read_text(encoding="utf-8")
    write(tmp_path, {"docs/data/worksheets/w04-media-plan.yml": sheet.replace("Media plan", "Media plann", 1)})
    spelling = _stage(cli(tmp_path, "check", ci=True).stdout, 4)
    for skipped in ("xqzwv", "IOM", "UNHCR", "zzqx", "notaword", "qqxv", "МОМ"):
        assert skipped not in spelling
    assert "docs/en/about.md:9: “Вurgas” mixes Latin and Cyrillic letters" in spelling
    assert "docs/bg/about.md:9: “Бургаc” mixes Latin and Cyrillic letters" in spelling
    line = 1 + sheet.splitlines().index("  en: Media plan")
    assert f"docs/data/worksheets/w04-media-plan.yml:{line}: “plann”" in spelling


def test_html_safety_fails_on_scripts_frames_handlers_and_javascript_links(cli, tmp_path):
    make_site(tmp_path, {
        "docs/bg/about.md": "# За наръчника { #about }\n\nТекст.\n\n<script>alert(1)</script>\n",
        "docs/en/about.md": "# About { #about }\n\nText.\n\n<iframe src=\"https://example.org\"></iframe>\n\n"
                            "<img src=\"a.png\" alt=\"A\" onerror=\"alert(1)\">\n\n[Click](javascript:alert(1))\n",
    })
    result = cli(tmp_path, "check", ci=True)
    assert result.returncode == 1
    safety = _stage(result.stdout, 3)
    assert safety.splitlines()[0].endswith("4 problem(s)")
    assert "docs/bg/about.md:5: <script> is not allowed" in safety
    assert "docs/en/about.md:5: <iframe> is not allowed" in safety
    assert "docs/en/about.md:7: inline event handler onerror= is not allowed" in safety
    assert "docs/en/about.md:9: link “Click”: javascript: addresses are not allowed" in safety


def test_html_safety_covers_worksheet_data(cli, tmp_path):
    make_site(tmp_path)
    sheet = (ROOT / "docs/data/worksheets/w04-media-plan.yml").read_text(encoding="utf-8")
    write(tmp_path, {"docs/data/worksheets/w04-media-plan.yml":
                     sheet.replace("  en: Media plan", "  en: Media plan <a href=\"javascript:void(0)\">x</a>", 1)})
    safety = _stage(cli(tmp_path, "check", ci=True).stdout, 3)
    assert any(line.strip().startswith("docs/data/worksheets/w04-media-plan.yml:")
               and "javascript: addresses are not allowed" in line for line in safety.splitlines()), safety


def test_fixable_problems_are_fixed_locally_and_fail_in_ci(cli, tmp_path):
    page = "docs/bg/about.md"
    text = ("# За наръчника { #about }   \n\nНаръчникът говори за \"мигранти\" - хора, дошли от други страни.\n\n\n"
            "* Първо.\n- [] Второ.\n")
    make_site(tmp_path, {page: text, "docs/en/about.md": "# About { #about }\n\nText.\n\n- First.\n"})

    in_ci = cli(tmp_path, "check", ci=True)
    assert in_ci.returncode == 1
    lint = _stage(in_ci.stdout, 2)
    assert "CI is set: nothing is fixed automatically" in in_ci.stdout
    for message in ("trailing whitespace", "„…“ quotes", "spaced hyphen", "more than one blank line",
                    "list items start with", "a task list item is written"):
        assert re.search(rf"{page}:\d+: .*{re.escape(message)}.* – fixable automatically: run `make check`", lint), message
    assert (tmp_path / page).read_text(encoding="utf-8") == text, "CI must not change files"

    local = cli(tmp_path, "check")
    assert local.returncode == 0, local.stdout
    assert "fixed automatically" in _stage(local.stdout, 2)
    assert (tmp_path / page).read_text(encoding="utf-8") == (
        "# За наръчника { #about }\n\nНаръчникът говори за „мигранти“ – хора, дошли от други страни.\n\n"
        "- Първо.\n- [ ] Второ.\n")
    # Fixed for good: CI passes now.
    assert cli(tmp_path, "check", ci=True).returncode == 0


def test_problems_that_need_an_editor_fail_everywhere(cli, tmp_path):
    text = ("# За наръчника { #about }\n\n!!! example \"Пример\"\nТекст без отстъп.\n\n"
            "!!! exmaple \"Пример\"\n    Текст.\n\n#ПодкрепямеИнициативните\n\nВиж https://example.org/report тук.\n")
    make_site(tmp_path, {"docs/bg/about.md": text, "docs/en/about.md": "# About { #about }\n\nText.\n"})
    for ci in (False, True):
        result = cli(tmp_path, "check", ci=ci)
        assert result.returncode == 1
        lint = _stage(result.stdout, 2)
        assert "docs/bg/about.md:3: admonition without an indented body" in lint
        assert "docs/bg/about.md:6: unknown admonition type “exmaple”" in lint
        assert "docs/bg/about.md:9: a line starting with # is a heading" in lint
        assert "docs/bg/about.md:11: bare address https://example.org/report" in lint
    assert (tmp_path / "docs/bg/about.md").read_text(encoding="utf-8") == text


def test_admonitions_attribute_lists_and_task_lists_are_not_lint_errors(cli, tmp_path):
    bg = ("# За наръчника { #about .lead }\n\nУвод.\n{ .glossary-facts }\n\n- [ ] Първа задача.\n- [x] Втора задача.\n\n"
          "!!! example \"Пример: Бургас\"\n    Текст.\n\n??? trainer \"За обучителя: упражнение (20 минути)\"\n"
          "    Текст.\n\n???+ note \"Бележка\"\n    Текст.\n\n*[НПО]: неправителствена организация\n")
    en = ("# About { #about .lead }\n\nLead.\n{ .glossary-facts }\n\n- [ ] First task.\n- [x] Second task.\n\n"
          "!!! example \"Worked example: Burgas\"\n    Text.\n\n??? trainer \"For trainers: exercise (20 minutes)\"\n"
          "    Text.\n\n???+ note \"Note\"\n    Text.\n\n*[NGO]: non-governmental organisation\n")
    make_site(tmp_path, {"docs/bg/about.md": bg, "docs/en/about.md": en})
    result = cli(tmp_path, "check", ci=True)
    assert _stage(result.stdout, 2).splitlines()[0].endswith(": ok"), result.stdout
    assert result.returncode == 0, result.stdout


def test_data_problems_name_the_file(cli, tmp_path):
    make_site(tmp_path, {"docs/data/glossary.yml": "- id: Refugee\n  status: use\n"})
    data = _stage(cli(tmp_path, "check", ci=True).stdout, 5)
    assert "docs/data/glossary.yml" in data and "id must be lower-case ASCII" in data


def test_the_repository_passes_every_fast_check_as_in_ci(cli):
    """`make check` in CI mode on the real content: what CI enforces on every pull request."""
    result = cli(ROOT, "check", ci=True)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr


def test_a_heading_difference_is_reported_once(cli, tmp_path):
    """The build's anchor check and the translation status compare headings with one function:
    `make check` names a heading that is in one language only once, not twice."""
    from support.editor_sites import make_site
    root = make_site(tmp_path / "site")
    page = root / "docs/en/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n## Only in English { #only-in-english }\n\nText.\n",
                    encoding="utf-8")
    result = cli(root, "check", "--no-fix")
    assert result.stdout.count("#only-in-english") == 1, result.stdout
