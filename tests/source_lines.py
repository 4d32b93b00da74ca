"""Where a test's source says something: the line a finding is expected at."""

from __future__ import annotations


def line_of(source: str, text: str) -> int:
    """The number (from 1) of the first line of `source` containing `text`."""
    return next(number for number, line in enumerate(source.splitlines(), 1) if text in line)
