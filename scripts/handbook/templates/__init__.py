"""The handbook's generated markup: Jinja templates (and print stylesheets) in this folder.

    render("worksheet_form.html", sheet=sheet, lang="en", ui=...)  -> str

One cached environment serves them all. Autoescape is on; a value printed with {{ }} is escaped
the way html.escape(value, quote=True) does it (&quot;, &#x27;), the spelling the site had when
this markup was built in Python, unless it is markup already (Markup, macro output).

Worksheet fields are drawn by fields.html: one macro per field type, named after the type, each
with a web (page preview) and a print (fillable PDF) form; `field_macro` picks it and fails loudly
for a type that has none. Print stylesheets are plain .css files (`stylesheet`), and the few words
that vary (imprint, page numbering) come in as a small generated @page block (see print_base.html)
whose strings `css_string` quotes.
"""

from __future__ import annotations

import html
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

FOLDER = Path(__file__).resolve().parent
# Every file here, as paths below scripts/handbook/: part of the cache key of what they render.
SOURCES = sorted(f"templates/{p.name}" for p in FOLDER.iterdir() if p.suffix in (".py", ".html", ".css"))


def _finalize(value) -> Markup:
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


def css_string(text: str) -> Markup:
    """A quoted CSS string (for `content:`), safe inside a <style> element."""
    escaped = (str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
               .replace("<", "\\3c "))
    return Markup(f'"{escaped}"')


@cache
def stylesheet(name: str) -> Markup:
    """A .css file of this folder, as is (not a template: CSS braces are not Jinja's)."""
    return Markup((FOLDER / name).read_text(encoding="utf-8"))


def field_macro(module, kind: str):
    """The macro of fields.html that draws a field of type `kind`."""
    macro = getattr(module, kind, None)  # private macros (_name) are not exported
    if macro is None:
        raise LookupError(f"fields.html has no macro for the worksheet field type “{kind}”")
    return macro


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(FOLDER),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css_string"] = css_string
    env.globals.update(stylesheet=stylesheet, field_macro=field_macro)
    return env


def render(name: str, **context) -> str:
    """Render the template `name` with `context`. A plain str: HTML given back in the context must
    be Markup (else it is escaped), and the result is not Markup (whose + would escape the other
    side when a caller splices it into a page)."""
    return str(environment().get_template(name).render(**context))


def macro(name: str, macro_name: str, **context):
    """A macro of a template, to call from Python, the template's variables set from `context`:
    macro("downloads.html", "file_link", lang="en", …)(href, "pdf", size) -> str."""
    template_macro = getattr(environment().get_template(name).make_module(vars=context), macro_name)
    return lambda *args, **kwargs: str(template_macro(*args, **kwargs))
