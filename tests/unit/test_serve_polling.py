"""`make serve` notices a save within a tenth of a second (MkDocs polls every half second)."""

from __future__ import annotations

from mkdocs.livereload import LiveReloadServer

from handbook.engine import serve_speed


def test_the_preview_polls_the_same_paths_more_often(tmp_path):
    docs, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    docs.mkdir()
    config.write_text("site_name: x\n", encoding="utf-8")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(docs))
    server.watch(str(config))
    assert server.observer.timeout == 0.5  # MkDocs' own interval (if this changes, revisit poll_faster)
    server = serve_speed.poll_faster(server)
    assert server.observer.timeout == serve_speed.POLLING_INTERVAL == 0.1
    assert sorted(server._watch_refs) == sorted([str(docs), str(config)])
    assert len(server.observer.emitters) == 2
