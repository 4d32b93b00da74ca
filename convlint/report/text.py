"""Text for people, like ruff's: location, message, the source line with a caret, help, count."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from convlint.diagnostics import Diagnostic

Styler = Callable[..., str]


def plain(text: str, **_: object) -> str:
    return text


SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def render_text(diagnostics: Sequence[Diagnostic], sources: dict[str, list[str]], style: Styler = plain,
                summary: bool = True) -> str:
    blocks = [_block(d, sources.get(d.path), style) for d in diagnostics]
    if summary:
        blocks.append(summary_line(diagnostics) + "\n")
    return "\n".join(blocks)


def render_statistics(diagnostics: Sequence[Diagnostic]) -> str:
    """A count per rule, most frequent first, like `ruff --statistics`."""
    counts: dict[tuple[str, str, str], int] = {}
    for d in diagnostics:
        key = (d.code, d.name, d.severity)
        counts[key] = counts.get(key, 0) + 1
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return "".join(f"{n:>5}  {code}  {name:<24} {severity}\n" for (code, name, severity), n in rows)


def _block(diagnostic: Diagnostic, lines: list[str] | None, style: Styler) -> str:
    span = diagnostic.span
    location = style(f"{diagnostic.path}:{span.line}:{span.column}:", bold=True)
    code = style(diagnostic.code, fg=SEVERITY_COLOURS[diagnostic.severity], bold=True)
    tag = "" if diagnostic.severity == "error" else f" [{diagnostic.severity}]"
    out = [f"{location} {code}{tag} {diagnostic.message}"]
    if lines and 1 <= span.line <= len(lines):
        source = lines[span.line - 1].expandtabs(4)
        number = str(span.line)
        gutter = " " * len(number)
        end = span.end_column if span.end_line == span.line else len(source.rstrip()) + 1
        width = max(1, end - span.column)
        caret = " " * (span.column - 1) + style("^" * width, fg=SEVERITY_COLOURS[diagnostic.severity])
        out += [f"{gutter} |", f"{number} | {source}", f"{gutter} | {caret} {diagnostic.code}", f"{gutter} |"]
        if diagnostic.fix:
            out.append(f"{gutter} = help: {diagnostic.fix}")
        if diagnostic.confirmation:
            out.append(f"{gutter} = torch: {diagnostic.confirmation}"
                       + (f" ({diagnostic.confirmation_detail})" if diagnostic.confirmation_detail else ""))
        for span in diagnostic.via:
            out.append(f"{gutter} = note: built through the call at {span.file or diagnostic.path}:{span.line}")
    elif diagnostic.fix:
        out.append(f"  = help: {diagnostic.fix}")
    return "\n".join(out) + "\n"


def summary_line(diagnostics: Sequence[Diagnostic]) -> str:
    counts = {severity: sum(d.severity == severity for d in diagnostics) for severity in ("error", "warning", "info")}
    if not any(counts.values()):
        return "All checks passed!"
    words = {"error": "error", "warning": "warning", "info": "note"}
    parts = [f"{n} {words[s]}{'' if n == 1 else 's'}" for s, n in counts.items() if n]
    return "Found " + ", ".join(parts) + "."
