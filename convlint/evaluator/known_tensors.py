"""Small tensors of known values (torch.arange(16) * 27.89 + 48, torch.tensor([1, 3, 6])): the
arithmetic torch does on them, with its dtypes, its type promotion and float32 rounding after
each op. Pure Python; imports no pipeline stage, no libcst, no torch.

A float element is held as bounds (lo, hi) of the values torch may give: +, -, * and / are
correctly rounded in IEEE arithmetic, so their bounds are exact. log, exp, pow and sqrt come from
SLEEF or MKL (vectorised) or libm (a loop's tail), documented within 1 ulp: a float32 result is
bounded by the correctly rounded value and its neighbour on the true value's side. Only a true
value within 0.01 ulp of a float32 is taken as that float (pow(2.25, 2.0) = 5.0625 exactly):
these functions compute with more precision than float32 and round. Measured against torch
2.13 (AVX512, 4M samples each of log, log2, exp, pow): a result differed from the correctly
rounded one only when the true value lay within 0.09 ulp of a midpoint, far inside the bound.
float64 results of these are widened by two ulps instead. A
rounding (round, floor, .int()) whose bounds land on different integers is not known: the
element becomes None, and any number read from it Unknown. Whatever is not modelled here makes
the caller fall back to the tensor's shape alone (None returned)."""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from convlint.values import Unknown

MAX_ELEMENTS = 4096  # beyond this a tensor is an activation, not a table of sizes: shape only

ORDER = ("bool", "int32", "int64", "float32", "float64")  # promotion is the max in this order
CATEGORY = {"bool": 0, "int32": 1, "int64": 1, "float32": 2, "float64": 2}
DEFAULT_OF_CATEGORY = {0: "bool", 1: "int64", 2: "float32"}  # torch's default dtype: float32
INT_RANGE = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
DTYPE_NAMES = {
    "torch.bool": "bool", "torch.int32": "int32", "torch.int": "int32", "torch.int64": "int64",
    "torch.long": "int64", "torch.float32": "float32", "torch.float": "float32", "torch.float64": "float64",
    "torch.double": "float64",
}
UNIT_ROUNDOFF = {"float32": 2.0**-24, "float64": 2.0**-53}
F32_MAX = 3.4028234663852886e38
F32_TINY = 1.401298464324817e-45  # the smallest subnormal float32
SMALLEST_NORMAL = {"float32": 1.1754943508222875e-38, "float64": 2.2250738585072014e-308}
MIDPOINT_MARGIN = 0.49  # in ulps: a float32 log/exp/pow this close to a midpoint may round either way


@dataclass(eq=False, slots=True)
class KnownTensor:
    """A tensor whose every element is known (or bounded): shape, dtype, values row-major.

    Elements: an int (int dtypes), a bool, (lo, hi) float bounds (float dtypes), or None.
    An object, as a torch tensor is: every name bound to it sees an in-place change (`t += 1`,
    `t[0] = 5`, `t.add_(1)`, a function that may write it), which updates or spoils its values."""

    shape: tuple[int, ...]
    dtype: str
    values: tuple
    producer: str = "a tensor of known values"
    views: list | None = None  # the tensors sharing its storage (t[0], t.view(2, 2)), itself included
    # made in a block's constructor from its parameters: as Tensor.sizes_passed and Tensor.built_via
    sizes_passed: tuple = ()
    built_via: tuple = ()
    sizes_written: tuple = ()  # as Tensor.sizes_written
    made_by: object = None  # as Tensor.made_by

    @property
    def numel(self) -> int:
        return math.prod(self.shape)

    def view(self, shape: tuple[int, ...], values: tuple) -> "KnownTensor":
        """A tensor over the same storage: a write into either reaches the other."""
        if self.views is None:
            self.views = [self]
        made = KnownTensor(shape, self.dtype, values, self.producer, self.views)
        self.views.append(made)
        return made

    def spoil(self) -> None:
        """Changed in a way not followed: its elements, and its views', are no longer known."""
        for tensor in self.views or (self,):
            tensor.values = (None,) * len(tensor.values)

    def update(self, result: "KnownTensor | None", exact: bool) -> "KnownTensor":
        """`t += x` writes the result into t itself, in t's dtype and shape (torch refuses a
        result type t cannot hold); its views are spoiled. Not exact (a path that may not run):
        spoiled too."""
        values = result.values if exact and result is not None and result.dtype == self.dtype \
            and result.shape == self.shape else None
        self.spoil()
        if values is not None:
            self.values = values
        return self


# --------------------------------------------------------------------- float32 rounding
def f32(x: float) -> float | None:
    """x rounded to the nearest float32 (ties to even), None past float32's range or for NaN."""
    if math.isnan(x) or math.isinf(x):
        return None
    try:
        value = struct.unpack("<f", struct.pack("<f", x))[0]
    except OverflowError:
        return None
    return None if math.isinf(value) else value


def _step32(x: float, up: bool) -> float:
    if x == 0:
        return F32_TINY if up else -F32_TINY
    bits = struct.unpack("<I", struct.pack("<f", x))[0]
    bits += 1 if (x > 0) == up else -1
    return struct.unpack("<f", struct.pack("<I", bits & 0xFFFFFFFF))[0]


def _round_to(dtype: str, x: float) -> float | None:
    if dtype == "float32":
        return f32(x)
    return None if math.isnan(x) or math.isinf(x) else x


def _libm_bounds(dtype: str, low: float, high: float) -> tuple[float, float] | None:
    """Bounds of what torch's log/exp/pow give for true values in [low, high] (computed in
    float64): the correctly rounded float32, or its neighbour when near a midpoint."""
    if dtype != "float32":
        rounded = (_round_to(dtype, low), _round_to(dtype, high))
        return None if None in rounded else _widen(dtype, rounded)
    out = []
    for value, up in ((low, False), (high, True)):
        rounded = f32(value)
        if rounded is None:
            return None
        neighbour = _step32(rounded, up)
        if math.isinf(neighbour) or abs(neighbour) > F32_MAX:
            return None
        midpoint = (rounded + neighbour) / 2  # exact in float64
        if abs(midpoint - value) <= MIDPOINT_MARGIN * abs(neighbour - rounded):
            rounded = neighbour
        out.append(rounded)
    return out[0], out[1]


def _widen(dtype: str, bounds: tuple[float, float], ulps: int = 2) -> tuple[float, float] | None:
    lo, hi = bounds
    for _ in range(ulps):
        if dtype == "float32":
            lo, hi = _step32(lo, False), _step32(hi, True)
        else:
            lo, hi = math.nextafter(lo, -math.inf), math.nextafter(hi, math.inf)
    if math.isinf(lo) or math.isinf(hi) or abs(lo) > F32_MAX and dtype == "float32":
        return None
    return lo, hi


def _outward(dtype: str, lo: Fraction, hi: Fraction) -> tuple[float, float] | None:
    """The tightest float bounds of dtype around the exact rationals [lo, hi]."""
    try:
        low, high = _round_to(dtype, float(lo)), _round_to(dtype, float(hi))
    except OverflowError:
        return None
    if low is None or high is None:
        return None
    if Fraction(low) > lo:
        low = _step32(low, False) if dtype == "float32" else math.nextafter(low, -math.inf)
    if Fraction(high) < hi:
        high = _step32(high, True) if dtype == "float32" else math.nextafter(high, math.inf)
    return (low, high) if math.isfinite(low) and math.isfinite(high) else None


# --------------------------------------------------------------------- dtypes
def dtype_of(value: Any) -> str | None:
    """A dtype= argument (TorchRef of torch.float32 ...) as our name; None when not modelled."""
    qualified = getattr(value, "qualified", None)
    return DTYPE_NAMES.get(qualified) if isinstance(qualified, str) else None


def _scalar_category(value: Any) -> int | None:
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return 1
    if isinstance(value, float):
        return 2
    return None


def _promote(dtypes: list[str]) -> str | None:
    return max(dtypes, key=ORDER.index) if dtypes else None


def result_type(operands: list[Any]) -> str | None:
    """torch.result_type: tensors with dims first, then 0-dim tensors, then Python numbers,
    each kind counting only when it brings a higher category (c10 ResultTypeState)."""
    dimmed = [o.dtype for o in operands if isinstance(o, KnownTensor) and o.shape]
    zero = [o.dtype for o in operands if isinstance(o, KnownTensor) and not o.shape]
    scalars = [_scalar_category(o) for o in operands if not isinstance(o, KnownTensor)]
    if None in scalars:
        return None
    result = _promote(dimmed)
    for group in (_promote(zero), DEFAULT_OF_CATEGORY[max(scalars)] if scalars else None):
        if group is not None and (result is None or CATEGORY[group] > CATEGORY[result]):
            result = group
    return result


def _cast_element(value: Any, source: str, target: str) -> Any:
    """One element converted as torch's .to(dtype) converts it (None when not known)."""
    if value is None:
        return None
    if CATEGORY[target] == 2:
        if CATEGORY[source] == 2:
            if target == source or target == "float64":
                return value
            lo, hi = f32(value[0]), f32(value[1])
            return None if lo is None or hi is None else (lo, hi)
        number = float(int(value)) if abs(int(value)) <= 2**53 else None
        rounded = None if number is None else _round_to(target, number)
        return None if rounded is None else (rounded, rounded)
    if target == "bool":
        if CATEGORY[source] < 2:
            return bool(value)
        lo, hi = value
        if lo == hi == 0:
            return False
        return True if lo > 0 or hi < 0 else None
    if CATEGORY[source] == 2:  # float to int truncates toward zero; out of range is undefined in C
        lo, hi = math.trunc(value[0]), math.trunc(value[1])
        if lo != hi:
            return None
        value = lo
    value = int(value)
    low, high = INT_RANGE[target]
    return value if low <= value <= high else None


def cast(tensor: KnownTensor, dtype: str) -> KnownTensor:
    if dtype == tensor.dtype:
        return tensor
    return KnownTensor(tensor.shape, dtype, tuple(_cast_element(v, tensor.dtype, dtype) for v in tensor.values),
                       tensor.producer)


def _scalar_tensor(value: Any) -> KnownTensor | None:
    category = _scalar_category(value)
    if category is None:
        return None
    if category == 2:
        return KnownTensor((), "float64", ((value, value),))  # a Python float is a double
    return KnownTensor((), DEFAULT_OF_CATEGORY[category], (value,))


# --------------------------------------------------------------------- construction
def _nested(data: Any) -> tuple[tuple[int, ...], list] | None:
    """Shape and flat elements of nested lists/tuples of Python numbers (not ragged)."""
    if isinstance(data, KnownTensor):
        return None
    if not isinstance(data, (list, tuple)):
        return ((), [data]) if _scalar_category(data) is not None else None
    parts = [_nested(item) for item in data]
    if any(p is None for p in parts):
        return None
    shapes = {p[0] for p in parts}
    if len(shapes) > 1:
        return None  # ragged: torch refuses
    inner = shapes.pop() if shapes else ()
    return (len(data), *inner), [v for p in parts for v in p[1]]


def from_data(data: Any, dtype: str | None = None, producer: str = "torch.tensor") -> KnownTensor | None:
    """torch.tensor(data): bools give bool, ints int64, any float the default float32."""
    if isinstance(data, KnownTensor):  # torch.tensor(t) copies it
        made = cast(data, dtype) if dtype else data
        return KnownTensor(made.shape, made.dtype, made.values, producer) if made is data else made
    found = _nested(data)
    if found is None:
        return None
    shape, flat = found
    if len(flat) > MAX_ELEMENTS or (not flat and dtype is None and shape != (0,)):
        return None
    categories = [_scalar_category(v) for v in flat]
    inferred = DEFAULT_OF_CATEGORY[max(categories)] if categories else "float32"
    source = "float64" if inferred == "float32" else inferred  # a Python float is a double first
    elements = [((float(v), float(v)) if source == "float64" else int(v) if source == "int64" else bool(v))
                for v in flat]
    if source == "int64" and any(e is None or not INT_RANGE["int64"][0] <= e <= INT_RANGE["int64"][1]
                                 for e in elements):
        return None
    made = KnownTensor(shape, source, tuple(elements), producer)
    return cast(made, dtype or inferred)


def _exact_float(value: Fraction, dtype: str) -> tuple[float, float] | None:
    try:
        number = float(value)
    except OverflowError:
        return None
    rounded = _round_to(dtype, number)
    return (rounded, rounded) if rounded is not None and Fraction(rounded) == value else None


def arange(args: list, kwargs: dict) -> KnownTensor | None:
    """torch.arange(end) / (start, end[, step]): int64 from ints, else the default float32.

    Float values are taken only when every one is exact (torch's scalar and vectorised loops
    round `start + i*step` differently otherwise)."""
    numbers = list(args) + [kwargs[k] for k in ("start", "end", "step") if k in kwargs]
    if len(args) > 3 or not all(_scalar_category(n) in (1, 2) for n in numbers):
        return None
    if len(args) == 1 and not {"start", "step"} & set(kwargs):
        start, end, step = 0, args[0], kwargs.get("step", 1)
    elif not args:
        start, end, step = kwargs.get("start", 0), kwargs.get("end"), kwargs.get("step", 1)
    else:
        start, end = (args + [kwargs.get("end")])[:2]
        step = args[2] if len(args) > 2 else kwargs.get("step", 1)
    if end is None or step == 0 or _scalar_category(end) is None:
        return None
    given = dtype_of(kwargs["dtype"]) if kwargs.get("dtype") is not None else None
    if kwargs.get("dtype") is not None and given is None:
        return None
    inferred = "float32" if any(isinstance(n, float) for n in (start, end, step)) else "int64"
    dtype = given or inferred
    if (step > 0 and end < start) or (step < 0 and end > start):
        return None  # torch: "upper bound and larger bound inconsistent with step sign"
    count = math.ceil((Fraction(end) - Fraction(start)) / Fraction(step))
    if count > MAX_ELEMENTS or count != math.ceil((end - start) / step):
        return None  # torch counts in double arithmetic: where that could differ, not known
    exact = [Fraction(start) + Fraction(step) * i for i in range(count)]
    if CATEGORY[dtype] == 2:
        elements = [_exact_float(v, dtype) for v in exact]
        if any(e is None for e in elements):
            return None
    elif all(v.denominator == 1 for v in exact) and CATEGORY[dtype] == 1:
        elements = [int(v) for v in exact]
    else:
        return None
    return KnownTensor((count,), dtype, tuple(elements), "torch.arange")


def linspace(args: list, kwargs: dict) -> KnownTensor | None:
    """torch.linspace(start, end, steps): taken when every value is exact, as in arange."""
    names = ("start", "end", "steps")
    values = dict(zip(names, args))
    values.update({k: kwargs[k] for k in names if k in kwargs})
    start, end, steps = (values.get(k) for k in names)
    given = dtype_of(kwargs["dtype"]) if kwargs.get("dtype") is not None else "float32"
    if given is None or CATEGORY[given] != 2 or not isinstance(steps, int) or isinstance(steps, bool) \
            or not 0 <= steps <= MAX_ELEMENTS or any(_scalar_category(v) not in (1, 2) for v in (start, end)):
        return None
    if steps == 1:
        exact = [Fraction(start)]
        parts: list = []
    else:  # torch: start + step*i for the first half, end - step*(steps-1-i) for the rest
        step = (Fraction(end) - Fraction(start)) / (steps - 1)
        exact = [Fraction(start) + step * i for i in range(steps)]
        parts = [step] + [step * i for i in range(steps)]
    elements = [_exact_float(v, given) for v in exact]
    if any(e is None for e in elements) or any(_exact_float(p, given) is None for p in parts):
        return None  # every intermediate exact: then every way of computing it agrees
    return KnownTensor((steps,), given, tuple(elements), "torch.linspace")


def numpy_linspace(args: list, kwargs: dict) -> KnownTensor | None:
    """np.linspace(start, stop, num=50, endpoint=True): float64 values computed as numpy does
    (numpy/_core/function_base.py: step = (stop - start) / div, y = i * step + start, the last
    set to stop), each op a correctly rounded float64 one, as Python's floats are: exact."""
    names = ("start", "stop", "num", "endpoint")
    values = dict(zip(names, args))
    values.update({k: kwargs[k] for k in names if k in kwargs})
    start, stop, num, endpoint = values.get("start"), values.get("stop"), values.get("num", 50), \
        values.get("endpoint", True)
    if len(args) > 4 or set(kwargs) - set(names) or not isinstance(endpoint, bool) or \
            _scalar_category(num) != 1 or not 0 <= num <= MAX_ELEMENTS or \
            any(_scalar_category(v) not in (1, 2) for v in (start, stop)):
        return None
    div = num - 1 if endpoint else num
    delta = float(stop) - float(start)
    if div > 0:
        step = delta / div
        points = [i / div * delta if step == 0 else i * step for i in range(num)]
    else:
        points = [i * delta for i in range(num)]
    points = [p + float(start) for p in points]
    if endpoint and num > 1:
        points[-1] = float(stop)
    if not all(math.isfinite(p) for p in points):
        return None
    return KnownTensor((num,), "float64", tuple((p, p) for p in points), "numpy.linspace")


def full(sizes: list, fill: Any, dtype: Any, producer: str) -> KnownTensor | None:
    """torch.zeros/ones/full of a small known size (full infers its dtype from the fill value)."""
    if not all(isinstance(s, int) and not isinstance(s, bool) and s >= 0 for s in sizes):
        return None
    if math.prod(sizes) > MAX_ELEMENTS:
        return None
    given = dtype_of(dtype) if dtype is not None else None
    if dtype is not None and given is None:
        return None
    scalar = _scalar_tensor(fill)
    if scalar is None:
        return None
    target = given or (scalar.dtype if producer == "torch.full" and scalar.dtype != "float64" else "float32")
    element = _cast_element(scalar.values[0], scalar.dtype, target)
    return KnownTensor(tuple(sizes), target, (element,) * math.prod(sizes), producer)


# --------------------------------------------------------------------- elementwise arithmetic
def _broadcast(a: KnownTensor, b: KnownTensor) -> tuple[tuple, list, list] | None:
    """Same shapes, or one side holding a single element: torch's broadcast for these cases."""
    if a.shape == b.shape:
        return a.shape, list(a.values), list(b.values)
    if b.numel == 1 and len(b.shape) <= len(a.shape):
        return a.shape, list(a.values), [b.values[0]] * a.numel
    if a.numel == 1 and len(a.shape) <= len(b.shape):
        return b.shape, [a.values[0]] * b.numel, list(b.values)
    return None


def _float_op(operator: str, dtype: str, x: tuple, y: tuple) -> tuple[float, float] | None:
    if operator in ("Add", "Subtract"):
        if operator == "Subtract":
            y = (-y[1], -y[0])
        lo, hi = _round_to(dtype, x[0] + y[0]), _round_to(dtype, x[1] + y[1])
        return None if lo is None or hi is None else (lo, hi)
    if operator == "Divide" and y[0] <= 0 <= y[1]:
        return None
    corners = []
    for p in x:
        for q in y:
            try:
                exact = p * q if operator == "Multiply" else p / q
            except (OverflowError, ZeroDivisionError):
                return None
            rounded = _round_to(dtype, exact)  # a float64 op then float32: correctly rounded (Figueroa)
            if rounded is None:
                return None
            corners.append(rounded)
    return min(corners), max(corners)


def _int_op(operator: str, dtype: str, x: int, y: int) -> int | None:
    try:
        if operator == "Add":
            value = x + y
        elif operator == "Subtract":
            value = x - y
        elif operator == "Multiply":
            value = x * y
        elif operator == "FloorDivide":
            value = x // y
        elif operator == "Modulo":
            value = x % y
        elif operator == "Power":
            if y < 0 or y > 64:
                return None
            value = x**y
        else:
            return None
    except ZeroDivisionError:
        return None
    low, high = INT_RANGE[dtype]
    return value if low <= value <= high else None


def _power(dtype: str, base: tuple, exponent: tuple) -> tuple[float, float] | None:
    """pow over bounds: monotone in each argument for a positive base, so the corners bound it."""
    if base[0] <= 0:
        return None
    corners = []
    for b in base:
        for e in exponent:
            try:
                corners.append(math.pow(b, e))
            except (OverflowError, ValueError):
                return None
    return _libm_bounds(dtype, min(corners), max(corners))


def binary(operator: str, left: Any, right: Any) -> KnownTensor | None:
    """left <op> right, one side a KnownTensor, the other one or a Python number."""
    dtype = result_type([left, right])
    if dtype is None:
        return None
    if operator == "Subtract" and any(isinstance(o, bool) or isinstance(o, KnownTensor) and o.dtype == "bool"
                                      for o in (left, right)):
        return None  # torch refuses `-` with a bool ("use the ~ or logical_not() operator")
    if operator == "Divide" and CATEGORY[dtype] < 2:
        dtype = "float32"  # true division of integers gives the default float dtype
    if dtype == "bool" or (CATEGORY[dtype] == 2 and operator in ("FloorDivide", "Modulo")):
        return None
    a = left if isinstance(left, KnownTensor) else _scalar_tensor(left)
    b = right if isinstance(right, KnownTensor) else _scalar_tensor(right)
    if a is None or b is None:
        return None
    # a Python number joins at the compute dtype: 27.89 becomes float32(27.89) against float32;
    # but `t ** 4.8` keeps its exponent a double (pow_tensor_scalar)
    exponent_kept = operator == "Power" and CATEGORY[dtype] == 2 and isinstance(right, float) \
        and isinstance(left, KnownTensor)
    a, b = cast(a, dtype), (b if exponent_kept else cast(b, dtype))
    shaped = _broadcast(a, b)
    if shaped is None or operator not in ("Add", "Subtract", "Multiply", "Divide", "FloorDivide", "Modulo", "Power"):
        return None
    shape, xs, ys = shaped
    out = []
    for x, y in zip(xs, ys):
        if x is None or y is None:
            out.append(None)
        elif CATEGORY[dtype] == 2:
            out.append(_power(dtype, x, y) if operator == "Power" else _float_op(operator, dtype, x, y))
        else:
            out.append(_int_op(operator, dtype, x, y))
    producer = left.producer if isinstance(left, KnownTensor) else right.producer
    return KnownTensor(shape, dtype, tuple(out), producer)


def python_operator(operator: str, left: Any, right: Any) -> KnownTensor | None:
    """`left <op> right` as Python runs it: `3 / t` is Tensor.__rtruediv__, which torch writes
    as t.reciprocal() * 3 (two roundings, not one division)."""
    if operator == "Divide" and not isinstance(left, KnownTensor) and isinstance(right, KnownTensor):
        reciprocal = binary("Divide", 1, right)  # t.reciprocal(): 1 / t, float32 for an integer t too
        return None if reciprocal is None else binary("Multiply", reciprocal, left)
    return binary(operator, left, right)


def _monotone(function: Any, dtype: str, bounds: tuple, correctly_rounded: bool) -> tuple[float, float] | None:
    try:
        lo, hi = function(bounds[0]), function(bounds[1])
    except (OverflowError, ValueError):
        return None
    if not correctly_rounded:
        return _libm_bounds(dtype, lo, hi)
    lo, hi = _round_to(dtype, lo), _round_to(dtype, hi)
    return None if lo is None or hi is None else (lo, hi)


ROUNDINGS = {"round": round, "floor": math.floor, "ceil": math.ceil, "trunc": math.trunc, "fix": math.trunc}
TRANSCENDENTAL = {"log": math.log, "log2": math.log2, "log10": math.log10, "exp": math.exp, "log1p": math.log1p,
                  "expm1": math.expm1}


def unary(name: str, tensor: KnownTensor) -> KnownTensor | None:
    """round (half to even, as nearbyint), floor, ceil, trunc, abs, neg, sqrt, log, exp..."""
    dtype = tensor.dtype
    if name in ("neg", "negative", "abs") and CATEGORY[dtype] == 1:
        low, high = INT_RANGE[dtype]
        function = (lambda v: -v) if name != "abs" else abs
        values = tuple(None if v is None or not low <= function(v) <= high else function(v) for v in tensor.values)
        return KnownTensor(tensor.shape, dtype, values, tensor.producer)
    if name in ROUNDINGS and CATEGORY[dtype] == 1:
        return KnownTensor(tensor.shape, dtype, tensor.values, tensor.producer)  # integers round to themselves
    if dtype == "bool":
        return None
    if name in TRANSCENDENTAL or name == "sqrt":
        if CATEGORY[dtype] < 2:
            dtype = "float32"  # torch.log of an integer tensor is a default-float one
            tensor = cast(tensor, dtype)
    elif CATEGORY[dtype] < 2:
        return None
    out = []
    for bounds in tensor.values:
        if bounds is None:
            out.append(None)
        elif name in ROUNDINGS:
            function = ROUNDINGS[name]
            out.append((float(function(bounds[0])), float(function(bounds[1]))))
        elif name in ("neg", "negative"):
            out.append((-bounds[1], -bounds[0]))
        elif name == "abs":
            lo, hi = bounds
            out.append(bounds if lo >= 0 else (-hi, -lo) if hi <= 0 else (0.0, max(-lo, hi)))
        elif name == "sqrt":
            # torch's float32 sqrt (MKL's vsSqrt where built with it) is not IEEE's: within an ulp
            out.append(None if bounds[0] < 0 else _monotone(math.sqrt, dtype, bounds, False))
        elif name in TRANSCENDENTAL:
            if name.startswith("log") and bounds[0] <= (-1 if name == "log1p" else 0):
                out.append(None)
            elif any(0 < abs(b) < SMALLEST_NORMAL[dtype] for b in bounds):
                out.append(None)  # a subnormal: torch's vectorised log1p/expm1 may flush it to 0
            else:
                out.append(_monotone(TRANSCENDENTAL[name], dtype, bounds, False))
        else:
            return None
    return KnownTensor(tensor.shape, dtype, tuple(out), tensor.producer)


# --------------------------------------------------------------------- reductions, reshapes
def _float_sum(dtype: str, items: list) -> tuple[float, float] | None:
    """A float sum in any order: the exact sums of the bounds, widened by the rounding error
    bound of n-1 additions plus the final rounding (torch sums pairwise, vectorised)."""
    if any(v is None for v in items):
        return None
    if not items:
        return (0.0, 0.0)
    lo = sum((Fraction(v[0]) for v in items), Fraction(0))
    hi = sum((Fraction(v[1]) for v in items), Fraction(0))
    magnitude = sum((Fraction(max(abs(v[0]), abs(v[1]))) for v in items), Fraction(0))
    if len(items) == 1:
        return items[0]
    slack = Fraction(len(items)) * Fraction(UNIT_ROUNDOFF[dtype]) * magnitude * Fraction(101, 100)
    return _outward(dtype, lo - slack, hi + slack)


def sum_all(tensor: KnownTensor) -> KnownTensor | None:
    """torch.sum(t): integers (and bools) sum to int64, exactly; floats within bounds."""
    if CATEGORY[tensor.dtype] < 2:
        if any(v is None for v in tensor.values):
            return KnownTensor((), "int64", (None,), tensor.producer)
        total = sum(int(v) for v in tensor.values)
        low, high = INT_RANGE["int64"]
        return KnownTensor((), "int64", (total if low <= total <= high else None,), tensor.producer)
    return KnownTensor((), tensor.dtype, (_float_sum(tensor.dtype, list(tensor.values)),), tensor.producer)


def cumsum(tensor: KnownTensor) -> KnownTensor | None:
    """torch.cumsum(t, 0) of a 1-d tensor: int64 for integers and bools."""
    if len(tensor.shape) != 1:
        return None
    if CATEGORY[tensor.dtype] < 2:
        out, total = [], 0
        for v in tensor.values:
            total = None if v is None or total is None else total + int(v)
            out.append(total if total is None or INT_RANGE["int64"][0] <= total <= INT_RANGE["int64"][1] else None)
        return KnownTensor(tensor.shape, "int64", tuple(out), tensor.producer)
    return KnownTensor(tensor.shape, tensor.dtype, tuple(_float_prefix_sums(tensor.dtype, list(tensor.values))),
                       tensor.producer)


def _float_prefix_sums(dtype: str, items: list) -> list:
    """_float_sum of each prefix of the items, the sums carried along (one pass, not one per prefix:
    a schedule's thousand steps, `torch.cumsum(log_alpha, 0)`, in milliseconds)."""
    out: list = []
    lo = hi = magnitude = Fraction(0)
    for count, v in enumerate(items, 1):
        if v is None:
            return out + [None] * (len(items) - len(out))
        lo, hi = lo + Fraction(v[0]), hi + Fraction(v[1])
        magnitude += Fraction(max(abs(v[0]), abs(v[1])))
        if count == 1:
            out.append(v)
            continue
        slack = Fraction(count) * Fraction(UNIT_ROUNDOFF[dtype]) * magnitude * Fraction(101, 100)
        out.append(_outward(dtype, lo - slack, hi + slack))
    return out


def diff(tensor: KnownTensor) -> KnownTensor | None:
    """torch.diff(t) of a 1-d tensor (n=1, dim=-1): t[1:] - t[:-1] in its own dtype."""
    if len(tensor.shape) != 1 or tensor.dtype == "bool":
        return None
    if tensor.shape[0] == 0:
        return KnownTensor(tensor.shape, tensor.dtype, (), tensor.producer)
    head = KnownTensor((tensor.shape[0] - 1,), tensor.dtype, tensor.values[1:], tensor.producer)
    tail = KnownTensor((tensor.shape[0] - 1,), tensor.dtype, tensor.values[:-1], tensor.producer)
    return binary("Subtract", head, tail)


def extreme(tensor: KnownTensor, largest: bool) -> KnownTensor | None:
    """torch.max(t) / torch.min(t) over every element (no dim)."""
    if not tensor.values or any(v is None for v in tensor.values):
        return None
    pick = max if largest else min
    if CATEGORY[tensor.dtype] == 2:
        value: Any = (pick(v[0] for v in tensor.values), pick(v[1] for v in tensor.values))
    else:
        value = pick(tensor.values)
    return KnownTensor((), tensor.dtype, (value,), tensor.producer)


def unique(tensor: KnownTensor) -> KnownTensor | None:
    """torch.unique(t): its distinct values, sorted, as a 1-d tensor; known only when every
    element is (bounds that could be equal or not leave it unknown)."""
    if any(v is None or isinstance(v, tuple) and v[0] != v[1] for v in tensor.values):
        return None
    distinct = sorted(set(tensor.values), key=lambda v: v[0] if isinstance(v, tuple) else v)
    return KnownTensor((len(distinct),), tensor.dtype, tuple(distinct), tensor.producer)


def reshape(tensor: KnownTensor, sizes: list) -> KnownTensor | None:
    """view/reshape: the same elements row-major, one -1 inferred."""
    if not all(isinstance(s, int) and not isinstance(s, bool) for s in sizes) or sum(s == -1 for s in sizes) > 1:
        return None
    known = math.prod(s for s in sizes if s != -1)
    if -1 in sizes:
        if known == 0 or tensor.numel % known:
            return None
        sizes = [tensor.numel // known if s == -1 else s for s in sizes]
    if any(s < 0 for s in sizes) or math.prod(sizes) != tensor.numel:
        return None
    return tensor.view(tuple(sizes), tensor.values)


def concatenate(tensors: list) -> KnownTensor | None:
    """torch.cat of 1-d known tensors, their dtypes promoted."""
    if not tensors or not all(isinstance(t, KnownTensor) and len(t.shape) == 1 for t in tensors):
        return None
    dtype = _promote([t.dtype for t in tensors])
    values = tuple(v for t in tensors for v in cast(t, dtype).values)
    return KnownTensor((len(values),), dtype, values, tensors[0].producer)


def stack(tensors: list, dim: Any) -> KnownTensor | None:
    """torch.stack of known tensors of one shape (at most 1-d), along a new first or last dim
    (`torch.stack((h, h))` of two halves of a crop: a 2 x k table), their dtypes promoted."""
    if not tensors or not all(isinstance(t, KnownTensor) and len(t.shape) <= 1 for t in tensors) \
            or len({t.shape for t in tensors}) != 1 or not isinstance(dim, int) or isinstance(dim, bool):
        return None
    rank = len(tensors[0].shape) + 1
    if not -rank <= dim < rank:
        return None
    dtype = _promote([t.dtype for t in tensors])
    columns = [cast(t, dtype).values for t in tensors]
    stacked = KnownTensor((len(tensors), *tensors[0].shape), dtype, tuple(v for c in columns for v in c),
                          tensors[0].producer)
    return stacked if dim % rank == 0 else transposed(stacked)


def transposed(tensor: KnownTensor) -> KnownTensor | None:
    """t.t() / t.T: a 2-d tensor's rows and columns swapped (a copy of its values: a write to it
    is not followed into t); a 0-d or 1-d one is itself."""
    if len(tensor.shape) <= 1:
        return tensor
    if len(tensor.shape) != 2:
        return None
    height, width = tensor.shape
    values = tuple(tensor.values[row * width + column] for column in range(width) for row in range(height))
    return KnownTensor((width, height), tensor.dtype, values, tensor.producer)


def item_at(tensor: KnownTensor, index: Any) -> KnownTensor | None:
    """t[i] (a row, or a 0-d element) and t[a:b:c] along the first dim; else None."""
    if not tensor.shape:
        return None
    if isinstance(index, KnownTensor) and not index.shape and CATEGORY[index.dtype] == 1 \
            and index.values[0] is not None:
        index = index.values[0]
    length, rest = tensor.shape[0], tensor.shape[1:]
    row = math.prod(rest)
    if isinstance(index, int) and not isinstance(index, bool):
        if not -length <= index < length:
            return None
        index %= length
        return tensor.view(rest, tensor.values[index * row:(index + 1) * row])
    if isinstance(index, slice) and (index.step is None or index.step > 0):
        picked = range(*index.indices(length))
        values = tuple(v for i in picked for v in tensor.values[i * row:(i + 1) * row])
        return tensor.view((len(picked), *rest), values)
    return None


def rows(tensor: KnownTensor) -> list[KnownTensor] | None:
    """Iterating a tensor: its rows along the first dim (a 0-d tensor is not iterable)."""
    if not tensor.shape:
        return None
    return [item_at(tensor, i) for i in range(tensor.shape[0])]


# --------------------------------------------------------------------- back to Python numbers
TOO_CLOSE = "a float too close to a rounding boundary to be known exactly"


def python_value(element: Any, dtype: str) -> Any:
    """An element as .tolist()/.item() gives it: int, bool, float; Unknown when not exact."""
    if element is None:
        return Unknown("an element of a tensor not known statically")
    if CATEGORY[dtype] < 2:
        return element
    lo, hi = element
    return lo if lo == hi else Unknown(TOO_CLOSE)


def tolist(tensor: KnownTensor) -> Any:
    if not tensor.shape:
        return python_value(tensor.values[0], tensor.dtype)
    return [tolist(r) for r in rows(tensor)]


def item(tensor: KnownTensor) -> Any:
    if tensor.numel != 1:
        return Unknown("item() of a tensor of more than one element")
    return python_value(tensor.values[0], tensor.dtype)


def to_int(tensor: KnownTensor) -> Any:
    """int(t) of a one-element tensor: truncated, known when both bounds truncate alike."""
    if tensor.numel != 1:
        return Unknown("int() of a tensor of more than one element")
    element = tensor.values[0]
    if element is None:
        return Unknown("an element of a tensor not known statically")
    if CATEGORY[tensor.dtype] < 2:
        return int(element)
    lo, hi = math.trunc(element[0]), math.trunc(element[1])
    return lo if lo == hi else Unknown(TOO_CLOSE)


def truth(tensor: KnownTensor) -> bool | None:
    """bool(t): one element only (torch refuses more); None when not known."""
    if tensor.numel != 1:
        return None
    element = _cast_element(tensor.values[0], tensor.dtype, "bool")
    return element if isinstance(element, bool) else None


COMPARISONS = {"Equal": lambda x, y: x == y, "NotEqual": lambda x, y: x != y, "LessThan": lambda x, y: x < y,
               "LessThanEqual": lambda x, y: x <= y, "GreaterThan": lambda x, y: x > y,
               "GreaterThanEqual": lambda x, y: x >= y}


def compared(operator: str, left: Any, right: Any) -> KnownTensor | None:
    """`a == 3` elementwise of int or bool tensors of known values (np.array(sizes) == min(sizes)):
    a bool tensor; None for floats (bounds) or elements not known."""
    if operator not in COMPARISONS:
        return None
    a = left if isinstance(left, KnownTensor) else _scalar_tensor(left)
    b = right if isinstance(right, KnownTensor) else _scalar_tensor(right)
    if a is None or b is None or CATEGORY[a.dtype] == 2 or CATEGORY[b.dtype] == 2:
        return None
    shaped = _broadcast(a, b)
    if shaped is None or any(v is None for v in (*shaped[1], *shaped[2])):
        return None
    shape, xs, ys = shaped
    return KnownTensor(shape, "bool", tuple(COMPARISONS[operator](x, y) for x, y in zip(xs, ys)), "a comparison")


def every_element(tensor: KnownTensor, any_one: bool = False) -> bool | None:
    """np.all(a) / np.any(a): whether every (or any) element is true; None when one is not known."""
    elements = [_cast_element(v, tensor.dtype, "bool") for v in tensor.values]
    known = [e for e in elements if isinstance(e, bool)]
    if any_one and any(known) or not any_one and not all(known):
        return any_one
    return None if len(known) < len(elements) else not any_one


# --------------------------------------------------------------------- torch's API over them
def as_dtype_argument(args: list, kwargs: dict) -> str | None:
    """The dtype of .to(torch.float32) / .to(dtype=...) / .type(torch.int64)."""
    found = [dtype_of(a) for a in (*args, kwargs.get("dtype")) if a is not None and not isinstance(a, str)]
    return found[0] if len(found) == 1 else None


def _dim_is_first(args: list, kwargs: dict, tensor: KnownTensor, position: int = 0) -> bool:
    dim = args[position] if len(args) > position else kwargs.get("dim", 0)
    return isinstance(dim, int) and len(tensor.shape) == 1 and dim in (0, -1)


CASTS = {"int": "int32", "long": "int64", "float": "float32", "double": "float64", "bool": "bool"}
SAME_VALUES = ("clone", "detach", "cpu", "cuda", "contiguous", "requires_grad_")
ARITHMETIC = {"add": "Add", "sub": "Subtract", "subtract": "Subtract", "mul": "Multiply", "multiply": "Multiply",
              "div": "Divide", "divide": "Divide", "true_divide": "Divide", "floor_divide": "FloorDivide",
              "remainder": "Modulo", "pow": "Power"}


def method(tensor: KnownTensor, name: str, args: list, kwargs: dict) -> Any:
    """Tensor.<name>(...) on a known tensor; None when not modelled here (shape only then)."""
    if name in CASTS and not args and not kwargs:
        return cast(tensor, CASTS[name])
    if name in ("to", "type") and (args or kwargs):
        dtype = as_dtype_argument(args, kwargs)
        if dtype is not None:
            return cast(tensor, dtype)
        if all(isinstance(a, str) for a in (*args, *kwargs.values())) and name == "to":
            return tensor  # .to("cpu"): the same values
        return None
    if name == "clone":
        return KnownTensor(tensor.shape, tensor.dtype, tensor.values, tensor.producer)
    if name == "t" and not args and not kwargs:
        return transposed(tensor)
    if name in SAME_VALUES:
        return tensor  # the tensor itself (detach shares its storage: the same values either way)
    if name == "tolist" and not args:
        return tolist(tensor)
    if name == "item" and not args:
        return item(tensor)
    if name == "numel" and not args:
        return tensor.numel
    if name == "dim" and not args:
        return len(tensor.shape)
    if name == "size":
        if not args and not kwargs:
            return tensor.shape
        dim = args[0] if args else kwargs.get("dim")
        if isinstance(dim, int) and -len(tensor.shape) <= dim < len(tensor.shape):
            return tensor.shape[dim]
        return None
    if name in ROUNDINGS or name in TRANSCENDENTAL or name in ("abs", "neg", "negative", "sqrt"):
        return unary(name, tensor) if not args and not kwargs else None
    if name in ARITHMETIC and len(args) == 1 and not kwargs:
        return binary(ARITHMETIC[name], tensor, args[0])
    return _reduction_or_shape(tensor, name, args, kwargs)


def _reduction_or_shape(tensor: KnownTensor, name: str, args: list, kwargs: dict) -> Any:
    if name == "sum" and not args and not kwargs:
        return sum_all(tensor)
    if name == "cumsum" and _dim_is_first(args, kwargs, tensor) and (args or "dim" in kwargs):
        return cumsum(tensor)
    if name == "diff" and not args and not kwargs:
        return diff(tensor)
    if name in ("max", "min", "amax", "amin") and not args and not kwargs:
        return extreme(tensor, name in ("max", "amax"))
    if name == "unique" and not args and all(kwargs.get(k, d) is d for k, d in (("sorted", True),
                                                                                 ("return_inverse", False),
                                                                                 ("return_counts", False),
                                                                                 ("dim", None))):
        return unique(tensor)
    if name in ("view", "reshape") and (args or "shape" in kwargs):
        sizes = list(args[0]) if len(args) == 1 and isinstance(args[0], (list, tuple)) else \
            list(args) if args else list(kwargs["shape"]) if isinstance(kwargs["shape"], (list, tuple)) else None
        return None if sizes is None else reshape(tensor, sizes)
    if name == "flatten" and not args and not kwargs:
        return reshape(tensor, [-1]) if tensor.shape else reshape(tensor, [1])
    return None


def call_torch(name: str, args: list, kwargs: dict) -> Any:
    """torch.<name>(...) with known tensors or known numbers; None when not modelled here."""
    if name in ("tensor", "as_tensor", "asarray"):
        data = args[0] if args else kwargs.get("data")
        extra = set(kwargs) - {"data", "dtype", "device", "requires_grad"}
        if len(args) > 1 or extra:
            return None
        dtype = kwargs.get("dtype")
        target = dtype_of(dtype) if dtype is not None else None
        if dtype is not None and target is None:
            return None
        if name != "tensor" and isinstance(data, KnownTensor) and target in (None, data.dtype):
            return data  # as_tensor of a tensor is that tensor
        return from_data(data, target, f"torch.{name}")
    if name == "arange":
        return arange(list(args), {k: v for k, v in kwargs.items() if k not in ("device", "requires_grad")})
    if name == "linspace":
        return linspace(list(args), {k: v for k, v in kwargs.items() if k not in ("device", "requires_grad")})
    if name in ("zeros", "ones", "full"):
        sizes = list(args[0]) if args and isinstance(args[0], (list, tuple)) else list(args)
        fill: Any = 0 if name == "zeros" else 1
        if name == "full":
            if len(args) != 2 or not isinstance(args[0], (list, tuple)):
                return None
            sizes, fill = list(args[0]), args[1]
        elif "size" in kwargs and not args and isinstance(kwargs["size"], (list, tuple)):
            sizes = list(kwargs["size"])
        if set(kwargs) - {"dtype", "device", "requires_grad", "size"}:
            return None
        made = full(sizes, fill, kwargs.get("dtype"), f"torch.{name}")
        if made is not None and name in ("zeros", "ones") and kwargs.get("dtype") is None:
            return cast(made, "float32")
        return made
    tensor = args[0] if args else kwargs.get("input")
    if name in ("pow",) and len(args) == 2 and not kwargs:
        return binary("Power", args[0], args[1])
    if name in ARITHMETIC and len(args) == 2 and not kwargs:
        return binary(ARITHMETIC[name], args[0], args[1])
    if name in ("cat", "concat", "concatenate") and not kwargs.get("dim", 0) and len(args) <= 1:
        return concatenate(list(args[0])) if args and isinstance(args[0], (list, tuple)) else None
    if name == "stack" and args and isinstance(args[0], (list, tuple)) and len(args) <= 2 \
            and not set(kwargs) - {"dim"}:
        return stack(list(args[0]), args[1] if len(args) == 2 else kwargs.get("dim", 0))
    if not isinstance(tensor, KnownTensor):
        return None
    if name == "numel":
        return tensor.numel
    if name in ("zeros_like", "ones_like"):
        if set(kwargs) - {"dtype", "device", "requires_grad"}:
            return None
        made = full(list(tensor.shape), 0 if name == "zeros_like" else 1, kwargs.get("dtype"), f"torch.{name}")
        return made if made is None or kwargs.get("dtype") is not None else cast(made, tensor.dtype)
    if name in ("round", "floor", "ceil", "trunc", "fix", "abs", "neg", "negative", "sqrt", *TRANSCENDENTAL) \
            and len(args) == 1 and not set(kwargs) - {"input"}:
        return unary(name, tensor)
    if name in ("sum", "cumsum", "diff", "max", "min", "amax", "amin", "flatten", "reshape", "clone", "unique"):
        rest = list(args[1:])
        return method(tensor, name, rest, {k: v for k, v in kwargs.items() if k != "input"})
    return None
