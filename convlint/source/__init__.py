"""Source stage: libcst only. Parse once per file, spans, imports, convlint comments."""
