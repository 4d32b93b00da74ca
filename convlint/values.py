"""Leaf values of the analysis: Unknown, symbolic dims, shapes. Imports no pipeline stage."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from math import prod
from typing import Union


# the order objects with state (modules, instances, config objects) are made in: a path of a
# condition not known statically puts back only the objects that existed before it began
creation_order = itertools.count()


@dataclass(frozen=True, slots=True, eq=False)
class Unknown:
    """A value the analysis cannot know. Every operation given one returns one.

    All Unknowns compare equal: an unknown dim never makes two shapes differ."""

    why: str = "not known statically"
    origin: object = field(default=None)  # a Span when known; kept out of equality

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unknown)

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return f"Unknown({self.why!r})"


@dataclass(frozen=True, slots=True, eq=False)
class ItemKey(Unknown):
    """The key of any one item of a dict not known statically (`for name, n in groups.items()`), for
    a loop followed once for every item. `source` is that dict's value (compared by identity): a
    container filled under such a key and read under one of the same dict gives that item's module.
    `label` names it (the loop's name); `whole`: the loop carries no state from one item to the next,
    so what it built for this key is what it builds for every key."""

    source: object = field(default=None)
    label: str = "key"
    whole: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class EachItem(Unknown):
    """The dict a comprehension over a dict not known statically builds (`{k: nn.Linear(d, n) for k,
    n in groups.items()}`): not known, but for any one of its keys (an ItemKey) that item's value."""

    key: object = field(default=None)
    value: object = field(default=None)


@dataclass(frozen=True, slots=True)
class Sym:
    """A symbolic dim, floor((scale*base + offset) / divisor), or an opaque expression.

    base is an input symbol (`H`) or another Sym: a floor cannot be multiplied out, so a
    transposed conv after a pool nests, `2*(H/4)`, while constants keep folding into the
    outermost offset. Through LeNet `H` stays `(H-12)/4`; through a U-Net it comes back as
    `4*(H/4)`, not a chain of `+2-1+1-1`.

    An opaque dim may still be exact: `terms` holds the floor nests (and whole numbers) of one
    symbol whose sum plus offset it is (a cat of `out_ch // 2` and `out_ch` channels, two
    flattened branches of one input). It prints and compares as its text, as every other
    opaque dim does; only the proofs over every size (symbolic.py) read the terms."""

    base: "str | Sym"
    scale: int = 1
    offset: int = 0
    divisor: int = 1
    opaque: bool = False  # base is a whole expression plus offset; scale/divisor unused
    terms: tuple = field(default=(), compare=False)  # an opaque sum's exact summands, else ()
    factors: tuple = field(default=(), compare=False)  # an opaque product's exact factors, else ()

    def __str__(self) -> str:
        if self.opaque:
            # constants added to an expression fold (a conv of kernel 1 adds -1+1: nothing)
            return self.base if not self.offset else f"{self.base}{self.offset:+d}"
        base = self.base if isinstance(self.base, str) else self.base.atom
        text = base if self.scale == 1 else "-" + base if self.scale == -1 else f"{self.scale}*{base}"
        if self.offset:
            text += f"+{self.offset}" if self.offset > 0 else f"-{-self.offset}"
        if self.divisor != 1:
            if self.offset or self.scale != 1:
                text = f"({text})"
            text += f"/{self.divisor}"
        return text

    @property
    def atom(self) -> str:
        """The text, parenthesised when it would bind loosely in a product."""
        text = str(self)
        simple = text.replace("_", "").isalnum() or (
            not self.opaque and self.offset == 0 and self.scale > 0 and self.divisor == 1)
        return text if simple else f"({text})"


Dim = Union[int, Sym, Unknown]


@dataclass(frozen=True, slots=True)
class Residue(Sym):
    """offset + sign * ((factor*of + shift) mod modulus) of a symbolic dim `of`: `h % 8`, and the
    padding to a multiple, `(8 - h % 8) % 8` or `math.ceil(h / 8) * 8 - h`. An opaque dim of its own
    text (the proofs do not decide it); only `of` plus it, a padded side, is a floor nest again
    (shapes.plus_residue): 8*((H+7)/8), a multiple of 8."""

    of: "Sym | None" = None
    modulus: int = 1
    factor: int = 1  # kept in [0, modulus)
    shift: int = 0  # kept in [0, modulus)
    sign: int = 1
    constant: int = 0


def residue(of: Sym, modulus: int, factor: int = 1, shift: int = 0, sign: int = 1, constant: int = 0) -> "Dim":
    """The Residue of these parts, its text canonical (two equal ones print alike); a whole number
    where it is one (a sign of 0, a modulus of 1)."""
    factor, shift = factor % modulus, shift % modulus
    if sign == 0 or modulus == 1 or factor == 0:
        return constant + sign * shift
    linear = of.atom if factor == 1 else f"-{of.atom}" if factor == modulus - 1 else f"{factor}*{of.atom}"
    text = f"({linear}{f'+{shift}' if shift else ''})%{modulus}"
    if (sign, constant) != (1, 0):
        scaled = text if sign in (1, -1) else f"{abs(sign)}*{text}"
        text = f"{constant if constant else ''}{'-' if sign < 0 else '+' if constant else ''}{scaled}"
    return Residue(text, opaque=True, of=of, modulus=modulus, factor=factor, shift=shift, sign=sign,
                   constant=constant)


def is_known(dim: object) -> bool:
    return isinstance(dim, int) and not isinstance(dim, bool)


def hashable(value: object) -> bool:
    """A key a dict or set can hold: never an Unknown (two unknowns are not the same key)."""
    if isinstance(value, Unknown):
        return False
    try:
        hash(value)
    except TypeError:
        return False
    return True


def opaque(text: str) -> Sym:
    return Sym(text, opaque=True)


def summands(dim: Dim) -> tuple | None:
    """The exact summands of a symbolic dim: itself for a floor nest, an opaque sum's terms and
    offset; None for anything else (a product, an unknown)."""
    if not isinstance(dim, Sym):
        return None
    if not dim.opaque:
        return (dim,)
    return (*dim.terms, dim.offset) if dim.terms else None


def dim_add(dim: Dim, amount: int) -> Dim:
    if isinstance(dim, Unknown):
        return dim
    if isinstance(dim, int):
        return dim + amount
    if amount == 0:
        return dim
    if dim.opaque:
        return Sym(dim.base, offset=dim.offset + amount, opaque=True, terms=dim.terms)
    return Sym(dim.base, dim.scale, dim.offset + amount * dim.divisor, dim.divisor)


def dim_floordiv(dim: Dim, divisor: int) -> Dim:
    if isinstance(dim, Unknown):
        return dim
    if isinstance(dim, int):
        return dim // divisor
    if divisor == 1:
        return dim
    if dim.opaque:
        return opaque(f"{dim.atom}/{divisor}")
    # floor(floor(x / a) / b) == floor(x / (a * b)) for positive integers a, b; and a factor
    # common to scale, offset and divisor cancels (floor(12x / 4) is 3x)
    common = math.gcd(dim.scale, dim.offset, dim.divisor * divisor)
    return Sym(dim.base, dim.scale // common, dim.offset // common, dim.divisor * divisor // common)


def dim_mul(dim: Dim, factor: Dim) -> Dim:
    if isinstance(dim, Unknown):
        return dim
    if isinstance(factor, Unknown):
        return factor
    if isinstance(dim, int) and isinstance(factor, int):
        return dim * factor
    if isinstance(dim, int):
        dim, factor = factor, dim
    if isinstance(factor, int):
        if factor == 1:
            return dim
        if factor == 0:
            return 0
        if dim.opaque:
            # a sum stays exact: each summand, and the offset its text adds, times the factor
            terms = tuple(dim_mul(t, factor) for t in dim.terms) + ((dim.offset * factor,) if dim.terms else ())
            return Sym(f"{factor}*{dim.atom}", opaque=True, terms=terms,
                       factors=(factor, *dim.factors) if dim.factors and not dim.offset else ())
        if dim.divisor == 1:
            return Sym(dim.base, dim.scale * factor, dim.offset * factor, 1)
        # floor((a + q*d + r) / d) == floor((a + r) / d) + q: the whole part leaves the floor
        whole, rest = divmod(dim.offset, dim.divisor)
        return Sym(Sym(dim.base, dim.scale, rest, dim.divisor), factor, whole * factor, 1)
    # kept factor by factor, so that a view can cancel the dims both sides share (`h*w` against `h, w/2`)
    return Sym(f"{dim.atom}*{factor.atom}", opaque=True, factors=(*product_factors(dim), *product_factors(factor)))


def product_factors(dim: Dim) -> tuple:
    """The exact factors of a product of dims (an opaque `H*W` from a flatten), else (dim,)."""
    if isinstance(dim, Sym) and dim.opaque and dim.factors and not dim.offset:
        return dim.factors
    return (dim,)


def dims_product(dims: tuple[Dim, ...]) -> Dim:
    """Product of dims: an int when all are known, else a symbolic product (Unknown wins)."""
    known = [d for d in dims if is_known(d)]
    rest = [d for d in dims if not is_known(d)]
    for d in rest:
        if isinstance(d, Unknown):
            return d
    result: Dim = prod(known)
    for d in rest:
        result = dim_mul(result, d)
    return result


def _in_shape(text: str) -> str:
    """A dim named after a constructor argument (`2*ndf`) in parentheses: `Nx(2*ndf)x32x32`."""
    return f"({text})" if any(c.islower() for c in text) and not text.startswith("(") else text


def format_dim(dim: Dim) -> str:
    if isinstance(dim, Unknown):
        return "?"
    return str(dim)


@dataclass(frozen=True, slots=True)
class Shape:
    """A tensor shape: known rank with per-dim values, or `dims=None` for an unknown rank."""

    dims: tuple[Dim, ...] | None

    @property
    def rank(self) -> int | None:
        return None if self.dims is None else len(self.dims)

    def numel(self) -> Dim:
        if self.dims is None:
            return Unknown("rank not known")
        return dims_product(self.dims)

    def __str__(self) -> str:
        if self.dims is None:
            return "?"
        return "x".join(_in_shape(format_dim(d)) for d in self.dims)

    def as_json(self) -> list[int | str | None] | None:
        if self.dims is None:
            return None
        return [None if isinstance(d, Unknown) else d if isinstance(d, int) else str(d) for d in self.dims]


UNKNOWN_SHAPE = Shape(None)
