"""Check stage: one function per rule over records and shapes (never CST nodes)."""
