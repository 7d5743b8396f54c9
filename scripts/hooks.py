"""MkDocs hooks: thin adapters between MkDocs events and the modules in scripts/handbook/.

Nothing here decides anything on its own: it works out which language is being built and hands
the work to plain functions that the tests and the editors' command line call too.

The i18n plugin builds the default language (bg) and, from inside that build's on_post_build,
builds every other language with the same config. So each event below runs once per language,
and `_languages` keeps a stack of the languages whose builds are running.
"""

from __future__ import annotations

import datetime
import os
import sys
from copy import deepcopy
from pathlib import Path

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook import content, glossary, outputs, pages, printing, search, sitemap, worksheets  # noqa: E402
from handbook import accessibility, hosting  # noqa: E402
from handbook import page_meta, safety  # noqa: E402
from handbook import fingerprint, offline, rendercache, searchindex, session, templatecache  # noqa: E402
from handbook.history import History  # noqa: E402
from handbook.worksheet_files import Imprint, print_html as worksheet_print_html  # noqa: E402
from handbook.data import DataError  # noqa: E402

_languages: list[str] = []
_state: dict = {}
_command = session.COMMAND  # survives the reload of this module on each `mkdocs serve` rebuild


def on_startup(command, dirty) -> None:
    _command["name"] = command
    if command == "serve":
        rendercache.install()  # unchanged pages are not converted again on every save


def _print_enabled() -> bool:
    """PDFs are built by `mkdocs build`; `make serve` skips them unless HANDBOOK_PDF=1, and
    HANDBOOK_PDF=0 skips them in a build too (the HTML-only build timed by `make bench`)."""
    flag = os.environ.get("HANDBOOK_PDF")
    if flag in ("0", "1"):
        return flag == "1"
    return _command["name"] != "serve"


def _i18n(config):
    return config.plugins.get("i18n")


def _current(config) -> str:
    return _languages[-1] if _languages else content.DEFAULT_LANGUAGE


def _folder(lang: str) -> str:
    """The output folder of a language: '' for the default language, 'en' for English."""
    return "" if lang == content.DEFAULT_LANGUAGE else lang


def _relative(page) -> str:
    """The page's path inside its language folder, e.g. 'chapters/02-migration-in-facts.md'."""
    first, _, rest = page.file.src_uri.partition("/")
    return rest if first in content.LANGUAGES else page.file.src_uri


def _fail(problems) -> None:
    listing = "\n".join(f"  - {problem}" for problem in problems)
    raise PluginError(f"The handbook sources have {len(problems)} problem(s) to fix:\n{listing}")


@event_priority(100)
def on_pre_build(config) -> None:
    i18n = _i18n(config)
    lang = i18n.current_language if i18n else content.DEFAULT_LANGUAGE
    _languages.append(lang)
    if len(_languages) == 1:
        _prepare(config)
    # Glossary terms of this language become hover definitions (abbr extension's glossary).
    config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbreviations(_state["glossary"], lang)
    accessibility.configure_markdown(config.mdx_configs, lang)  # the "¶" link's title


def _prepare(config) -> None:
    """Outermost build: check every source once, before any page is rendered, and render (or
    reuse from the cache) every worksheet file."""
    docs_dir = Path(config.docs_dir)
    _state.clear()
    _state["site_root"] = Path(config.site_dir)
    _state["not_found"] = {}
    problems = content.check_docs(docs_dir) + safety.check(docs_dir.parent)
    try:
        _state["glossary"] = glossary.load(docs_dir / "data" / "glossary.yml")
    except DataError as error:
        problems.append(error.problem)
    try:
        _state["worksheets"] = worksheets.load_all(docs_dir / "data" / "worksheets", set(_chapter_titles(docs_dir)["bg"]))
    except DataError as error:
        problems.append(error.problem)
    if problems:
        _languages.clear()
        _fail(problems)
    _state["chapter_titles"] = _chapter_titles(docs_dir)
    _state["history"] = History(Path(config.config_file_path).parent)  # "last updated" dates
    imprint = Imprint(handbook={lang: _site_name(config, lang) for lang in content.LANGUAGES},
                      site_url=config.site_url or "")
    cache = Path(config.config_file_path).parent / ".cache"
    _state["imprint"] = imprint
    _state["outputs"] = outputs.WorksheetOutputs(cache / "worksheets", imprint).build(_state["worksheets"])
    _state["editions"] = printing.Editions(printing.PdfCache(cache / "print"))


def _chapter_titles(docs_dir: Path) -> dict:
    """{lang: {stem: title}} for chapters and the trainers' guide, from each page's heading."""
    titles = {}
    for lang in content.LANGUAGES:
        titles[lang] = {}
        pages_ = sorted((docs_dir / lang / "chapters").glob("*.md")) + [docs_dir / lang / "trainers-guide.md"]
        for path in pages_:
            if path.exists():
                heads = content.headings(path.read_text(encoding="utf-8"))
                titles[lang][path.stem] = heads[0].text if heads else path.stem
    return titles


def _site_name(config, lang: str) -> str:
    i18n = _i18n(config)
    if i18n is not None:
        for language in i18n.config.languages:
            if language.locale == lang and language.site_name:
                return language.site_name
    return config.site_name


@event_priority(0)
def on_files(files, config):
    """Add the worksheet pages, generated from the definitions, for every language (so the i18n
    plugin, at priority -100, can pair them). The i18n plugin re-creates files from their path
    under docs/, so each page gets a path there and its text comes from on_page_read_source."""
    from mkdocs.structure.files import File
    sheets = _state.get("worksheets", [])
    generated = _state.setdefault("generated", {})
    for lang in content.LANGUAGES:
        links = _state["outputs"].links(lang, sheets, "../files/")
        for sheet in sheets:
            own = {kind: links[(sheet.slug, kind)] for kind in ("pdf", "docx")}
            src_uri = f"{lang}/worksheets/{sheet.slug}.md"
            generated[src_uri] = worksheets.page_markdown(sheet, lang, own, _state["chapter_titles"][lang])
            files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
    return files


def on_page_read_source(page, config):
    return _state.get("generated", {}).get(page.file.src_uri)


def on_build_error(error) -> None:
    _languages.clear()


def on_nav(nav, config, files):
    _state["nav"] = nav
    return nav


def on_env(env, config, files):
    """Render this language's 404 page now, while the theme speaks its language; it is written
    at the very end, because every language build writes site/404.html over the previous one."""
    templatecache.enable(env, Path(config.config_file_path).parent / ".cache" / "templates")
    i18n = _i18n(config)
    saved = config.extra.get("alternate")
    if i18n is not None and i18n.extra_alternate:
        config.extra.alternate = deepcopy(i18n.extra_alternate)  # the language home pages
    template = env.get_template("404.html")
    html = mkdocs_build._build_template("404.html", template, files, config, _state["nav"])
    config.extra.alternate = saved
    lang = _current(config)
    html = accessibility.repair_page(html)
    _state["not_found"][lang] = pages.drop_alternate_links(pages.rebase_search(html, _folder(lang)))
    if _print_enabled():
        _build_print_editions(lang, config, files)
    return env


def _build_print_editions(lang: str, config, files) -> None:
    """Every page's article is rendered by now (on_env follows the Markdown pass): print them."""
    by_rel = {_relative(f.page): f.page for f in files.documentation_pages() if f.page is not None}

    def printable(rel: str) -> printing.PrintPage:
        page = by_rel[rel]
        heads = content.headings(page.markdown or "")
        return printing.PrintPage(page.title, page.content, "/" + page.url, heads[0].anchor if heads else "")

    chapters = {Path(rel).stem: printable(rel) for rel in sorted(by_rel) if rel.startswith("chapters/")}
    imprint = _state["imprint"]
    appendix = [printing.worksheet_body(worksheet_print_html(sheet, lang, imprint)) for sheet in _state["worksheets"]]
    _state["editions"].build_language(
        lang, chapters, printable("trainers-guide.md"), [printable("glossary.md"), printable("resources.md")],
        appendix, imprint.site_url, imprint.handbook[lang], str(config.extra.get("handbook", {}).get("version", "")),
        datetime.date.today().isoformat())


def on_page_context(context, page, config, nav):
    """Print and download links for chapters and the home page (labels in the page's language)."""
    lang, rel = _current(config), _relative(page)
    _page_meta(context, page, config, lang, rel)
    editions = _state["editions"]
    if not (rel.startswith("chapters/") or rel == "index.md"):
        return context
    folder = _folder(lang)

    def link(name: str):
        printed = editions.get(lang, name)
        if printed is None:
            return None
        target = f"{folder}/downloads/{name}" if folder else f"downloads/{name}"
        return {"href": get_relative_url(target, page.url),
                "size": worksheets.human_size(printed.size, lang)}

    labels = printing.TEXT[lang]
    context["handbook_print"] = {
        "chapter": rel.startswith("chapters/"),
        "labels": labels,
        "pdf": link(printing.chapter_file(Path(rel).stem, lang)) if rel.startswith("chapters/") else None,
        "reader": link(printing.handbook_file("reader", lang)),
        "trainer": link(printing.handbook_file("trainer", lang)),
    }
    return context


def _page_meta(context, page, config, lang: str, rel: str) -> None:
    """"Last updated" and "Edit this page" (a worksheet page: its definition) for the template."""
    sheet = f"docs/data/worksheets/{Path(rel).stem}.yml" if page.file.src_uri in _state.get("generated", {}) else None
    data = {"glossary.md": ["docs/data/glossary.yml"],
            "worksheets/index.md": [f"docs/data/worksheets/{s.slug}.yml" for s in _state.get("worksheets", [])]}
    meta = page_meta.describe(_state.get("history"), config.edit_uri, lang, rel, sheet, data)
    page.edit_url = meta.edit_url
    context["handbook_page"] = meta.template()


def on_page_markdown(markdown, page, config, files):
    lang, rel = _current(config), _relative(page)
    terms = _state.get("glossary", [])
    try:
        if rel == "glossary.md":
            markdown = glossary.render_page(markdown, terms, lang, page.file.src_uri)
        elif rel == "worksheets/index.md":
            markdown = _worksheet_catalogue(markdown, lang, page.file.src_uri)
    except DataError as error:
        _fail([error.problem])
    return markdown


def _worksheet_catalogue(markdown: str, lang: str, src: str) -> str:
    if worksheets.CATALOGUE_MARKER not in markdown:
        raise DataError(Path(src), f"the catalogue page needs the line {worksheets.CATALOGUE_MARKER}")
    sheets, built = _state["worksheets"], _state["outputs"]
    size = built.zips[lang].stat().st_size
    table = worksheets.catalogue_markdown(sheets, lang, built.links(lang, sheets, "files/"),
                                          (f"files/{outputs.zip_name(lang)}", size), _state["chapter_titles"][lang])
    return markdown.replace(worksheets.CATALOGUE_MARKER, table, 1)


def on_page_content(html, page, config, files):
    rel = _relative(page)
    html = accessibility.label_task_lists(html)
    if rel == "index.md":
        html = offline.add_home_block(html, _current(config))  # its size is filled in post-build
    if rel.startswith("chapters/") or rel == "trainers-guide.md":
        html = glossary.first_mentions_only(html)
    else:
        html = glossary.strip(html)
    if _current(config) != content.DEFAULT_LANGUAGE:
        html = accessibility.mark_bulgarian(html)  # Bulgarian titles and terms in other languages
    return html


def on_post_page(output, page, config):
    output = accessibility.repair_page(output)
    return pages.drop_alternate_links(pages.rebase_search(output, _folder(_current(config))))


@event_priority(-200)
def on_post_build(config) -> None:
    """Runs after the i18n plugin (priority -100), which builds the other languages and merges
    every language's search entries into the root index."""
    _languages.pop()
    if _languages:
        return
    site_root = _state["site_root"]
    _state["outputs"].publish(site_root, _state["worksheets"], _folder)
    _state["editions"].publish(site_root, _folder)
    for lang, html in _state["not_found"].items():
        target = site_root / _folder(lang) / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    i18n = _i18n(config)
    if i18n is not None:
        others = [lang for lang in i18n.build_languages if lang != i18n.default_language]
        search.split_by_language(site_root, others)
        sitemap.split_by_language(site_root, config.site_url or "/", others)
    # Compact per-language search indexes, fingerprinted assets, then the offline ZIPs (made from
    # the finished pages; `make serve` skips them unless HANDBOOK_OFFLINE=1).
    folders = {lang: _folder(lang) for lang in content.LANGUAGES}
    searchindex.tune(site_root, folders)
    if not offline.wanted(_command["name"]):
        offline.skip(site_root, folders)
        if session.is_serve():
            return  # fingerprints and hosting files are for hosts: `make serve` stays fast without them
    fingerprint.apply(site_root)
    if offline.wanted(_command["name"]):
        offline.build(site_root, folders, config.site_url or "/")
    # Last: the hosting files hash the inline scripts of the finished pages (and the pages get the
    # policy as <meta>, after the offline ZIPs were made: pages opened from disk have no 'self').
    try:
        # `mkdocs serve` injects an inline live-reload script, which the <meta> policy would block.
        hosting.write(site_root, meta=_command["name"] != "serve")
    except hosting.HostingError as error:
        raise PluginError("The built pages break the Content-Security-Policy (scripts/handbook/hosting.py):\n"
                          + "\n".join(f"  - {problem}" for problem in error.problems)) from None
