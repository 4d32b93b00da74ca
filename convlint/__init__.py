"""convlint: a static linter for PyTorch CNN model code."""

__version__ = "0.1.0"
