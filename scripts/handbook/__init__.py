"""Build logic for the CLARINET handbook: plain modules that the MkDocs hooks and the editors\x27 command line call."""
