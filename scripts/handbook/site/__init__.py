"""The post-build pipeline over the finished site and its steps: per-language search and sitemap,
the compact search index, fingerprints, offline copies, hosting files."""
