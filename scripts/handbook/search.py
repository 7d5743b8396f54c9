"""Search index per language.

The i18n plugin merges the entries of every language into one index at the site root, so a
Bulgarian reader would get English results. Here that index is split: the default language keeps
site/search/search_index.json, every other language gets its own site/<lang>/search/, with result
locations relative to its folder (pages.rebase_search points each page at its own index).
"""

from __future__ import annotations

import json
from pathlib import Path


def index_path(site_root: Path, folder: str = "") -> Path:
    return site_root / folder / "search" / "search_index.json"


def split_by_language(site_root: Path, other_languages: list[str]) -> dict[str, int]:
    """Split the merged index; return the number of entries per language folder ('' = default)."""
    path = index_path(site_root)
    merged = json.loads(path.read_text(encoding="utf-8"))
    buckets: dict[str, list] = {"": []}
    buckets.update({lang: [] for lang in other_languages})
    for doc in merged["docs"]:
        folder, _, rest = doc["location"].partition("/")
        if folder in other_languages:
            buckets[folder].append({**doc, "location": rest})
        elif doc["location"] in other_languages:  # a language's home page: "en" without slash
            buckets[doc["location"]].append({**doc, "location": ""})
        else:
            buckets[""].append(doc)
    for folder, docs in buckets.items():
        target = index_path(site_root, folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        index = {"config": merged["config"], "docs": docs}
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return {folder: len(docs) for folder, docs in buckets.items()}
