def structural_similarity(*a, **k): return 0.0
