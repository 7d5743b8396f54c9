"""The engine adapter: the only code that speaks to MkDocs (or ProperDocs, its maintained fork,
which answers to the same imports) and knows the i18n plugin.

`HandbookPlugin` translates MkDocs events into calls of plain functions in the rest of the package
and keeps the build's state on itself: a plugin that defines `on_startup` is kept across the
rebuilds of `mkdocs serve`, so nothing needs to survive a module reload.

The i18n plugin builds the default language (bg) and, from inside that build's on_post_build,
builds every other language with the same config and the same plugin instances. So each event
below runs once per language, and `self.languages` is the stack of the languages whose builds are
running. The outermost build checks the sources and prepares the project once; the innermost
on_post_build of the outermost build runs the post-build pipeline over the finished site.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
from copy import deepcopy
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from mkdocs.commands.build import get_context
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from handbook import languages
from handbook.checks import safety, structure
from handbook.downloads import editions
from handbook.downloads.cache import WorksheetOutputs, zip_name
from handbook.downloads.worksheet_files import Imprint, print_html as worksheet_print_html
from handbook.engine import serve_speed
from handbook.project import GUIDE, Project
from handbook.render import accessibility, chapters, glossary, lines, page_meta, translations, worksheet_pages
from handbook import address
from handbook.site import i18n, offline, pipeline
from handbook.sources.history import History
from handbook.sources.problems import DataError
from handbook.strings import editor_language, say

log = logging.getLogger("mkdocs.plugins.handbook")


class _Switch(c.BaseConfigOption):
    """On, off, or unset (then the command decides). Accepts YAML booleans and the "0"/"1" of an
    environment variable passed in with !ENV."""

    def run_validation(self, value):
        if value is None or isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("", "auto"):
            return None
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise base.ValidationError(str(say("build.switch_value", value=repr(value))))


class HandbookConfig(base.Config):
    pdf = c.Optional(_Switch())
    """Render the worksheet files, chapter PDFs and print editions (unset: yes for `build`, no for
    `serve`)."""
    offline = c.Optional(_Switch())
    """Make the offline copies (unset: yes for `build`, no for `serve`)."""
    cache_dir = c.Type(str, default=".cache")
    """Where rendered downloads and compiled templates are kept between builds (below the project)."""


class HandbookPlugin(BasePlugin[HandbookConfig]):
    def __init__(self):
        self.command = "build"
        self.languages: list[str] = []

    # --- the whole run ------------------------------------------------------------------------

    def on_startup(self, *, command, dirty) -> None:
        self.command = command
        if command == "serve":
            serve_speed.install_render_cache()  # unchanged pages are not converted again on every save
            # a save in one language does not rebuild the other (when nothing it is made of changed)
            serve_speed.install_language_skip(lambda config: config.plugins.get("handbook"))

    def language_inputs(self, lang: str) -> str | None:
        """Under `make serve`: a digest of everything the pages of a language other than the one
        built first are made of – its own pages, the data, the assets, the theme overrides, the
        configuration, which pages exist in every language (the language switch), the problems the
        banner lists, the editor's language and the git history ("last updated"). None: always
        build it (PDFs or offline copies are wanted, or it is not a second language)."""
        if not self.serving or self.pdf or self.offline or lang == languages.DEFAULT_LANGUAGE:
            return None
        root = self.root
        docs = root / "docs"
        git = [(name, (root / ".git" / name).stat().st_mtime_ns) for name in ("HEAD", "index", "logs/HEAD")
               if (root / ".git" / name).exists()]
        parts = [serve_speed.tree_state(docs / lang), serve_speed.tree_state(docs / "data"),
                 serve_speed.tree_state(docs / "assets"), serve_speed.tree_state(root / "overrides"),
                 (root / "mkdocs.yml").stat().st_mtime_ns,
                 sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md")),
                 [problem.text(editor_language()) for problem in self.problems], editor_language(), git]
        return hashlib.sha256(json.dumps(parts, default=str).encode("utf-8")).hexdigest()

    def on_serve(self, server, config, builder):
        """Notice a save sooner: MkDocs polls the watched files every 0.5 s; every 0.1 s costs a few
        hundred file checks and takes a quarter of a second off the wait (polling, not the operating
        system's notifications, because those do not cross a dev container's shared folder)."""
        return serve_speed.poll_faster(server)

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def _wanted(self, switch) -> bool:
        return (not self.serving) if switch is None else switch

    @property
    def lang(self) -> str:
        return self.languages[-1] if self.languages else languages.DEFAULT_LANGUAGE

    @staticmethod
    def _i18n(config):
        return config.plugins.get("i18n")

    @staticmethod
    def _relative(page) -> str:
        """The page's path inside its language folder, e.g. 'chapters/02-migration-in-facts.md'."""
        first, _, rest = page.file.src_uri.partition("/")
        return rest if first in languages.LANGUAGES else page.file.src_uri

    @staticmethod
    def _fail(problems) -> None:
        lang = editor_language()
        lines = [say("build.source_problems", count=len(problems)).text(lang)]
        lines += [f"  - {problem.text(lang)}" for problem in problems]
        raise PluginError("\n".join(lines))

    # --- before the pages ---------------------------------------------------------------------

    @event_priority(100)
    def on_pre_build(self, config) -> None:
        i18n_plugin = self._i18n(config)
        self.languages.append(i18n_plugin.current_language if i18n_plugin else languages.DEFAULT_LANGUAGE)
        if len(self.languages) == 1:
            self._prepare(config)
        # Glossary terms of this language become hover definitions (abbr extension's glossary).
        config.mdx_configs.setdefault("abbr", {})["glossary"] = glossary.abbreviations(self.project.glossary, self.lang)
        accessibility.configure_markdown(config.mdx_configs, self.lang)  # the "¶" link's title

    def _prepare(self, config) -> None:
        """Outermost build: check every source once, before any page is rendered, and render (or
        reuse from the cache) every worksheet file."""
        docs_dir = Path(config.docs_dir)
        root = self.root = Path(config.config_file_path).parent
        self.site_root = Path(config.site_dir)
        self.cache_dir = root / self.config.cache_dir
        self.pdf = self._wanted(self.config.pdf)
        self.offline = self._wanted(self.config.offline)
        self.not_found: dict[str, str] = {}
        self.generated: dict[str, str] = {}
        self.nav = None
        self.problems: list = []
        problems = structure.check_files(docs_dir)  # first: only files that are safe to read are read
        if problems:
            self.languages.clear()
            self._fail(problems)
        # Under `make serve` the data files are read again only when one of them changed.
        self.project, problems = serve_speed.remember(
            "project", [str(docs_dir), serve_speed.project_state(docs_dir) if self.serving else []],
            lambda: Project.load(docs_dir), copied=False)
        problems = structure.check_docs(docs_dir) + safety.check(root) + problems
        if problems and not self.serving:
            self.languages.clear()
            self._fail(problems)
        # The preview never refuses an editor's text: it shows the pages and lists the problems, in
        # the terminal and in a banner on every page. `mkdocs build` (and CI) stay strict.
        self.problems = problems
        lang = editor_language()
        for problem in problems:
            log.warning("handbook: %s", problem.text(lang))
        self.history = History(root)  # "last updated" dates
        # The data files that hold the text of data-driven pages ("Edit this page" opens them).
        self.data_files = {"glossary.md": ["docs/data/glossary.yml"],
                           "worksheets/index.md": [self.project.relative(s.source) for s in self.project.worksheets],
                           "lines-to-take.md": [self.project.relative(line.source) for line in self.project.lines]}
        self.site_url = address.public(config.site_url)  # "" when unset or the preview's loopback address
        handbook_extra = config.extra.get("handbook", {}) or {}
        self.version = str(handbook_extra.get("version", ""))
        self.imprint = Imprint(handbook={lang: self._site_name(config, lang) for lang in languages.LANGUAGES},
                               site_url=self.site_url, publisher=handbook_extra.get("publisher") or "",
                               date=datetime.date.today().isoformat(), version=self.version)
        self.outputs = WorksheetOutputs(self.cache_dir / "worksheets", self.imprint).build(
            self.project.worksheets, self.project.statements)
        self.editions = editions.Editions(editions.PdfCache(self.cache_dir / "print"))

    def _site_name(self, config, lang: str) -> str:
        i18n_plugin = self._i18n(config)
        if i18n_plugin is not None:
            for language in i18n_plugin.config.languages:
                if language.locale == lang and language.site_name:
                    return language.site_name
        return config.site_name

    @event_priority(0)
    def on_files(self, files, config):
        """Add the worksheet pages, generated from the definitions, for every language (so the i18n
        plugin, at priority -100, can pair them). The i18n plugin re-creates files from their path
        under docs/, so each page gets a path there and its text comes from on_page_read_source."""
        sheets = self.project.worksheets
        for lang in languages.LANGUAGES:
            links = self.outputs.links(lang, sheets, "../files/")
            for sheet in sheets:
                src_uri = f"{lang}/worksheets/{sheet.slug}.md"
                if src_uri not in self.generated:  # once per run: every language pass adds them all
                    own = {kind: links[(sheet.slug, kind)] for kind in ("pdf", "docx")}
                    titles = self.project.titles(lang)
                    translated = self.outputs.translation_links(sheet.slug, "../files/")
                    self.generated[src_uri] = serve_speed.remember(
                        "worksheet-page", [repr(sheet), lang, own, titles, translated],
                        lambda: (worksheet_pages.page_markdown(sheet, lang, own, titles)
                                 + translations.links_markdown(translated, lang)))
                files.append(File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls))
        return files

    def on_page_read_source(self, page, config):
        return self.generated.get(page.file.src_uri)

    def on_build_error(self, *, error) -> None:
        self.languages.clear()

    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    # --- the pages ----------------------------------------------------------------------------

    def on_page_markdown(self, markdown, page, config, files):
        rel = self._relative(page)
        try:
            if rel == "glossary.md":
                markdown = glossary.render_page(markdown, self.project.glossary, self.lang, page.file.src_uri)
            elif rel == "worksheets/index.md":
                markdown = self._worksheet_catalogue(markdown, page.file.src_uri)
            elif rel == "lines-to-take.md":
                markdown = lines.render_page(markdown, self.project.lines, self.lang, page.file.src_uri)
            elif chapters.number_of(rel) is not None:
                markdown = chapters.number_title(markdown, chapters.number_of(rel))
        except DataError as error:
            self._fail([error.problem])
        return markdown

    def _worksheet_catalogue(self, markdown: str, src: str) -> str:
        lang, sheets = self.lang, self.project.worksheets
        if worksheet_pages.CATALOGUE_MARKER not in markdown:
            raise DataError(Path(src), say("build.catalogue_marker", marker=worksheet_pages.CATALOGUE_MARKER))
        size = self.outputs.zips[lang].stat().st_size
        table = worksheet_pages.catalogue_markdown(sheets, lang, self.outputs.links(lang, sheets, "files/"),
                                                   (f"files/{zip_name(lang)}", size), self.project.titles(lang))
        return markdown.replace(worksheet_pages.CATALOGUE_MARKER, table, 1)

    def on_page_content(self, html, page, config, files):
        rel = self._relative(page)
        html = accessibility.label_task_lists(html)
        if rel == "index.md":
            html = offline.add_home_block(html, self.lang)  # its size is filled in post-build
        if rel.startswith("chapters/") or rel == f"{GUIDE}.md":
            html = glossary.first_mentions_only(html, glossary.term_ids(self.project.glossary, self.lang))
        else:
            html = glossary.strip(html)
        if self.lang != languages.DEFAULT_LANGUAGE:
            html = accessibility.mark_bulgarian(html)  # Bulgarian titles and terms in other languages
        return html

    def on_env(self, env, config, files):
        """Render this language's 404 page now, while the theme speaks its language (it is written
        at the very end: every language build writes site/404.html over the previous one), and the
        print editions, now that every page's article is rendered."""
        serve_speed.enable_template_cache(env, self.cache_dir / "templates")
        self.not_found[self.lang] = self._render_404(env, config, files)
        if self.pdf:
            self._build_print_editions(config, files)
        return env

    def _render_404(self, env, config, files) -> str:
        i18n_plugin = self._i18n(config)
        saved = config.extra.get("alternate")
        if i18n_plugin is not None and i18n_plugin.extra_alternate:
            config.extra.alternate = deepcopy(i18n_plugin.extra_alternate)  # the language home pages
        try:
            # An error page is served at any depth: its links start at the site's path (as MkDocs does).
            context = get_context(self.nav, files, config, base_url=urlsplit(config.site_url or "/").path)
            context = config.plugins.on_template_context(context, template_name="404.html", config=config)
            html = env.get_template("404.html").render(context)
            html = config.plugins.on_post_template(html, template_name="404.html", config=config)
        finally:
            config.extra.alternate = saved
        return self._finish_page(html)

    def _build_print_editions(self, config, files) -> None:
        by_rel = {self._relative(f.page): f.page for f in files.documentation_pages() if f.page is not None}

        def printable(rel: str) -> editions.PrintPage:
            page = by_rel[rel]
            return editions.PrintPage(page.title, page.content, "/" + page.url, editions.first_anchor(page.markdown))

        lang = self.lang
        chapters = {PurePosixPath(rel).stem: printable(rel) for rel in sorted(by_rel) if rel.startswith("chapters/")}
        appendix = [worksheet_print_html(sheet, lang, self.imprint, body_only=True) for sheet in self.project.worksheets]
        self.editions.build_language(editions.Edition(
            lang=lang, chapters=chapters, guide=printable(f"{GUIDE}.md"),
            back_matter=[printable("glossary.md"), printable("resources.md")], appendix=appendix,
            site_url=self.imprint.site_url, handbook_name=self.imprint.handbook[lang],
            version=self.version, date=self.imprint.date, publisher=self.imprint.publisher_name(lang)))

    def on_page_context(self, context, page, config, nav):
        """"Last updated", "Edit this page", and the print and download links of chapters and the
        home page (labels in the page's language)."""
        lang, rel = self.lang, self._relative(page)
        sheet = self.project.worksheet_source(PurePosixPath(rel).stem) if page.file.src_uri in self.generated else None
        meta = page_meta.describe(self.history, config.edit_uri, lang, rel, sheet, self.data_files)
        page.edit_url = meta.edit_url
        context["handbook_page"] = meta.template()
        if self.problems:  # the preview's banner: this page's problems first, then the count of the others
            own, editor = f"docs/{lang}/{rel}", editor_language()
            others = sum(1 for p in self.problems if p.path != own)
            context["handbook_problems"] = {
                "lang": editor,  # the editor's language, which may not be the page's
                "title": say("build.banner_title").text(editor),
                "page": [p.text(editor) for p in self.problems if p.path == own],
                "others": say("build.banner_others", count=others).text(editor) if others else ""}
        if rel.startswith("chapters/") or rel == "index.md":
            context["handbook_print"] = self._print_links(page, rel)
        return context

    def _print_links(self, page, rel: str) -> dict:
        lang, prefix = self.lang, languages.url_prefix(self.lang)

        def link(name: str):
            printed = self.editions.get(lang, name)
            if printed is None:
                return None
            return {"href": get_relative_url(f"{prefix}downloads/{name}", page.url),
                    "size": languages.human_size(printed.size, lang)}

        chapter = rel.startswith("chapters/")
        return {
            "chapter": chapter,
            "labels": editions.labels(lang),
            "pdf": link(editions.chapter_file(PurePosixPath(rel).stem, lang)) if chapter else None,
            "chapter_trainer": link(editions.chapter_trainer_file(PurePosixPath(rel).stem, lang)) if chapter else None,
            "reader": link(editions.handbook_file("reader", lang)),
            "trainer": link(editions.handbook_file("trainer", lang)),
        }

    def on_post_page(self, output, page, config):
        return self._finish_page(output)

    def _finish_page(self, html: str) -> str:
        html = accessibility.repair_page(html)
        return i18n.drop_alternate_links(i18n.rebase_search(html, languages.folder(self.lang)))

    # --- after the pages ----------------------------------------------------------------------

    @event_priority(-200)
    def on_post_build(self, config) -> None:
        """Runs after the i18n plugin (priority -100), which builds the other languages and merges
        every language's search entries into the root index."""
        self.languages.pop()
        if self.languages:
            return
        i18n_plugin = self._i18n(config)
        others = ([lang for lang in i18n_plugin.build_languages if lang != i18n_plugin.default_language]
                  if i18n_plugin is not None else [])
        try:
            pipeline.run(pipeline.Finish(
                site_root=self.site_root, site_url=self.site_url, other_languages=others,
                not_found=self.not_found, worksheets=self.project.worksheets, outputs=self.outputs,
                editions=self.editions, offline=self.offline, hosting=not self.serving or self.offline,
                meta_policy=not self.serving, remember=serve_speed.remember if self.serving else None))
        except pipeline.PipelineError as error:
            raise PluginError(str(error)) from None
