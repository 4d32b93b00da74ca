"""Evaluator stage: an abstract interpreter over the libcst tree (no torch, no user code run)."""
