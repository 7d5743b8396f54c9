"""The engine adapter: the only code that imports MkDocs (the plugin and the speed-ups of
`mkdocs serve`)."""
