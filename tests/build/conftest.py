"""Builds of project copies share one cache of rendered downloads (the project's .cache/: worksheet
files, print PDFs, compiled templates), as consecutive builds of one working tree do. Its entries
are content-addressed – the key covers the definition or document, the imprint (site address,
date, version) and the generator's code – so a copy that changed a worksheet or a chapter gets new
entries and an unchanged file is never rendered twice in a test run. A test of the cache itself
(tests/build/test_hostile_builds.py, the killed build) keeps the copy's own, empty cache."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory) -> Path:
    """One .cache/ for every project copy of the run (created empty: the repository's own cache
    holds the shared site build's files, made with a public address, which no copy uses)."""
    return tmp_path_factory.mktemp("project-cache")


@pytest.fixture
def cached_copy(project_copy, shared_cache) -> Path:
    """A project copy whose .cache/ is the run's shared cache."""
    (project_copy / ".cache").symlink_to(shared_cache, target_is_directory=True)
    return project_copy
