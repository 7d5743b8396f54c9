"""Reading the sources: the Markdown scanner, problems and the YAML loader, the glossary,
worksheet and lines-to-take models, and git history."""
