"""The compact search index on a small example, and its errors."""

from __future__ import annotations

import pytest

from handbook.site import searchindex


def test_compact_index_of_a_small_example():
    merged = {"config": {"lang": ["ru", "en"], "separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]},
              "docs": [
                  {"location": "a/", "title": "Медиите", "text": "<p>Кампаниите и кампанията на общината.</p>"},
                  {"location": "a/#x", "title": "Раздел", "text": "<p>Бежанците, бежанци и 2020 г.; 42.</p>"},
                  {"location": "a/#sources", "title": "Източници", "text": "<p>Нещо само тук</p>"},
              ]}
    result = searchindex.compact(merged, "bg")
    page, section = result["docs"]
    assert section == {"location": "a/#x", "title": "Раздел", "text": ""}
    keys = page["keys"].split()
    assert "кампан" in keys and keys.count("кампан") == 1  # one entry for кампаниите/кампанията
    assert "бежанк" in keys and "2020" in keys and "42" not in keys
    assert "и" not in keys and "на" not in keys  # stop words
    assert "нещо" not in page["keys"]  # the sources section is left out
    assert result["config"]["lang"] == ["bg", "en"]


def test_a_section_without_its_page_is_a_clear_error():
    with pytest.raises(searchindex.SearchIndexError, match="a/"):
        searchindex.compact({"config": {}, "docs": [{"location": "a/#x", "title": "x", "text": ""}]}, "bg")
