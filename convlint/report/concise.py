"""Concise report: one `path:line:col: severity CODE message` line per finding. Imports no stage."""

from __future__ import annotations

from collections.abc import Sequence

from convlint.diagnostics import Diagnostic


def render_concise(diagnostics: Sequence[Diagnostic]) -> str:
    """The shape gcc, VS Code's `$gcc`-style problem matchers and Vim's errorformat read.

    A message is one line by contract; should one hold a newline it is folded into spaces, so
    that each finding stays exactly one line for the tools that parse this."""
    return "".join(concise_line(d) + "\n" for d in diagnostics)


def concise_line(d: Diagnostic) -> str:
    message = " ".join(d.shown_message.splitlines())
    return f"{d.path}:{d.span.line}:{d.span.column}: {d.severity} {d.code} {message}"
