"""einops' patterns (`rearrange(x, "b c (h p) w -> b (c p) h w", p=2)`): the output shape they
give, as einops computes it (einops/einops.py, `_prepare_transformation_recipe` and
`_reconstruct_from_shape`). Pure functions over dims; imports no pipeline stage.

Each side of `->` is a list of groups; a group is one axis, a parenthesised composition of
axes (`(h p)`, `()`), or `...`. Axes are names or anonymous lengths (`1`, and in `repeat` any
number). On the left a composition's product is the dim it reads, with at most one length
solved from the dim; on the right a composition's product is the dim it makes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from convlint.values import Dim, Sym, Unknown, dim_floordiv, dims_product, is_known

_TOKEN = re.compile(r"\.\.\.|[()]|[A-Za-z_][A-Za-z0-9_]*|\d+|\S")
ELLIPSIS = "..."
OPERATIONS = ("rearrange", "reduce", "repeat")


class PatternRefused(ValueError):
    """What einops raises (EinopsError) for this pattern at these sizes."""


@dataclass(frozen=True)
class Side:
    groups: tuple[tuple[str | int, ...] | str, ...]  # a composition, or ELLIPSIS alone

    @property
    def names(self) -> list[str]:
        return [axis for group in self.groups if group != ELLIPSIS
                for axis in group if isinstance(axis, str) and axis != ELLIPSIS]


def parse_side(text: str) -> Side | None:
    """One side of a pattern, or None where it is not one einops takes."""
    groups: list = []
    composition: list | None = None
    for token in _TOKEN.findall(text):
        if token == "(":
            if composition is not None:
                return None
            composition = []
        elif token == ")":
            if composition is None:
                return None
            groups.append(tuple(composition))
            composition = None
        elif token == ELLIPSIS or token.isidentifier() or token.isdigit():
            axis: str | int = int(token) if token.isdigit() else token
            if composition is not None:
                composition.append(axis)
            else:
                groups.append(ELLIPSIS if axis == ELLIPSIS else (axis,))
        else:
            return None
    if composition is not None:
        return None
    names = Side(tuple(groups)).names
    if len(names) != len(set(names)) or sum(ELLIPSIS in g if g != ELLIPSIS else 1 for g in groups) > 1:
        return None
    return Side(tuple(groups))


def input_rank(pattern: str) -> int | None:
    """The number of dims a pattern's left side reads (`"b c f t -> b f c t"`: 4): einops refuses a
    tensor of any other; None where the side holds `...` (any rank from its groups on) or is not one
    einops takes."""
    if not isinstance(pattern, str) or pattern.count("->") != 1:
        return None
    left = parse_side(pattern.split("->")[0])
    if left is None or any(g == ELLIPSIS or ELLIPSIS in g for g in left.groups):
        return None
    return len(left.groups)


def output_dims(operation: str, pattern: str, dims: tuple[Dim, ...], lengths: dict[str, Dim]) -> tuple[Dim, ...] | None:
    """The output dims of einops' `operation` with `pattern` on a tensor of `dims`, `lengths` the
    axes' lengths given by name. None where einops' rules are not followed here; PatternRefused
    where einops raises for these sizes."""
    if operation not in OPERATIONS or pattern.count("->") != 1:
        return None
    left_text, right_text = pattern.split("->")
    left, right = parse_side(left_text), parse_side(right_text)
    if left is None or right is None or any(g != ELLIPSIS and ELLIPSIS in g for g in left.groups):
        return None
    if not _names_agree(operation, left, right, lengths):
        return None
    known = _decompose(left, dims, lengths)
    if known is None:
        return None
    axes, ellipsis_dims = known
    out: list[Dim] = []
    for group in right.groups:
        if group == ELLIPSIS:
            out.extend(ellipsis_dims)
            continue
        factors: list[Dim] = []
        for axis in group:
            if axis == ELLIPSIS:
                factors.extend(ellipsis_dims)
            elif isinstance(axis, int):
                if operation != "repeat" and axis != 1:
                    return None
                factors.append(axis)
            else:
                factors.append(axes[axis] if axis in axes else lengths.get(axis, Unknown(f"axis {axis} not given")))
        out.append(dims_product(tuple(factors)))
    return tuple(out)


def _names_agree(operation: str, left: Side, right: Side, lengths: dict[str, Dim]) -> bool:
    """rearrange keeps every axis; reduce drops some; repeat adds some, each of a length given."""
    mine, theirs = set(left.names), set(right.names)
    if operation == "rearrange":
        return mine == theirs
    if operation == "reduce":
        return theirs <= mine
    return mine <= theirs and all(name in lengths for name in theirs - mine)


def _decompose(left: Side, dims: tuple[Dim, ...], lengths: dict[str, Dim]) -> tuple[dict[str, Dim], tuple] | None:
    """The length of each axis of the left side, and the dims `...` stands for."""
    plain = [g for g in left.groups if g != ELLIPSIS]
    if ELLIPSIS in left.groups:
        if len(dims) < len(plain):
            raise PatternRefused(f"the pattern needs at least {len(plain)} dims, the tensor has {len(dims)}")
        at = left.groups.index(ELLIPSIS)
        covered = len(dims) - len(plain)
        ellipsis_dims = tuple(dims[at:at + covered])
        matched = list(dims[:at]) + list(dims[at + covered:])
    else:
        if len(dims) != len(plain):
            raise PatternRefused(f"the pattern has {len(plain)} dims, the tensor has {len(dims)}")
        ellipsis_dims, matched = (), list(dims)
    axes: dict[str, Dim] = {}
    for group, dim in zip(plain, matched):
        factors = [axis if isinstance(axis, int) else lengths.get(axis) for axis in group]
        missing = [axis for axis, factor in zip(group, factors) if factor is None]
        if len(missing) > 1:
            return None  # einops refuses two unknown lengths in one composition
        given = dims_product(tuple(f for f in factors if f is not None))
        if missing:
            axes[missing[0]] = _solved(dim, given)
        elif is_known(dim) and is_known(given) and dim != given:
            raise PatternRefused(f"{'(' + ' '.join(map(str, group)) + ')'} is {given}, the dim is {dim}")
        axes.update({axis: factor for axis, factor in zip(group, factors)
                     if isinstance(axis, str) and factor is not None})
    return axes, ellipsis_dims


def _solved(dim: Dim, given: Dim) -> Dim:
    """The one length of a composition not given: the dim over the others' product."""
    if is_known(dim) and is_known(given):
        if given <= 0 or dim % given:
            raise PatternRefused(f"a dim of {dim} does not divide into parts of {given}")
        return dim // given
    if isinstance(dim, Sym) and is_known(given) and given > 0:
        return dim_floordiv(dim, given)  # sizes it does not divide, einops refuses: no size of the rest
    return Unknown("an einops axis of a size not known")
