"""`# noqa`, `# noqa: CL101`, `# convlint: ignore[CL101]` and `# convlint: skip-file`. A leaf.

Read from the raw lines, as flake8 and ruff do: a suppression applies to the line it is on."""

from __future__ import annotations

import re
from dataclasses import dataclass

NOQA = re.compile(r"#\s*noqa(?::\s*(?P<codes>[\w\-]+(?:[,\s]+[\w\-]+)*))?", re.IGNORECASE)
IGNORE = re.compile(r"#\s*convlint:\s*ignore\[(?P<codes>[^\]]*)\]")
SKIP_FILE = re.compile(r"^\s*#\s*convlint:\s*skip-file\b", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Suppression:
    line: int
    column: int
    codes: frozenset | None  # None: every code (a bare `# noqa`)
    text: str
    ours: bool  # names a convlint code or name, or is a `convlint:` comment


def skips_file(text: str) -> bool:
    return SKIP_FILE.search(text) is not None


def find_suppressions(lines: list[str], names: dict[str, str]) -> dict[int, Suppression]:
    """Suppressions by 1-based line; `names` maps rule names to codes (`linear-in-features`)."""
    found: dict[int, Suppression] = {}
    for number, line in enumerate(lines, start=1):
        if "#" not in line:
            continue
        match = IGNORE.search(line) or NOQA.search(line)
        if match is None:
            continue
        raw = match.group("codes")
        ours = match.re is IGNORE
        codes = None
        if raw is not None:
            items = [c.strip() for c in re.split(r"[,\s]+", raw) if c.strip()]
            codes = frozenset(names.get(c, c.upper()) for c in items)
            ours = ours or any(c.startswith("CL") for c in codes)
            if match.re is NOQA:
                codes = frozenset(c for c in codes if c.startswith("CL")) or frozenset({"-"})
        found[number] = Suppression(number, match.start() + 1, codes, match.group(0), ours)
    return found


def is_suppressed(code: str, suppression: Suppression | None) -> bool:
    if suppression is None:
        return False
    return suppression.codes is None or code in suppression.codes
