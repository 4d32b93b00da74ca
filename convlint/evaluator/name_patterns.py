"""Module names built from widths not known statically: `'pyramid-{0}-{1}-conv'.format(ndf, ndf * 2)`,
f"conv{ndf}". Their text is known but for the numbers, each a whole number (a symbolic width), so
whether two such names can be the same one is often decided: a name an `add_module` gives a
Sequential that differs from every name it holds appends a child in order, as torch does, and only
the name itself stays unknown.

A hole is a symbolic width, never a ratio (`isize / 2` formats as `16.0`, a name torch refuses),
and prints as an optional minus sign and digits. Pure functions over the values module."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from convlint.values import Sym

_HOLE = r"-?\d+"


@dataclass(frozen=True)
class NamePattern:
    """A string of literal text and holes: parts alternate str and Sym, starting and ending with str."""

    parts: tuple

    @property
    def holes(self) -> tuple:
        return self.parts[1::2]

    @property
    def texts(self) -> tuple:
        return self.parts[0::2]

    def __str__(self) -> str:
        return "".join(p if isinstance(p, str) else "{" + str(p) + "}" for p in self.parts)

    def matches(self, name: str) -> bool:
        """Whether some values of the holes make the name."""
        regex = _HOLE.join(re.escape(t) for t in self.texts)
        return re.fullmatch(regex, name) is not None


def _hole(value: object) -> bool:
    return isinstance(value, Sym) and not value.opaque and isinstance(value.base, str) and value.divisor == 1


def build(pieces: list) -> NamePattern | str | None:
    """The pattern of pieces (str, int, or a symbolic width), the plain text when none is symbolic;
    None when a piece is anything else."""
    parts: list = [""]
    for piece in pieces:
        if isinstance(piece, bool):
            return None
        if isinstance(piece, (str, int)):
            parts[-1] += str(piece)
        elif _hole(piece):
            parts += [piece, ""]
        else:
            return None
    return parts[0] if len(parts) == 1 else NamePattern(tuple(parts))


def formatted(template: str, args: list, kwargs: dict) -> NamePattern | str | None:
    """`template.format(*args, **kwargs)` where a field is a plain `{}`, `{0}` or `{name}` (no spec,
    no conversion, no attribute or index); None for any other template."""
    pieces: list = []
    automatic = 0
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return None
    for text, field, spec, conversion in fields:
        pieces.append(text)
        if field is None:
            continue
        if spec or conversion:
            return None
        if field == "":
            if automatic >= len(args):
                return None
            pieces.append(args[automatic])
            automatic += 1
        elif field.isdigit() and int(field) < len(args):
            pieces.append(args[int(field)])
        elif field.isidentifier() and field in kwargs:
            pieces.append(kwargs[field])
        else:
            return None
    return build(pieces)


def _may_equal_holes(a: Sym, b: Sym) -> bool:
    """Whether scale*x + offset of each can be the same number for widths x, y >= 1."""
    if a.base != b.base:
        return True
    if a.scale == b.scale:
        return a.offset == b.offset
    numerator, denominator = b.offset - a.offset, a.scale - b.scale
    return numerator % denominator == 0 and numerator // denominator >= 1


def _splits_uniquely(pattern: NamePattern) -> bool:
    """Each text between two holes is not empty and does not start with a digit, so a name of the
    pattern reads back its holes' numbers in one way only."""
    return all(t and not t[0].isdigit() for t in pattern.texts[1:-1])


def may_be_same(a: NamePattern | str, b: NamePattern | str) -> bool:
    """Whether the two names can be one name: False is a proof they differ."""
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if isinstance(a, str):
        return b.matches(a)
    if isinstance(b, str):
        return a.matches(b)
    head_a, head_b, tail_a, tail_b = a.texts[0], b.texts[0], a.texts[-1], b.texts[-1]
    if not (head_a.startswith(head_b) or head_b.startswith(head_a)):
        return False
    if not (tail_a.endswith(tail_b) or tail_b.endswith(tail_a)):
        return False
    if a.texts == b.texts and _splits_uniquely(a):
        return all(_may_equal_holes(x, y) for x, y in zip(a.holes, b.holes))
    return True


def valid_module_name(pattern: NamePattern) -> bool:
    """torch refuses a module name holding a dot or empty; a hole is digits, never a dot."""
    return not any("." in t for t in pattern.texts)
