"""Unit tests of the Markdown scanner and the source checks behind the build (handbook.sources.markdown,
handbook.checks.structure)."""

from __future__ import annotations
from handbook.sources import markdown
from handbook.checks import structure


def test_headings_read_explicit_anchors_and_skip_code():
    md = "---\ntitle: x\n---\n# Заглавие { #title }\n\n```\n# not a heading\n```\n## Раздел { #part .cls }\n"
    found = markdown.headings(md)
    assert [(h.level, h.text, h.anchor, h.line) for h in found] == [
        (1, "Заглавие", "title", 4), (2, "Раздел", "part", 9)]


def test_check_page_reports_each_problem_with_its_line():
    md = "# Title { #title }\n\n## Без котва\n\n#### Deep { #deep }\n\n![](x.png)\n\n## Twice { #title }\n"
    messages = [str(p) for p in structure.check_page("docs/bg/x.md", md)]
    assert any(m.startswith("docs/bg/x.md:3: heading “Без котва” has no explicit anchor") for m in messages)
    assert any("docs/bg/x.md:5:" in m and "jumps from level 2 to 4" in m for m in messages)
    assert any("docs/bg/x.md:7:" in m and "no alt text" in m for m in messages)
    assert any("docs/bg/x.md:9:" in m and "used twice" in m for m in messages)


def test_check_page_rejects_cyrillic_or_underscore_anchors():
    problems = structure.check_page("p.md", "# T { #t }\n## A { #раздел }\n## B { #_1 }\n")
    assert len(problems) == 2


def test_check_page_accepts_a_clean_page():
    md = "# T { #t }\n\nText ![Схема на процеса](a.png)\n\n## A { #a }\n\n### B { #b }\n"
    assert structure.check_page("p.md", md) == []


def test_mirror_and_structure(tmp_path):
    for lang in ("bg", "en"):
        (tmp_path / lang / "chapters").mkdir(parents=True)
    (tmp_path / "bg/index.md").write_text("# Начало { #home }\n## А { #a }\n## Б { #b }\n", encoding="utf-8")
    (tmp_path / "en/index.md").write_text("# Home { #home }\n## A { #a }\n", encoding="utf-8")
    (tmp_path / "bg/chapters/01-x.md").write_text("# X { #x }\n", encoding="utf-8")
    messages = [str(p) for p in structure.check_docs(tmp_path)]
    assert "docs/bg/chapters/01-x.md: exists in bg but not in en: add docs/en/chapters/01-x.md (same path, same anchors)" in messages
    assert any(m.startswith("docs/en/index.md: headings differ") and "headings only in bg: #b" in m for m in messages)


def test_the_page_checks_speak_bulgarian():
    md = "# Title { #title }\n\n## Без котва\n\n#### Deep { #deep }\n\n![](x.png)\n\n## Twice { #title }\n"
    messages = [p.text("bg") for p in structure.check_page("docs/bg/x.md", md)]
    assert ("docs/bg/x.md:3: заглавието „Без котва“ няма котва: добавете в края му котва на латиница, еднаква на "
            "двата езика, например „## Заглавие { #my-section }“") in messages
    assert any(m.startswith("docs/bg/x.md:5: заглавието „Deep“ прескача ниво – от ниво 2 направо на ниво 4")
               for m in messages)
    assert any(m.startswith("docs/bg/x.md:7: изображението „x.png“ няма описание") for m in messages)
    assert "docs/bg/x.md:9: котвата „#title“ вече е използвана на ред 1: дайте на това заглавие друга котва" in messages


def test_the_mirror_and_anchor_checks_speak_bulgarian(tmp_path):
    for lang in ("bg", "en"):
        (tmp_path / lang).mkdir(parents=True)
    (tmp_path / "bg/index.md").write_text("# Начало { #home }\n## А { #a }\n## Б { #b }\n", encoding="utf-8")
    (tmp_path / "en/index.md").write_text("# Home { #home }\n## C { #c }\n", encoding="utf-8")
    (tmp_path / "bg/about.md").write_text("# За нас { #about }\n", encoding="utf-8")
    problems = structure.check_docs(tmp_path)
    assert {p.message.key for p in problems} == {"structure.missing_page", "structure.headings_differ"}
    bg = [p.text("bg") for p in problems]
    assert ("docs/bg/about.md: страницата съществува в bg, но липсва в en: добавете docs/en/about.md "
            "(със същия път и същите котви)") in bg
    assert ("docs/en/index.md: заглавията се различават от тези в docs/bg/index.md – заглавия само в bg: #a, #b; "
            "заглавия само в en: #c: котвите на двата езика трябва да са еднакви и в същия ред") in bg
    assert ("docs/en/index.md: headings differ from docs/bg/index.md: headings only in bg: #a, #b; "
            "headings only in en: #c") in [p.text("en") for p in problems]
