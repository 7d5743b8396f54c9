"""What the pages show that the sources do not say directly: glossary, worksheet pages and forms,
lines to take, chapter numbers, page meta, accessibility repairs."""
