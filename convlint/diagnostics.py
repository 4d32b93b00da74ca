"""Diagnostics and source spans: the one record every report format reads. A leaf module."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """1-based lines and columns; end_column is exclusive, as editors expect."""

    line: int
    column: int
    end_line: int
    end_column: int
    file: str = ""  # set when the span is in another file than the one linted (an imported block)


FILE_START = Span(1, 1, 1, 1)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    span: Span
    code: str
    name: str
    severity: Severity
    message: str
    fix: str | None = None
    model: str | None = None
    layer: str | None = None
    related: tuple[Span, ...] = field(default=())
    via: tuple[Span, ...] = field(default=())  # the calls of the user's helpers that built the layer
    confirmation: str | None = None  # --confirm: "confirmed", "not reproduced" or "not checkable"
    confirmation_detail: str | None = None  # what torch did
    # the layer a check tied the finding to, where others share its label, span and call (F.linear in
    # the forward of a module built several times: each instance holds its own weight); dropped
    # before the diagnostic leaves the model's checks
    subject: object = field(default=None, compare=False, repr=False)

    @property
    def shown_message(self) -> str:
        """The message with the --confirm verdict, for the one-line formats."""
        return f"{self.message} [{self.confirmation}]" if self.confirmation else self.message

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.span.line, self.span.column, self.code, self.message)
