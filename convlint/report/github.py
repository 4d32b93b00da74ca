"""GitHub Actions workflow commands (`::error file=...::message`), one per finding. Imports no stage."""

from __future__ import annotations

from collections.abc import Sequence

from convlint.diagnostics import Diagnostic

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The command value: escapeData of actions/toolkit (packages/core/src/command.ts)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: escapeProperty of actions/toolkit; `:` and `,` would end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diagnostics: Sequence[Diagnostic]) -> str:
    return "".join(github_line(d) + "\n" for d in diagnostics)


def github_line(d: Diagnostic) -> str:
    span = d.span
    properties = {
        "file": d.path, "line": span.line, "col": span.column,
        "endLine": span.end_line, "endColumn": span.end_column, "title": f"{d.code} ({d.name})",
    }
    joined = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    # The fix on a second line: annotations show multi-line messages, and a PR reviewer sees
    # what to change without opening the log (the text format's `= help:` line).
    message = f"{d.shown_message}\nhelp: {d.fix}" if d.fix else d.shown_message
    return f"::{COMMANDS[d.severity]} {joined}::{escape_data(message)}"
