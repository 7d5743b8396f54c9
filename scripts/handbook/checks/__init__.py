"""Checks over the sources and the built pages: structure and language mirror, safety, lint,
spelling, external links."""
