"""Accessibility helpers and data: the vendored axe-core engine, Material's strings in Bulgarian,
marking Bulgarian text, task-list labels and skip links (no build, no browser)."""

from __future__ import annotations

import re
from pathlib import Path

from support import ROOT, VENDOR

AXE = VENDOR / "axe-core" / "axe.min.js"


def test_axe_is_the_vendored_engine():
    header = AXE.read_text(encoding="utf-8")[:400]
    assert header.startswith("/*! axe v4.") and "Mozilla Public" in header


def _material_strings(language: str) -> dict[str, str]:
    """Every key of Material's translations, as the theme renders it for `language` (through
    partials/language.html, so custom translations and fallbacks are applied as in a build)."""
    from mkdocs.theme import Theme
    theme = Theme(name="material", custom_dir=str(ROOT / "overrides"), language=language)
    env = theme.get_env()
    import material
    english = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
    keys = re.findall(r'^\s*"([a-z.]+)":', english.read_text(encoding="utf-8"), re.MULTILINE)
    template = env.from_string('{% import "partials/language.html" as lang with context %}'
                               '{% for key in keys %}{{ key }}\t{{ lang.t(key) }}\n{% endfor %}')
    rendered = template.render(config={"theme": {"language": language}}, keys=keys)
    return dict(line.split("\t", 1) for line in rendered.strip().splitlines())


def test_every_material_string_has_a_bulgarian_value_without_typos():
    bulgarian, english = _material_strings("bg-custom"), _material_strings("en")
    machine = {"language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator"}
    untranslated = [key for key in english if key not in machine and bulgarian[key] == english[key]]
    assert not untranslated, untranslated
    assert bulgarian["consent.manage"] == "Управление на настройките"
    assert not [key for key, value in bulgarian.items() if "настойк" in value]
    assert bulgarian["language"] == "bg"
    assert _material_strings("en-custom")["search.result.initializer"] == "Initialising search"


# --- the repairs, on their own -------------------------------------------------------------------

def test_mark_bulgarian_leaves_tags_attributes_and_code_alone():
    from handbook.render.accessibility import mark_bulgarian
    html = ('<p title="Заглавие">See „Бургас – богатството са хората“ (2021) and '
            '<code>код</code> <a href="/x">Проведе се обучение по проект CLARINET</a></p>')
    assert mark_bulgarian(html) == (
        '<p title="Заглавие">See „<span lang="bg">Бургас – богатството са хората</span>“ (2021) and '
        '<code>код</code> <a href="/x"><span lang="bg">Проведе се обучение по проект</span> CLARINET</a></p>')


def test_task_list_labels_stop_at_a_nested_list():
    from handbook.render.accessibility import label_task_lists
    html = ('<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>'
            '<span class="task-list-indicator"></span></label> Draft the <em>plan</em>\n<ul><li>sub</li></ul></li>')
    out = label_task_lists(html)
    assert 'aria-labelledby="__task_1"' in out
    assert '<span id="__task_1">Draft the <em>plan</em></span>\n<ul>' in out


def test_a_page_without_a_skip_link_gets_one_to_its_heading():
    from handbook.render.accessibility import repair_page
    html = ('<html lang="en"><body><div data-md-component="skip">\n  </div>'
            '<article class="md-content__inner"><h1 id="not-found">Page not found</h1></article></body></html>')
    assert '<a href="#not-found" class="md-skip">Skip to content</a>' in repair_page(html)
