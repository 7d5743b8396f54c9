"""Per-page facts shown under every article: when the page last changed, and where to edit it.

- "Edit this page" leads to the source of the page in its own language (docs/en/… for an English
  page). A generated worksheet page has no Markdown source: it leads to its bilingual definition
  in docs/data/worksheets/.
- "Last updated" is the date of the last commit that changed the page's source in that language
  (plus the data it is generated from: the glossary page from docs/data/glossary.yml, the
  worksheet catalogue from the worksheet definitions). When git cannot tell for sure – no git,
  a file not committed yet or changed since, a shallow clone – no date is shown rather than a
  wrong one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handbook import strings
from handbook.languages import format_date
from handbook.sources.history import History


def sources(lang: str, rel: str, generated_from: str | None, data_files: dict[str, list[str]]) -> list[str]:
    """The files (relative to the project) whose changes change this page."""
    if generated_from:
        return [generated_from]
    return [f"docs/{lang}/{rel}", *data_files.get(rel, [])]


def last_updated(history: History | None, paths: list[str]) -> dt.date | None:
    if history is None or not paths:
        return None
    dates = [history.last_updated(path) for path in paths]
    if any(date is None for date in dates):
        return None
    return max(dates)


def edit_url(edit_uri: str | None, lang: str, rel: str, generated_from: str | None) -> str | None:
    """The address of the page's source in the editor of the repository host. `edit_uri` points
    at docs/ (…/edit/main/docs/)."""
    if not edit_uri:
        return None
    base = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    if generated_from:
        return base + generated_from.removeprefix("docs/")
    return base + f"{lang}/{rel}"


# Pages whose text is mostly data: "Edit this page" opens the page, a second link the data.
DATA_SOURCES = {
    "glossary.md": "docs/data/glossary.yml",
    "lines-to-take.md": "docs/data/lines-to-take/",
    "worksheets/index.md": "docs/data/worksheets/",
}


def data_url(edit_uri: str | None, rel: str) -> str | None:
    """Where to edit the data behind a data-driven page: the file, or the folder (one file per
    item) in the repository host's file list."""
    path = DATA_SOURCES.get(rel)
    if not path or not edit_uri:
        return None
    base = edit_uri if edit_uri.endswith("/") else edit_uri + "/"
    if path.endswith("/"):
        base = base.replace("/edit/", "/tree/", 1)
    return base + path.removeprefix("docs/")


@dataclass(frozen=True)
class PageMeta:
    lang: str
    edit_url: str | None
    updated: dt.date | None
    generated: bool
    data_url: str | None = None

    def template(self) -> dict:
        labels = strings.table(self.lang)["page"]
        return {
            "labels": labels,
            "edit_label": labels["edit_data"] if self.generated else labels["edit"],
            "edit_url": self.edit_url,
            "data_url": self.data_url,
            "updated": ({"iso": self.updated.isoformat(), "text": format_date(self.updated, self.lang)}
                        if self.updated else None),
        }


def describe(history: History | None, edit_uri: str | None, lang: str, rel: str,
             generated_from: str | None = None, data_files: dict[str, list[str]] | None = None) -> PageMeta:
    """Everything the template needs about one page. `rel` is its path inside the language folder
    ("chapters/05-working-with-media.md"); `generated_from` the data file a generated page is
    made from ("docs/data/worksheets/w04-media-plan.yml")."""
    paths = sources(lang, rel, generated_from, data_files or {})
    return PageMeta(lang, edit_url(edit_uri, lang, rel, generated_from), last_updated(history, paths),
                    generated_from is not None, None if generated_from else data_url(edit_uri, rel))
