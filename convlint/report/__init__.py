"""Report stage: pure functions from results and diagnostics to text. No libcst, no torch."""
