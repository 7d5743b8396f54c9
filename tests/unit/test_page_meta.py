"""The rules behind "last updated" on temporary git repositories (uncommitted files, shallow clones,
no git), and dates in each language. (Every page of the built site: tests/site/test_page_meta_built.py.)"""

from __future__ import annotations

import datetime as dt
import re

from support.editor_sites import commit, git, init_repo, make_site, write
from handbook.render import page_meta
from handbook.sources.history import History


def test_dates_format_in_each_language():
    assert page_meta.format_date(dt.date(2024, 2, 1), "bg") == "1 февруари 2024 г."
    assert page_meta.format_date(dt.date(2025, 12, 24), "en") == "24 December 2025"


def _repo(tmp_path):
    make_site(tmp_path)
    init_repo(tmp_path)
    commit(tmp_path, "First", "2024-01-15T12:00:00+00:00")
    write(tmp_path, {"docs/en/index.md": "# Home { #home }\n\nChanged.\n"})
    commit(tmp_path, "Second", "2024-06-30T12:00:00+00:00")
    return tmp_path


def test_history_gives_each_file_its_own_last_change(tmp_path):
    repo = _repo(tmp_path)
    history = History(repo)
    assert history.available and not history.shallow
    assert history.last_updated("docs/en/index.md") == dt.date(2024, 6, 30)
    assert history.last_updated("docs/bg/index.md") == dt.date(2024, 1, 15)
    meta = page_meta.describe(history, "https://example.org/edit/main/docs/", "en", "index.md")
    assert meta.updated == dt.date(2024, 6, 30) and meta.edit_url == "https://example.org/edit/main/docs/en/index.md"
    # Generated from data: the date and the edit link are those of the data file.
    write(repo, {"docs/data/worksheets/w01-x.yml": "code: W1\n"})
    commit(repo, "Worksheet", "2024-07-01T12:00:00+00:00")
    sheet = page_meta.describe(History(repo), "https://example.org/edit/main/docs/", "bg", "worksheets/w01-x.md",
                               "docs/data/worksheets/w01-x.yml")
    assert sheet.updated == dt.date(2024, 7, 1)
    assert sheet.edit_url == "https://example.org/edit/main/docs/data/worksheets/w01-x.yml"
    # A page made from its Markdown and data: the later of the two.
    glossary = page_meta.describe(History(repo), None, "bg", "glossary.md",
                                  data_files={"glossary.md": ["docs/data/glossary.yml"]})
    assert glossary.updated is None, "docs/bg/glossary.md is not committed in this fixture"
    assert glossary.edit_url is None, "no edit_uri, no edit link"


def test_uncommitted_changes_and_new_files_have_no_date(tmp_path):
    repo = _repo(tmp_path)
    write(repo, {"docs/bg/index.md": "# Начало { #home }\n\nПроменено.\n", "docs/bg/new.md": "# Ново { #new }\n"})
    history = History(repo)
    assert history.last_updated("docs/bg/index.md") is None
    assert history.last_updated("docs/bg/new.md") is None
    assert history.last_updated("docs/en/index.md") == dt.date(2024, 6, 30)


def test_a_shallow_clone_shows_only_dates_it_can_vouch_for(tmp_path):
    repo = _repo(tmp_path / "origin")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    history = History(clone)
    assert history.shallow
    # The only commit of a depth-1 clone looks as if it added every file: no date is trustworthy.
    assert history.last_updated("docs/en/index.md") is None
    assert history.last_updated("docs/bg/index.md") is None
    deeper = tmp_path / "deeper"
    git(tmp_path, "clone", "-q", "--depth", "2", f"file://{repo}", str(deeper))
    history = History(deeper)
    assert history.last_updated("docs/en/index.md") == dt.date(2024, 6, 30), "changed after the boundary"
    assert history.last_updated("docs/bg/index.md") is None, "last changed in the boundary commit"


def test_outside_git_there_are_no_dates_and_no_errors(tmp_path):
    make_site(tmp_path)
    history = History(tmp_path)
    assert not history.available and history.last_updated("docs/bg/index.md") is None
    assert page_meta.describe(history, "https://example.org/e/", "bg", "index.md").updated is None
    assert re.match(r"^https://example\.org/e/bg/index\.md$",
                    page_meta.describe(history, "https://example.org/e/", "bg", "index.md").edit_url)
