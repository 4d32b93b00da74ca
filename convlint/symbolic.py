"""Proofs over every input size: whether symbolic dims can ever take given values.

A symbolic dim is a nest of floors, floor((scale*base + offset) / divisor), over one input
symbol (`H`, `W`, `L`, `N`, `C`). Each symbol stands for any whole number >= 1, and each dim
of an input that runs is >= 1 too (a layer giving less stops torch first). Two facts make the
questions below decidable without a search over sizes:

- quasi-linearity: with P the product of the divisors, e(h + P) = e(h) + slope*P for every
  integer h, so the difference of two dims of equal slope repeats with period P, and that of
  two dims of different slopes leaves every bounded range;
- monotonicity: with positive scales every level is non-decreasing in h, so the values a dim
  takes up to a bound form a prefix found by bisection.

A sum of such nests over one symbol (an opaque dim with exact `terms`: a cat of `out_ch // 2`
and `out_ch` channels) keeps both: its period is the lcm of its terms' periods, its slope the
sum of their slopes, and a sum of non-decreasing terms is non-decreasing.

Every answer is one-sided: "never" is a proof, "None" means it may happen (or was not
decided). Pure functions; imports no pipeline stage."""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from math import gcd, lcm, prod

from convlint.values import Dim, Sym, is_known

SPATIAL = frozenset("LDHW")  # the symbols of an input's spatial sides (N and C are not)
INPUT_SYMBOLS = SPATIAL | {"N", "C"}  # every other symbol is a constructor argument's
MAX_PERIOD = 1 << 16  # dims whose period is longer are not decided
MAX_STEPS = 1 << 17  # evaluations one question may cost
_LOGARITHM = re.compile(r"log(\d+)\((.+)\)")
_LENGTH = re.compile(r"len\((.+)\)")
_SPLIT_METHOD = re.compile(r"(.+)\.(r?split)")
_SPLIT_PIECE = re.compile(r".+\.r?split\([^()]*\)\[-?\d+\]")


def symbol_of(dim: Dim) -> str | None:
    """The one input symbol a non-opaque symbolic dim is built on, or None."""
    while isinstance(dim, Sym) and not dim.opaque:
        if isinstance(dim.base, str):
            return dim.base
        dim = dim.base
    return None


def _symbol(dim: Dim) -> str | None:
    """The one symbol a dim the proofs decide is built on: a floor nest's, or that of every
    term of an exact sum; None for anything else."""
    if isinstance(dim, Sym) and dim.opaque and dim.terms:
        symbols = {symbol_of(t) for t in dim.terms if not is_known(t)}
        return symbols.pop() if len(symbols) == 1 else None
    return symbol_of(dim)


def sum_of_terms(dim: Dim) -> bool:
    """An opaque sum the proofs still decide (a cat's width `out_ch/2+out_ch`)."""
    return isinstance(dim, Sym) and dim.opaque and _symbol(dim) is not None


def of_input_sum(dim: Dim) -> bool:
    """An exact sum of sizes of the model's input (two flattened branches joined by a cat)."""
    return sum_of_terms(dim) and _symbol(dim) in INPUT_SYMBOLS


def argument_symbol(name: str) -> Sym:
    """A required constructor argument nothing supplies, as a width: any whole number >= 1.
    Named after the parameter (`ndf`), so a message reads `ndf*2`; never an input's symbol."""
    return Sym(f"{name}_" if name in INPUT_SYMBOLS else name)


def argument_object(value: object) -> bool:
    """A required argument nothing supplies, taken as an object (`args` of `RCAN(args)`, a
    `features` list): its attributes and items are arguments not given too, each its own symbol."""
    return isinstance(value, Sym) and isinstance(value.base, str) and not value.opaque \
        and (value.scale, value.offset, value.divisor) == (1, 0, 1) and value.base not in INPUT_SYMBOLS


def part_of_argument(value: Sym, part: str | int) -> Sym:
    """`args.n_feats`, `features[2]`: a symbol of its own, named after the path to it."""
    return Sym(f"{value.base}.{part}" if isinstance(part, str) else f"{value.base}[{part}]")


def split_method(function: object) -> bool:
    """`name.split` of a required argument nothing supplies (`WideResNet(name)` reading its depth
    and width from `name = "wrn-16-2"`): what calling it gives is pieces_of_argument."""
    return argument_object(function) and _SPLIT_METHOD.fullmatch(function.base) is not None


def split_path(path: str) -> bool:
    """The path of a split method (`name.split`), as split_method tells of its symbol."""
    return _SPLIT_METHOD.fullmatch(path) is not None


def pieces_of_argument(method: Sym, separator: str | None) -> Sym:
    """`name.split("-")` of an argument nothing supplies: an argument of its own, whose items
    (`name.split('-')[2]`, part_of_argument) are symbols too, named after the call."""
    return Sym(f"{method.base}({separator!r})" if separator is not None else f"{method.base}()")


def piece_of_a_string(value: object) -> bool:
    """An item of pieces_of_argument: a string, so int() of it is a whole number (int(piece)
    keeps the symbol), while the piece itself is no number at all."""
    return isinstance(value, Sym) and not value.opaque and isinstance(value.base, str) \
        and _SPLIT_PIECE.fullmatch(value.base) is not None


def logarithm_symbol(argument: str, base: int) -> Sym:
    """floor(log_base(argument)) of a constructor argument nothing supplies, as a count of its own
    (`int(math.log(scale, 2))`): any whole number >= 0, as the argument is any >= 1. Named
    `log2(scale)`, so that the count tried for it gives the argument a value (logarithm_of)."""
    return Sym(f"log{base}({argument})")


def logarithm_of(symbol: str) -> tuple[str, int] | None:
    """(argument, base) of a symbol logarithm_symbol made, else None."""
    match = _LOGARITHM.fullmatch(symbol)
    return (match[2], int(match[1])) if match else None


def length_symbol(argument: str) -> Sym:
    """The number of items of a constructor argument nothing supplies that a loop iterates (`for s
    in setting`), as a count of its own: the model is built again with the argument a list of that
    many items, each its own symbol (`setting[0]`). Named `len(setting)` (length_of)."""
    return Sym(f"len({argument})")


def length_of(symbol: str) -> str | None:
    """The argument of a symbol length_symbol made, else None."""
    match = _LENGTH.fullmatch(symbol)
    return match[1] if match else None


def taken_from_an_argument(value: object) -> bool:
    """A symbol of an attribute or item of an argument not given (`args.scale`): a whole number
    where one is used as a width, but it may as well be a list, a float, a string."""
    return isinstance(value, Sym) and isinstance(symbol_of(value), str) and any(c in symbol_of(value) for c in ".[")


def of_input(dim: Dim) -> bool:
    """A symbolic size of the model's input (`H/4`), not of a constructor argument nor opaque."""
    return symbol_of(dim) in INPUT_SYMBOLS


def is_width(dim: Dim) -> bool:
    """A width known as a function of one constructor argument (`ndf*2`, `ndf//2`): what a
    layer keeps instead of an unknown, so that a mismatch for every value can be proved."""
    symbol = symbol_of(dim)
    return symbol is not None and symbol not in INPUT_SYMBOLS and is_monotone(dim)


def is_width_sum(dim: Dim) -> bool:
    """A width, or an exact sum of widths of one constructor argument (`out_ch/2+out_ch`, the
    channels of a cat): a count proved against another for every value of the argument."""
    if is_width(dim):
        return True
    return sum_of_terms(dim) and _symbol(dim) not in INPUT_SYMBOLS and is_monotone(dim) or arguments_sum(dim)


def arguments_sum(dim: Dim) -> bool:
    """An exact sum of widths of several constructor arguments (`G0 + C*G`, the channels a dense
    block's concat gives): each term a width of one argument, the arguments taken independently."""
    return isinstance(dim, Sym) and dim.opaque and bool(dim.terms) and _symbol(dim) is None \
        and all(is_known(t) or signed_width(t) for t in dim.terms)


def product_of_widths(dim: Dim) -> bool:
    """An exact product of widths of constructor arguments (`16*nf*s0*s0`, s0 = size // 32): what a
    Linear gives a view that unflattens it, factor by factor; compared to a count, never decided."""
    return isinstance(dim, Sym) and dim.opaque and not dim.offset and len(dim.factors) > 1 \
        and all(is_known(f) and f >= 1 or is_width(f) for f in dim.factors)


def signed_width(dim: Dim) -> bool:
    """A width of one argument, or one taken away (`-dv` of `out_channels - dv`): a term of an
    exact sum of widths of several arguments."""
    return is_width(dim) or isinstance(dim, Sym) and not dim.opaque and dim.divisor == 1 and dim.scale < 0 \
        and is_width(Sym(dim.base, -dim.scale, -dim.offset))


def nonnegative_width(dim: Dim) -> bool:
    """A width of constructor arguments that is >= 0 for every value of them: a sum of positive
    multiples of arguments (and floors of them) plus a constant >= 0."""
    form = linear_form(dim) if isinstance(dim, Sym) else None
    return form is not None and bool(form[0]) and form[1] >= 0 and all(
        c > 0 and _atom_symbol(atom) not in (None, *INPUT_SYMBOLS) for atom, c in form[0].items())


def truncated_multiple(factor: float, width: Sym) -> Sym:
    """int(factor * width) of a float that is no small dyadic ratio (`int(0.2 * planes)`), factor > 0
    and width >= 0 (nonnegative_width): not floor(p/q * width) of the float's exact ratio, as the
    product rounds (int(0.29 * 100) is 28), so a width of its own, any whole number >= 0, named after
    the float and the width, so that the same truncation made twice is one width and cancels
    (`planes - int(0.2*planes) + int(0.2*planes)` is planes). Taken as independent of the
    arguments it is made of: more values than the model reaches, so a mismatch proved still holds."""
    return Sym(f"int({factor!r}*{width.atom})")


def linear_form(dim: Dim) -> tuple[dict, int] | None:
    """dim as a sum of whole multiples of atoms plus a constant: {atom: coefficient}, constant. An
    atom is an argument's symbol or a floor nest of one whose offset lies below its divisor
    (`2*((c+1)/2) - 2` and `2*((c-1)/2)` give one atom), so that equal widths written two ways
    cancel. None for anything but ints, widths of arguments and exact sums of them."""
    if is_known(dim):
        return {}, dim
    if not isinstance(dim, Sym) or isinstance(dim, Sym) and dim.opaque and not dim.terms:
        return None
    if dim.opaque:
        atoms: dict = {}
        constant = dim.offset
        for term in dim.terms:
            found = _term_form(term)
            if found is None:
                return None
            for atom, coefficient in found[0].items():
                atoms[atom] = atoms.get(atom, 0) + coefficient
            constant += found[1]
        return {atom: c for atom, c in atoms.items() if c}, constant
    if not is_width(dim):
        return None
    atom, scale, offset = _affine(dim)
    return ({atom: scale} if scale else {}), offset


def _term_form(term: Dim) -> tuple[dict, int] | None:
    """linear_form of a summand of an exact sum, which may be a width taken away (signed_width)."""
    if is_known(term) or is_width(term) or not signed_width(term):
        return linear_form(term)
    form = linear_form(Sym(term.base, -term.scale, -term.offset))
    return None if form is None else ({atom: -c for atom, c in form[0].items()}, -form[1])


def _affine(dim: Sym) -> tuple:
    """dim as scale*atom + offset (see linear_form)."""
    if dim.divisor > 1:
        whole, rest = divmod(dim.offset, dim.divisor)
        return Sym(dim.base, dim.scale, rest, dim.divisor), 1, whole
    if isinstance(dim.base, str):
        return dim.base, dim.scale, dim.offset
    atom, scale, offset = _affine(dim.base)
    return atom, scale * dim.scale, offset * dim.scale + dim.offset


def _atom_symbol(atom) -> str | None:
    return atom if isinstance(atom, str) else symbol_of(atom)


def _arguments_can_equal(a: Dim, b: Dim, floors: Mapping[str, int]) -> bool:
    """can_equal of widths of several constructor arguments, each argument any whole number from
    its floor up, independently of the others (a product or quotient of arguments is an argument
    of its own: more values than the model may reach, so a "never" still holds). a - b is a sum
    over the arguments of one function of each: never 0 where every such function only rises and
    their least values already exceed 0 (or all fall and stay below), or where every one is a
    whole multiple of the argument and the constant is no multiple of their common divisor."""
    forms = linear_form(a), linear_form(b)
    if None in forms:
        return True
    difference = dict(forms[0][0])
    for atom, coefficient in forms[1][0].items():
        difference[atom] = difference.get(atom, 0) - coefficient
    constant = forms[0][1] - forms[1][1]
    by_symbol: dict[str, dict] = {}
    for atom, coefficient in difference.items():
        symbol = _atom_symbol(atom)
        if symbol is None or symbol in INPUT_SYMBOLS:
            return True
        if coefficient:
            by_symbol.setdefault(symbol, {})[atom] = coefficient
    if not by_symbol:
        return constant == 0
    coefficients = [c for atoms in by_symbol.values() for c in atoms.values()]
    if all(isinstance(atom, str) for atoms in by_symbol.values() for atom in atoms):
        divisor = 0
        for coefficient in coefficients:
            divisor = gcd(divisor, coefficient)
        if constant % divisor:
            return False
    for way in (1, -1):  # every part rises (or every part falls): its value at the floors bounds it
        if all(c * way > 0 for c in coefficients):
            least = constant + sum(c * evaluate(atom if not isinstance(atom, str) else Sym(atom),
                                                (floors or {}).get(symbol, 0))
                                   for symbol, atoms in by_symbol.items() for atom, c in atoms.items())
            if least * way > 0:
                return False
    return True


def cancel_width(factors: tuple[Dim, ...], width: Dim, floors: Mapping[str, int] | None = None) \
        -> tuple[tuple[Dim, ...], int, object] | None:
    """A product of dims against a width of a constructor argument (`64*wf x h x w` features
    against `32*wf`): where the width is a*u for one atom u (an argument, or a floor of one) that
    is >= 1 from its floor up, and one factor is s*u, the product equals the width exactly where
    s times the other factors equals a (u cancels). Returns (those factors with s in the place
    of s*u, a, u), or None where no factor is such a multiple of the width's atom."""
    form = linear_form(width)
    if form is None or form[1] or len(form[0]) != 1:
        return None
    (atom, times), = form[0].items()
    least = (floors or {}).get(_atom_symbol(atom), 0)
    if times <= 0 or (least if isinstance(atom, str) else evaluate(atom, least)) < 1:
        return None  # a*u may be 0 where the product is too (Linear(0, n) runs)
    for index, factor in enumerate(factors):
        if not isinstance(factor, Sym) or not is_width_sum(factor):
            continue
        found = linear_form(factor)
        if found is not None and not found[1] and set(found[0]) == {atom} and found[0][atom] > 0:
            return (*factors[:index], found[0][atom], *factors[index + 1:]), times, atom
    return None


def common_factor(dim: Sym) -> int:
    """A whole number that divides an exact sum at every value of its symbol: a term
    scale*x + offset with no floor outside is a multiple of gcd(scale, offset), a floor only of 1
    (`128*((L+48)/200)-384 + 128*((L+4)/48)-384` is a multiple of 128)."""
    common = abs(dim.offset)
    for term in dim.terms:
        common = gcd(common, term if is_known(term) else gcd(term.scale, term.offset) if term.divisor == 1 else 1)
    return common


def least_arguments(counts) -> dict[str, int]:
    """The least value of each constructor argument in a model that runs, from the widths that
    must be >= 1 there (the out_channels of a conv that surely runs: torch refuses a conv with
    none at forward): `out_ch // 2` raises out_ch's least value to 2."""
    floors: dict[str, int] = {}
    for count in counts:
        if is_width(count) and (least := lowest_valid(count)) is not None:
            symbol = symbol_of(count)
            floors[symbol] = max(floors.get(symbol, 0), least)
    return floors


def evaluate(dim: Dim, value: int) -> int | None:
    """The dim's size when its symbol is `value` (ints are themselves)."""
    if is_known(dim):
        return dim
    if isinstance(dim, Sym) and dim.terms:  # a sum of one symbol (one of several has no one value)
        return sum(evaluate(term, value) for term in dim.terms) + dim.offset if _symbol(dim) is not None else None
    if not isinstance(dim, Sym) or dim.opaque:
        return None
    base = value if isinstance(dim.base, str) else evaluate(dim.base, value)
    if base is None:
        return None
    return (dim.scale * base + dim.offset) // dim.divisor


def _levels(dim: Sym) -> list[Sym]:
    out = []
    while isinstance(dim, Sym):
        out.append(dim)
        dim = dim.base
    return out


def spatial_count(factors: tuple[Dim, ...] | None) -> bool:
    """Factors of a flattened count that vary only with the input's spatial sides."""
    symbols = {symbol_of(f) for f in factors or () if not is_known(f)}
    return bool(symbols) and symbols <= SPATIAL


def is_monotone(dim: Dim) -> bool:
    """Non-decreasing in its symbol: every level has a positive scale (a sum: every term's)."""
    if sum_of_terms(dim):
        return all(is_monotone(term) for term in dim.terms)
    return is_known(dim) or (symbol_of(dim) is not None and all(level.scale > 0 for level in _levels(dim)))


def period(dim: Dim) -> int:
    if sum_of_terms(dim):
        return lcm(*(period(term) for term in dim.terms))
    return 1 if is_known(dim) else prod(level.divisor for level in _levels(dim))


def slope(dim: Dim) -> Fraction:
    if is_known(dim):
        return Fraction(0)
    if sum_of_terms(dim):
        return sum((slope(term) for term in dim.terms), start=Fraction(0))
    return prod((Fraction(level.scale, level.divisor) for level in _levels(dim)), start=Fraction(1))


MAX_COVER_PERIOD = 1 << 12  # sizes at_least evaluates: one period of the difference


def at_least(a: Dim, b: Dim) -> bool:
    """Whether a >= b >= 0 for every value of their one symbol (a side padded up to a multiple of
    b, `2*((8*((H+7)/8)+1)/2)` of H): of equal slopes, a - b repeats with the period of both, so one
    period decides it; b, non-decreasing and >= 0 at 1, is never a negative slice stop. False
    where that is not proved."""
    symbol = symbol_of(a)
    if symbol is None or symbol != symbol_of(b) or not is_monotone(b) or slope(a) != slope(b):
        return False
    whole = lcm(period(a), period(b))
    if whole > MAX_COVER_PERIOD or evaluate(b, 1) is None or evaluate(b, 1) < 0:
        return False
    return all(evaluate(a, h) >= evaluate(b, h) for h in range(1, whole + 1))


def lowest_valid(dim: Dim) -> int | None:
    """The smallest symbol value at which a monotone dim is >= 1. Only the dim itself is
    asked: its inner levels are normal forms (whole parts moved out of the floors), not the
    sizes of earlier layers, so requiring them >= 1 could drop sizes that run."""
    if is_known(dim):
        return 1 if dim >= 1 else None
    if not is_monotone(dim):
        return None
    # an input's side is >= 1; a constructor argument may be 0 where the width it makes is not (64 + extra)
    least = 1 if _symbol(dim) in INPUT_SYMBOLS else 0
    return _first_true(lambda value: evaluate(dim, value) >= 1, least)


def least_value(dim: Dim) -> int | None:
    """A bound no value of the dim goes below, clipped at 0 (a size torch takes is never
    negative): an int itself, a monotone dim its value at the least value of its symbol (an
    input's side 1, an argument 0), a product of such dims the product of theirs; None else."""
    if is_known(dim):
        return max(dim, 0)
    if isinstance(dim, Sym) and dim.opaque and dim.factors and not dim.offset:
        bounds = [least_value(f) for f in dim.factors]
        return None if None in bounds else prod(bounds)
    if not is_monotone(dim):
        return None
    value = evaluate(dim, 1 if _symbol(dim) in INPUT_SYMBOLS else 0)
    return None if value is None else max(value, 0)


def _first_true(predicate, start: int) -> int | None:
    """The least value >= start where a predicate that stays true once true holds."""
    high = start
    while not predicate(high):
        high = start + 2 * (high - start) + 1
        if high > 1 << 62:
            return None
    low = start
    while low < high:
        middle = (low + high) // 2
        if predicate(middle):
            high = middle
        else:
            low = middle + 1
    return low


def constant_gap(a: Dim, b: Dim) -> int | None:
    """a - b where it is the same number at every input size (64 and 63; L-2 and L-1), else None."""
    if is_known(a) and is_known(b):
        return a - b
    if isinstance(a, Sym) and isinstance(b, Sym) and not a.opaque and not b.opaque and a.divisor == b.divisor == 1 \
            and a.base == b.base and a.scale == b.scale:
        return a.offset - b.offset
    return None


MAX_MEMO = 1 << 15  # answers kept: a model's adds ask the same of the same dims at each block, each trial, each rerun
_MEMO: dict = {}


def _memo_key(dim: Dim):
    """A dim as a key that tells apart what its equality does not (an opaque sum's terms), or None
    for a dim not kept (an Unknown: all compare equal)."""
    if type(dim) is int:
        return dim
    if not isinstance(dim, Sym):
        return None
    inner = tuple(_memo_key(part) for part in (dim.base, *dim.terms, *dim.factors) if not isinstance(part, str))
    return None if None in inner else (dim, len(dim.terms), inner)


def _memoised(function, a: Dim, b: Dim, extra):
    """function(a, b, extra), each answer kept: the searches over one period of two floor nests
    (hundreds of evaluations each) are pure, and the deep nests of a recursive model are met
    again at every block and in every count and size its error search tries."""
    key_a, key_b = _memo_key(a), _memo_key(b)
    if key_a is None or key_b is None:
        return function(a, b, extra)
    key = (function, key_a, key_b, extra, MAX_PERIOD, MAX_STEPS, MAX_PINNED, MAX_PINNED_SIDE, MAX_PINNED_MAP)
    found = _MEMO.get(key, _MEMO)
    if found is _MEMO:
        if len(_MEMO) >= MAX_MEMO:
            _MEMO.clear()
        found = _MEMO[key] = function(a, b, extra)
    return found


def broadcast_result(a: Dim, b: Dim) -> Dim | None:
    """What two dims of one input side broadcast to, as one of them, wherever the op runs (a
    decoder's 2*((H+31)/32)-1 added to the skip's (H+15)/16): torch gives either where they are
    equal, and the other where one is 1. Each, non-decreasing, is 1 on a run of the least sizes;
    the one that leaves 1 first is the result at every size (where it is 1 the other is too).
    None for anything else."""
    if is_known(a) or is_known(b) or a == b:
        return None
    return _memoised(_broadcast_result, a, b, None)


def _broadcast_result(a: Dim, b: Dim, _: None) -> Dim | None:
    symbols = {_symbol(d) for d in (a, b)}
    if len(symbols) != 1 or not symbols <= SPATIAL or not (is_monotone(a) and is_monotone(b)) \
            or slope(a) == 0 or slope(b) == 0:
        return None
    start = max(_valid_from(a), _valid_from(b))
    past = [_first_true(lambda value, dim=dim: evaluate(dim, value) >= 2, start) for dim in (a, b)]
    if None in past:
        return None
    return a if past[0] <= past[1] else b


def can_equal(a: Dim, b: Dim, floors: Mapping[str, int] | None = None) -> bool:
    """False only when no input size makes the two dims equal (both on one symbol, or one an int).
    `floors`: the least value of a symbol in a model that runs (see least_arguments)."""
    if is_known(a) and is_known(b):
        return a == b
    if a is b or a == b:
        return True  # one dim (a width beside itself, at every add of a residual): no search
    return _memoised(_can_equal, a, b, tuple(sorted(floors.items())) if floors else ())


def _can_equal(a: Dim, b: Dim, floors: tuple) -> bool:
    floors = dict(floors)
    symbols = {_symbol(d) for d in (a, b) if not is_known(d)}
    if None in symbols or len(symbols) != 1:
        # opaque, unknown, or two independent symbols: decided only for widths of arguments
        return _arguments_can_equal(a, b, floors or {})
    if not (is_monotone(a) and is_monotone(b)):
        return True
    start = max(_valid_from(a), _valid_from(b), (floors or {}).get(symbols.pop(), 0))
    step = period(a) * period(b)
    if step > MAX_PERIOD:
        return True
    gap = slope(a) - slope(b)
    if gap == 0:  # the difference repeats every `step` sizes: one period decides
        return any(evaluate(a, h) == evaluate(b, h) for h in range(start, start + step))
    # a - b = gap*h + (a bounded term): beyond a bound it never returns to 0
    spread = max(abs(evaluate(a, h) - evaluate(b, h) - gap * h) for h in range(start, start + step)) + 1
    end = start + step + int(spread / abs(gap)) + 1
    if end - start > MAX_STEPS:
        return True
    return any(evaluate(a, h) == evaluate(b, h) for h in range(start, end))


def argument_values_at(dim: Dim, wanted: int) -> tuple[int, int] | None:
    """The values (lowest, highest) of a constructor argument at which a width made of it
    (`ndf*2`, `in_dim`) equals `wanted`: one run, the width being non-decreasing. An empty run
    is (1, 0); None when the dim is no such width or the question is not decided."""
    if not is_width(dim):
        return None
    start = lowest_valid(dim)
    if start is None:
        return None
    low = _first_true(lambda value: evaluate(dim, value) >= wanted, start)
    if low is None:
        return None
    if evaluate(dim, low) != wanted:
        return (1, 0)
    above = _first_true(lambda value: evaluate(dim, value) > wanted, low)
    return None if above is None else (low, above - 1)


MAX_PINNED = 8  # more sizes than this at which an operation can run: not pinned, never rerun
MAX_PINNED_SIDE = 16  # ... unless each is at most this: an input no larger along that side is of no real use
MAX_PINNED_MAP = 4  # ... or the maps joined are at most this there: of no real use, however deep the stem


def _few_enough(sizes: set[int], tiny_maps: bool = False) -> bool:
    """Whether the sizes at which an operation can run are few enough to pin it: at most
    MAX_PINNED, or all at most MAX_PINNED_SIDE (a doubly strided block after a stride-4 stem,
    (H+15)/16 against (H+7)/8, broadcasts at every H up to 16: one run of sizes of no use), or
    the maps it joins at each are at most MAX_PINNED_MAP (the same block after a /16 stem meets
    at every H up to 32, maps of 2 and 1: the input's size says nothing, the map's does)."""
    return len(sizes) <= MAX_PINNED or max(sizes) <= MAX_PINNED_SIDE or tiny_maps


def broadcast_sizes(a: Dim, b: Dim, broadcast: bool = True) -> frozenset[int] | None:
    """The symbol values at which two dims match or one of them is 1, when they are few (at most
    MAX_PINNED, or none above MAX_PINNED_SIDE): a stride-2 path added to an unstrided one, (H+1)/2
    and H, meet at H = 1 and 2 only. Where they meet at no size both are >= 1 (H against 4*(H/2)), the input sizes below
    that where they do (H = 1): a rerun there shows whether an earlier layer stops first. None
    when there are more, infinitely many, or it is not decided. Without `broadcast`
    (torch.cat's dims off the joined one) only equal sizes count."""
    if broadcast and ((is_known(a) and a == 1) or (is_known(b) and b == 1)):
        return None  # a dim of 1 broadcasts against every size
    if a is b or (not is_known(a) and a == b):
        return None  # one dim: they meet at every size
    return _memoised(_broadcast_sizes, a, b, broadcast)


def _broadcast_sizes(a: Dim, b: Dim, broadcast: bool) -> frozenset[int] | None:
    symbols = {_symbol(d) for d in (a, b) if not is_known(d)}
    if None in symbols or len(symbols) != 1 or not (is_monotone(a) and is_monotone(b)):
        return None
    if any(not is_known(d) and slope(d) == 0 for d in (a, b)):
        return None  # a dim that may stay 1: they may meet forever
    start = max(_valid_from(a), _valid_from(b))
    step = period(a) * period(b)
    if step > MAX_PERIOD:
        return None
    gap = slope(a) - slope(b)
    if gap == 0:  # a - b repeats every `step` sizes: equal once, equal forever
        if any(evaluate(a, h) == evaluate(b, h) for h in range(start, start + step)):
            return None
        end = start + step
    else:
        spread = max(abs(evaluate(a, h) - evaluate(b, h) - gap * h) for h in range(start, start + step)) + 1
        end = start + step + int(spread / abs(gap)) + 1  # past it, a - b never returns to 0
    for dim in (a, b):  # and each symbolic dim is past 1 (monotone with a positive slope)
        if not is_known(dim):
            past_one = _first_true(lambda value, dim=dim: evaluate(dim, value) >= 2, start)
            if past_one is None:
                return None
            end = max(end, past_one + 1)
    if end - start > MAX_STEPS:
        return None
    sizes, tiny_maps = set(), True
    for h in range(start, end):
        x, y = evaluate(a, h), evaluate(b, h)
        if x == y or broadcast and (x == 1 or y == 1):
            sizes.add(h)
            tiny_maps = tiny_maps and max(x, y) <= MAX_PINNED_MAP
            if not _few_enough(sizes, tiny_maps):
                return None
    if not sizes and symbols <= INPUT_SYMBOLS:
        # they meet at no size where both are >= 1 (H against 4*(H/2)): only at the input sides
        # below it, where an earlier layer may stop (a pool of 2 on H = 1), which a rerun shows
        sizes = {h for h in range(1, start) if (x := evaluate(a, h)) == (y := evaluate(b, h))
                 or broadcast and (x == 1 or y == 1)}
        tiny_maps = all(max(evaluate(a, h), evaluate(b, h)) <= MAX_PINNED_MAP for h in sizes)
        if sizes and not _few_enough(sizes, tiny_maps):
            return None
    return frozenset(sizes)


# The sides inputs of real use commonly have: a join that runs at none of them runs only at
# sizes a user seldom feeds (2*(H/2)+1 against H: odd H only). Images; clips' frames; signals.
SIZES_OF_USE = {
    "H": (32, 64, 128, 224, 256, 512, 28, 96),  # (the first that applies is the one a message shows)
    "D": (16, 32, 64, 128, 8, 96),
    "L": (32, 64, 128, 256, 512, 1024, 2048, 4096, 8000, 16000, 22050, 44100, 48000),
}
SIZES_OF_USE["W"] = SIZES_OF_USE["H"]
MAX_RARE_PERIOD = 1 << 12  # a longer period of the difference: not decided
GRAYSCALE_ONLY = frozenset({28})  # MNIST and its kin: a side of use of one-channel images only


def sizes_of_use(symbol: str, channels: int | None = None) -> tuple[int, ...]:
    """SIZES_OF_USE of a side, for an input of `channels` channels (None: not known): 28 is the
    side of MNIST-like digits, grey; a colour or multi-band model that runs at 28 but at no power
    of two (a U-Net of three pools whose deepest up-conv gives 2*(H/8)+1 against H/4) is made for
    none of them, while a one-channel one may be made for 28 alone (a score network's 28 -> 26 ->
    12 -> 5 -> 2 and back)."""
    sizes = SIZES_OF_USE.get(symbol, ())
    if symbol in "HW" and channels is not None and channels != 1:
        sizes = tuple(size for size in sizes if size not in GRAYSCALE_ONLY)
    return sizes


def rare_sizes(a: Dim, b: Dim, broadcast: bool = True,
               sizes: tuple[int, ...] | None = None) -> tuple[int, frozenset[int], int] | None:
    """(period p, residues, a size of use) where two dims of one input side are equal for
    infinitely many sizes (their slopes equal, a - b repeats), but at none of the side's sizes
    of use (`sizes`, else SIZES_OF_USE): they are equal exactly where the side mod p is one of the residues
    (2*(H/2)+1 against H: p = 2, {1}, odd H), and differ at the size of use returned. None
    where they are equal at a size of use, at every size, at none, or it is not decided."""
    if broadcast and ((is_known(a) and a == 1) or (is_known(b) and b == 1)):
        return None
    symbols = {_symbol(d) for d in (a, b) if not is_known(d)}
    if None in symbols or len(symbols) != 1 or not (is_monotone(a) and is_monotone(b)):
        return None
    symbol = symbols.pop()
    if symbol not in SIZES_OF_USE or slope(a) != slope(b) or slope(a) == 0:
        return None
    step = lcm(period(a), period(b))
    start = max(_valid_from(a), _valid_from(b))
    if step > MAX_RARE_PERIOD:
        return None
    usable = [size for size in (SIZES_OF_USE[symbol] if sizes is None else sizes) if size >= start]
    if not usable:
        return None  # the side must be larger than any size of use: nothing to compare with
    for size in usable:
        x, y = evaluate(a, size), evaluate(b, size)
        if x is None or y is None or x == y or broadcast and (x == 1 or y == 1):
            return None
    # a - b repeats every `step` sizes: one period gives where they are equal
    equal = frozenset(h % step for h in range(start, start + step) if evaluate(a, h) == evaluate(b, h))
    if not equal:
        return None
    return (*shortest_period(step, equal), usable[0])


def shortest_period(step: int, residues: frozenset[int]) -> tuple[int, frozenset[int]]:
    """The same set of sizes, h mod step in residues, by its shortest period: (4, {1, 3}) is (2, {1})."""
    shortest = next(p for p in range(1, step + 1) if step % p == 0
                    and all((r + p) % step in residues for r in residues))
    return shortest, frozenset(r % shortest for r in residues)


def periodic_pair(a: Dim, b: Dim) -> bool:
    """Two dims of one input side (`H`) whose difference repeats (equal slopes, each
    non-decreasing) with a period short enough to decide: equal_together can take them."""
    symbols = {_symbol(d) for d in (a, b) if not is_known(d)}
    if None in symbols or len(symbols) != 1 or symbols.pop() not in SPATIAL or not (is_monotone(a) and is_monotone(b)):
        return False
    return slope(a) == slope(b) != 0 and lcm(period(a), period(b)) <= MAX_RARE_PERIOD


def equal_together(pairs: list[tuple[Dim, Dim, bool]], start: int = 1) \
        -> tuple[int, list[frozenset[int]], list[frozenset[int]]] | None:
    """Where the joins of a model, in the order they run, pass together: each pair (a, b, broadcast)
    the sides of one join along one input side (periodic_pair each, all of one side), `broadcast`
    for + and * (a side of 1 passes too). (p, sets, early): past the sizes where a side of + is 1,
    the sizes that pass the first k+1 joins are those whose remainder by p is in sets[k]; early[k]
    the sizes before that, from `start` (no layer of the model runs below it), that pass them.
    None when p is too long. Each pair's difference repeats with its own period, so their lcm
    decides them all. A later pair is taken as its dims were computed, from what an earlier join
    gave (the first operand of a cat; of an add, the side torch gives wherever it runs:
    broadcast_result), which is exact at the sizes where that earlier join passes, the only ones
    that get there."""
    if not pairs:
        return None
    start = max(start, *(_valid_from(d) for a, b, _ in pairs for d in (a, b)))
    step = lcm(*(lcm(period(a), period(b)) for a, b, _ in pairs))
    # the sizes where a side of + or * is 1 (non-decreasing sides: a run from `start`)
    past = [_first_true(lambda h, a=a, b=b: min(evaluate(a, h), evaluate(b, h)) >= 2, start)
            for a, b, broadcast in pairs if broadcast]
    if None in past:
        return None
    ones = max([start, *past])
    if (ones - start + step) * len(pairs) > MAX_STEPS:
        return None
    early, alive, sets, earlies = list(range(start, ones)), list(range(ones, ones + step)), [], []
    for a, b, broadcast in pairs:
        early = [h for h in early if (x := evaluate(a, h)) == (y := evaluate(b, h)) or broadcast and 1 in (x, y)]
        alive = [h for h in alive if evaluate(a, h) == evaluate(b, h)]
        sets.append(frozenset(h % step for h in alive))
        earlies.append(frozenset(early))
    return step, sets, earlies


def _valid_from(dim: Dim) -> int:
    """The least symbol value to try for this dim (an int says nothing of the symbol)."""
    if is_known(dim):
        return 0
    found = lowest_valid(dim)
    return found if found is not None else 1 if _symbol(dim) in INPUT_SYMBOLS else 0


def values_up_to(dim: Dim, bound: int) -> set[int] | None:
    """Every size a monotone dim takes that is <= bound (its symbol >= 1, every level >= 1)."""
    if is_known(dim):
        return {dim} if dim <= bound else set()
    start = lowest_valid(dim)
    if start is None:
        return None
    found: set[int] = set()
    h = start
    steps = 0
    while True:
        value = evaluate(dim, h)
        if value > bound:
            return found
        found.add(value)
        # jump to the first size with a larger value
        h = _first_true(lambda x, v=value: evaluate(dim, x) > v, h)
        if h is None:
            return None
        steps += 1
        if steps > MAX_STEPS:
            return None


def product_can_equal(factors: tuple[Dim, ...], wanted: int) -> bool:
    """False only when no input size makes the product of the factors equal `wanted`.

    Factors on one symbol move together; factors on different symbols move independently."""
    fixed = 1
    by_symbol: dict[str, list[Dim]] = {}
    for factor in factors:
        if is_known(factor):
            fixed *= factor
            continue
        symbol = _symbol(factor)
        if symbol is None or not is_monotone(factor):
            return True
        by_symbol.setdefault(symbol, []).append(factor)
    if fixed <= 0 or wanted <= 0:
        return True
    if wanted % fixed:
        return False
    rest = wanted // fixed
    if not by_symbol:
        return rest == 1
    reachable: list[set[int]] = []
    for group in by_symbol.values():
        values = _group_values_dividing(group, rest)
        if values is None:
            return True
        reachable.append(values)
    return _splits(rest, reachable)


def products_can_equal(left: tuple[Dim, ...], right: tuple[Dim, ...]) -> bool:
    """False only when no input size makes the two products equal (`decode(z).view(x.size())`
    where the decoder gives 16*(H/16)-64 for the input's H): for each symbol the one factor on
    each side stays on one side of the other at every size, all of them the same way, and one
    of them, or the constants, never meets the other. Several factors on one symbol: not decided."""
    fixed = [prod(f for f in side if is_known(f)) for side in (left, right)]
    if min(fixed) <= 0:
        return True
    groups: dict[str, list[list[Dim]]] = {}
    for index, side in enumerate((left, right)):
        for factor in side:
            if is_known(factor):
                continue
            symbol = _symbol(factor)
            if symbol is None or not is_monotone(factor):
                return True
            groups.setdefault(symbol, [[], []])[index].append(factor)
    orders = [{(fixed[0] > fixed[1]) - (fixed[0] < fixed[1])}]
    for a, b in groups.values():
        if len(a) > 1 or len(b) > 1:
            return True
        found = _order(a[0] if a else 1, b[0] if b else 1)
        if found is None:
            return True
        orders.append(found)
    for way in (-1, 1):  # the left product below the right at every size, or above it
        if all(order <= {0, way} for order in orders) and any(order == {way} for order in orders):
            return False
    return True


def _order(a: Dim, b: Dim) -> set[int] | None:
    """The signs a - b takes over every size where both dims are >= 1 (-1, 0, 1), or None when
    not decided; like can_equal, one period decides equal slopes, a bound unequal ones."""
    if is_known(a) and is_known(b):
        return {(a > b) - (a < b)}
    start = max(_valid_from(a), _valid_from(b))
    step = period(a) * period(b)
    if step > MAX_PERIOD:
        return None
    gap = slope(a) - slope(b)
    end = start + step
    if gap != 0:  # past the bound a - b has the sign of the gap
        spread = max(abs(evaluate(a, h) - evaluate(b, h) - gap * h) for h in range(start, start + step)) + 1
        end = start + step + int(spread / abs(gap)) + 1
    if end - start > MAX_STEPS:
        return None
    signs = {(x > y) - (x < y) for h in range(start, end) for x, y in [(evaluate(a, h), evaluate(b, h))]}
    return signs | ({1 if gap > 0 else -1} if gap != 0 else set())


def _group_values_dividing(group: list[Dim], rest: int) -> set[int] | None:
    """The products a group of factors on one symbol takes that divide `rest`."""
    if len(group) == 1:
        values = values_up_to(group[0], rest)
        return None if values is None else {v for v in values if rest % v == 0}
    start = max(lowest_valid(d) or 1 for d in group)

    def value(h: int) -> int:
        return _product_at(group, h)

    found: set[int] = set()
    h, steps = start, 0
    while (current := value(h)) <= rest:  # a product of non-decreasing factors >= 1 is non-decreasing
        if rest % current == 0:
            found.add(current)
        h = _first_true(lambda x, v=current: value(x) > v, h)
        steps += 1
        if h is None or steps > MAX_STEPS:
            return None
    return found


def _splits(rest: int, reachable: list[set[int]]) -> bool:
    if not reachable:
        return rest == 1
    head, tail = reachable[0], reachable[1:]
    return any(rest % v == 0 and _splits(rest // v, tail) for v in head)


def square_sizes(factors: tuple[Dim, ...], wanted: int) -> tuple[int, int] | None:
    """The sizes s, from first to last, at which the product equals `wanted` when every
    symbol is s (a square input), or None. The product of non-decreasing factors >= 1 is
    non-decreasing, so those sizes are one run, found by bisection."""
    if any(not is_known(f) and not is_monotone(f) for f in factors):
        return None
    return _run_of(list(factors), wanted)


def side_ranges(factors: tuple[Dim, ...], wanted: int, limit: int = 3) -> list[dict[str, tuple[int, int]]]:
    """Input sides that make the product of the factors equal `wanted`, each symbol on its
    own (a non-square input): up to `limit` choices of {symbol: (first, last)}."""
    fixed = prod(f for f in factors if is_known(f))
    groups: dict[str, list[Dim]] = {}
    for factor in factors:
        if not is_known(factor):
            symbol = _symbol(factor)
            if symbol is None or not is_monotone(factor):
                return []
            groups.setdefault(symbol, []).append(factor)
    if fixed <= 0 or wanted % fixed or not groups:
        return []
    rest = wanted // fixed
    symbols = sorted(groups)
    reachable = [_group_values_dividing(groups[s], rest) for s in symbols]
    if any(r is None for r in reachable):
        return []
    out: list[dict[str, tuple[int, int]]] = []

    def choose(index: int, left: int, picked: dict[str, int]) -> None:
        if len(out) >= limit:
            return
        if index == len(symbols):
            if left == 1:
                spans = {s: _run_of(groups[s], v) for s, v in picked.items()}
                if all(span is not None for span in spans.values()):
                    out.append(spans)
            return
        for value in sorted(reachable[index]):
            if left % value == 0:
                choose(index + 1, left // value, {**picked, symbols[index]: value})

    choose(0, rest, {})
    return out


def _product_at(group: list[Dim], size: int) -> int:
    return prod(evaluate(d, size) for d in group)


def _run_of(group: list[Dim], value: int) -> tuple[int, int] | None:
    """The sizes at which a group of non-decreasing factors, their symbols all at one size,
    multiplies to `value`: one run, found by bisection."""
    start = max(lowest_valid(d) or 1 for d in group)

    def product_at(size: int) -> int:
        return _product_at(group, size)

    first = _first_true(lambda size: product_at(size) >= value, start)
    if first is None or product_at(first) != value:
        return None
    after = _first_true(lambda size: product_at(size) > value, first)
    return (first, after - 1) if after is not None else None


# a required constructor argument named as the input's side (`image_size`, `img_size`, `inp_h`): the
# sides of the input it is taken to be, so a window made of it is compared with the map it meets
_BOTH_SIDES = re.compile(r"^(img|image|input|inp|crop)_?(size|res|resolution|hw)$|^(img|image|resolution)$", re.I)
_HEIGHT = re.compile(r"^(img|image|input|inp|in)_?(h|height)$|^height$", re.I)
_WIDTH = re.compile(r"^(img|image|input|inp|in)_?(w|width)$|^width$", re.I)


def sides_named(argument: str) -> frozenset[str]:
    """The input symbols (H, W) a required argument's name says it is the size of, else none."""
    if _BOTH_SIDES.match(argument):
        return frozenset("HW")
    return frozenset("H") if _HEIGHT.match(argument) else frozenset("W") if _WIDTH.match(argument) else frozenset()


def rebased(dim: Sym, symbol: str) -> Sym:
    """The same floor nest over another symbol."""
    base = symbol if isinstance(dim.base, str) else rebased(dim.base, symbol)
    return Sym(base, dim.scale, dim.offset, dim.divisor)


def window_fits_somewhere(side: Dim, kernel: Dim, padding: int, dilation: int) -> bool:
    """False only when a conv's window made of an argument (`image_size // 32`) never fits the side
    of the map it meets, that side taken as a function of the same argument (the input's side is
    it): at no value where the side and the kernel are >= 1 (torch refuses a kernel of 0) does
    side + 2*padding reach dilation*(kernel-1)+1. Equal slopes: one period decides; a kernel that
    grows faster: a bound; a side that grows faster: it fits."""
    if not (isinstance(side, Sym) and isinstance(kernel, Sym)) or side.opaque or kernel.opaque:
        return True
    symbol, on = symbol_of(kernel), symbol_of(side)
    if symbol is None or on is None or not is_monotone(side) or not is_monotone(kernel):
        return True
    side = rebased(side, symbol)
    start = max(_valid_from(side), _valid_from(kernel), 1)
    step = period(side) * period(kernel)
    gap = slope(side) - dilation * slope(kernel)
    if gap > 0 or step > MAX_PERIOD:
        return True

    def fits(value: int) -> bool:
        a, k = evaluate(side, value), evaluate(kernel, value)
        return a >= 1 and k >= 1 and a + 2 * padding >= dilation * (k - 1) + 1

    end = start + step
    if gap < 0:  # slack = gap*v + (a part repeating every step): below 0 for good past a bound
        rest = max(evaluate(side, v) + 2 * padding - dilation * (evaluate(kernel, v) - 1) - 1 - gap * v
                   for v in range(start, start + step))
        end = max(end, int(rest / -gap) + 2)
    if end - start > MAX_STEPS:
        return True
    return any(fits(v) for v in range(start, end))


def never_below(value: Dim, bounds: tuple[Dim, ...], positive: frozenset[str] = frozenset()) -> bool:
    """Whether value >= bound for every bound and every value of the constructor arguments they
    are made of (`output_padding=stride`, `2 * stride` against stride and dilation 1): with both
    sides sums of whole multiples of arguments, value - bound has no negative coefficient and is
    >= 0 where each argument is at its least (those in `positive` 1, a stride torch takes; the
    rest 0). False where that is not proved (a floor, an input's side, an opaque term)."""
    form = linear_form(value)
    if form is None or not isinstance(value, (int, Sym)) or isinstance(value, bool):
        return False
    for bound in bounds:
        other = linear_form(bound)
        if other is None or isinstance(bound, bool):
            return False
        atoms = dict(form[0])
        for atom, coefficient in other[0].items():
            atoms[atom] = atoms.get(atom, 0) - coefficient
        if any(not isinstance(atom, str) or atom in INPUT_SYMBOLS for atom in atoms):
            return False
        if any(c < 0 for c in atoms.values()):
            return False
        least = form[1] - other[1] + sum(c for atom, c in atoms.items() if atom in positive)
        if least < 0:
            return False
    return True
