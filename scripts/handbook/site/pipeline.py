"""The post-build pipeline: one ordered list of steps over the finished site, each a plain function
of the site folder and plain values. The engine adapter calls `run` once, after the last language
is built.

1. publish     the worksheet files and print editions (from the cache) and each language's 404 page
2. split       the i18n plugin's merged search index and sitemap, one per language (no sitemap
               without a public address: handbook/address.py)
3. search      compact per-language search indexes
4. offline     (or not) the offline copies' box on the home pages; `make serve` stops here
5. check       no built page runs, embeds or loads anything it should not (checks/safety.py)
6. fingerprint content-addressed names for the assets the pages link to
7. offline     the offline ZIP per language, made from the finished pages, its size on the home page
8. hosting     the Content-Security-Policy and hosting files, from the pages' final inline scripts
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handbook.languages import folder, folders
from handbook.checks import safety
from handbook.site import fingerprint, hosting, i18n, offline, searchindex
from handbook.strings import Message, say, text


class PipelineError(Exception):
    """The finished site breaks a rule a host relies on; the message says what to fix, followed by
    the problems, one a line (written out in the editor's language when shown)."""

    def __init__(self, message: "Message | str", problems=()):
        self.message = message
        self.problems = list(problems)
        super().__init__(message)

    def text(self, lang: str | None = None) -> str:
        lines = [text(self.message, lang)]
        for problem in self.problems:
            lines.append(f"  - {problem.text(lang) if hasattr(problem, 'text') else problem}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()


@dataclass
class Finish:
    site_root: Path
    site_url: str
    other_languages: list  # the languages the i18n plugin built besides the default
    not_found: dict  # lang -> rendered 404 page
    worksheets: list
    outputs: object  # handbook.downloads.cache.WorksheetOutputs
    editions: object  # handbook.downloads.editions.Editions
    offline: bool  # make the offline copies
    hosting: bool  # fingerprint assets and write the hosting files
    meta_policy: bool  # put the policy into every page as <meta> (not under `mkdocs serve`)
    remember: object = None  # the preview's memo of pure work (engine.serve_speed.remember), or None
    steps: list = field(default_factory=list)  # the names of the steps that ran, in order


def publish(finish: Finish) -> None:
    site_root = finish.site_root
    finish.outputs.publish(site_root, finish.worksheets)
    finish.editions.publish(site_root)
    for lang, html in finish.not_found.items():
        target = site_root / folder(lang) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")


def split(finish: Finish) -> None:
    if finish.other_languages:
        i18n.split_search_index(finish.site_root, finish.other_languages)
    if not finish.site_url:  # no public address (handbook/address.py): a sitemap needs absolute addresses
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (finish.site_root / name).unlink(missing_ok=True)
    elif finish.other_languages:
        i18n.split_sitemap(finish.site_root, finish.site_url, finish.other_languages)


def search(finish: Finish) -> None:
    searchindex.tune(finish.site_root, folders(), finish.remember)


def offline_box(finish: Finish) -> None:
    if not finish.offline:
        offline.skip(finish.site_root, folders())


def check_pages(finish: Finish) -> None:
    """No built page runs, embeds or loads anything it should not (handbook.checks.safety)."""
    problems = safety.check_site(finish.site_root)
    if problems:
        raise PipelineError(say("build.site_problems", count=len(problems)), problems)


def fingerprint_assets(finish: Finish) -> None:
    fingerprint.apply(finish.site_root)


def offline_copies(finish: Finish) -> None:
    if finish.offline:
        offline.build(finish.site_root, folders(), finish.site_url)


def hosting_files(finish: Finish) -> None:
    try:
        hosting.write(finish.site_root, meta=finish.meta_policy)
    except hosting.HostingError as error:
        raise PipelineError(say("build.csp"), error.problems) from None


STEPS = [publish, split, search, offline_box]
HOSTING_STEPS = [check_pages, fingerprint_assets, offline_copies, hosting_files]


def run(finish: Finish) -> Finish:
    """Run the steps in order. Without hosting (`make serve`), the site stops after the search
    index: fingerprints and hosting files are for hosts, and the preview stays fast."""
    for step in STEPS + (HOSTING_STEPS if finish.hosting else []):
        step(finish)
        finish.steps.append(step.__name__)
    return finish
