"""The practitioner's toolkit on the built site: numbered chapters, the lines to take (every
answer, its sources and the date they were checked), the legal map and the cases, and the
consent statement's translations as downloads of W11."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from handbook.languages import LANGUAGES, url_prefix
from handbook.project import Project
from handbook.sources import lines
from support.sitemodel import parsed

ROOT = Path(__file__).resolve().parents[2]
PROJECT, _ = Project.load(ROOT / "docs")


def soup(site: Path, rel: str) -> BeautifulSoup:
    return parsed(site / rel)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_chapters_carry_their_numbers_in_titles_and_navigation(site, lang):
    for chapter in PROJECT.chapters:
        page = soup(site, f"{url_prefix(lang)}chapters/{chapter.stem}/index.html")
        h1 = page.find("h1").get_text(" ", strip=True)
        assert h1.startswith(f"{chapter.number}. "), h1
        assert page.title.get_text().startswith(f"{chapter.number}. ")
        nav = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]
        assert any(text.startswith(f"{chapter.number}. ") for text in nav)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lines_to_take_page_has_every_answer_with_sources_and_date(site, lang):
    page = soup(site, f"{url_prefix(lang)}lines-to-take/index.html")
    article = page.find("article")
    assert PROJECT.lines, "no lines to take loaded"
    for line in PROJECT.lines:
        heading = article.find(id=line.id)
        assert heading is not None and heading.name == "h3", line.id
        block = []
        for sibling in heading.find_next_siblings():
            if sibling.name in ("h2", "h3"):
                break
            block.append(sibling)
        text = " ".join(b.get_text(" ", strip=True) for b in block)
        assert " ".join(line.text[lang]["answer"].split())[:60] in " ".join(text.split())
        hrefs = {a["href"] for b in block for a in b.find_all("a", href=True)}
        assert {source.url for source in line.sources} <= hrefs, line.id
        assert str(line.checked.year) in text


def test_a_stale_answer_is_marked_to_recheck(tmp_path):
    import datetime as dt
    from handbook.render import lines as render_lines
    old = lines.Line("old", "jobs", dt.date(2020, 1, 1), (lines.Source("https://example.org/a", {"bg": "А", "en": "A"}),),
                     {"bg": {"question": "Въпрос?", "answer": "Отговор."}, "en": {"question": "Q?", "answer": "A."}})
    page = render_lines.render_entries([old], "en", dt.date(2026, 12, 1))
    assert "to re-check" in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_w11_offers_its_statement_in_other_languages(site, lang):
    page = soup(site, f"{url_prefix(lang)}worksheets/w11-informed-consent/index.html")
    links = {a["hreflang"]: a["href"] for a in page.select(".worksheet-translations a[hreflang]")}
    assert set(links) == {"uk", "ru", "ar"}
    for code, href in links.items():
        pdf = (site / f"{url_prefix(lang)}worksheets/w11-informed-consent/" / href).resolve()
        assert pdf.exists(), href
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "Pages:" in info
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        script = {"uk": r"[ЄІЇєії]", "ru": r"[ЫЭыэ]", "ar": r"[\u0600-\u06FF]"}[code]
        assert re.search(script, text), f"{code}: no text in its script"
        assert "носител на езика" in text, f"{code}: the note that a native speaker must check it"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("rel", ["legal-map", "cases", "lines-to-take"])
def test_reference_pages_are_in_the_navigation(site, lang, rel):
    home = soup(site, f"{url_prefix(lang)}index.html")
    assert any(a["href"].rstrip("/").endswith(rel) for a in home.select("nav.md-nav--primary a[href]"))
