"""Tensors of known values against real torch (hypothesis): every element convlint gives is the
one torch computes (floats: within the bounds convlint keeps, which are a single value wherever
IEEE rounding makes it one), with torch's dtype and shape; an element convlint leaves unknown
is never a wrong one. And the RegNet width recipe end to end, over many design points."""

import math

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from convlint.evaluator import known_tensors as kt
from convlint.values import Unknown

torch = pytest.importorskip("torch")

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DTYPES = {"bool": torch.bool, "int32": torch.int32, "int64": torch.int64, "float32": torch.float32,
          "float64": torch.float64}
OPERATORS = {"Add": lambda a, b: a + b, "Subtract": lambda a, b: a - b, "Multiply": lambda a, b: a * b,
             "Divide": lambda a, b: a / b, "FloorDivide": lambda a, b: a // b, "Modulo": lambda a, b: a % b,
             "Power": lambda a, b: a**b}


def agrees(ours, theirs, exact: bool = False) -> None:
    """Same dtype and shape; each known element equal to torch's (or its bounds hold it)."""
    assert ours is not None
    assert ours.dtype == str(theirs.dtype).removeprefix("torch.")
    assert ours.shape == tuple(theirs.shape)
    for element, value in zip(ours.values, theirs.flatten().tolist()):
        if element is None:
            assert not exact, f"unknown where torch gives {value}"
            continue
        if isinstance(element, tuple):
            assert not math.isnan(value)
            assert element[0] <= value <= element[1], (element, value)
            if exact:
                assert element[0] == element[1] == value
        else:
            assert element == value and type(element) is type(value)


ints = st.integers(-1000, 1000)
floats32 = st.floats(-1e6, 1e6, allow_nan=False, width=32)
nice_floats = st.sampled_from([0.0, 0.5, 1.5, 2.5, -2.5, 8.0, 27.89, 2.09, 1e-3, 3.0])


@st.composite
def tensor_data(draw, dtype=None):
    dtype = dtype or draw(st.sampled_from(["int32", "int64", "float32", "float64", "bool"]))
    size = draw(st.integers(1, 40))  # past a vector width: torch's vectorised loop and its scalar tail
    if dtype == "bool":
        items = draw(st.lists(st.booleans(), min_size=size, max_size=size))
    elif dtype.startswith("int"):
        items = draw(st.lists(ints, min_size=size, max_size=size))
    else:
        items = draw(st.lists(st.one_of(floats32, nice_floats), min_size=size, max_size=size))
    return items, dtype


def both(items, dtype):
    return kt.from_data(items, dtype), torch.tensor(items, dtype=DTYPES[dtype])


scalars = st.one_of(st.integers(-50, 50), st.floats(-100, 100, allow_nan=False), nice_floats, st.booleans())


@SETTINGS
@given(tensor_data(), scalars, st.sampled_from(sorted(OPERATORS)), st.booleans())
@example(([2.0], "float32"), 4.809880054771469, "Power", False)  # t ** e: the exponent stays a double
def test_a_tensor_and_a_python_number(data, scalar, operator, reflected):
    ours, theirs = both(*data)
    left, right = (scalar, ours) if reflected else (ours, scalar)
    try:
        with torch.no_grad():
            expected = OPERATORS[operator](*((scalar, theirs) if reflected else (theirs, scalar)))
    except (RuntimeError, ZeroDivisionError):
        result = kt.python_operator(operator, left, right)
        assert result is None or all(v is None for v in result.values) or operator in ("FloorDivide", "Modulo")
        return
    result = kt.python_operator(operator, left, right)
    if result is None:
        return  # not modelled: the shape alone is followed
    assume(not torch.isnan(expected).any() and not torch.isinf(expected).any()) if expected.is_floating_point() \
        else None
    agrees(result, expected)


@SETTINGS
@given(tensor_data(), tensor_data(), st.sampled_from(sorted(OPERATORS)), st.booleans())
def test_two_tensors(first, second, operator, scalar_shaped):
    items, dtype = second
    if scalar_shaped:  # a 0-d tensor against a tensor with dims: it counts only by category
        items = items[0]
    else:
        items = (items * 40)[: len(first[0])]
    ours_a, theirs_a = both(*first)
    ours_b, theirs_b = both(items, dtype)
    try:
        expected = OPERATORS[operator](theirs_a, theirs_b)
    except (RuntimeError, ZeroDivisionError):
        return
    result = kt.binary(operator, ours_a, ours_b)
    if result is None:
        return
    if expected.is_floating_point():
        assume(torch.isfinite(expected).all())
    agrees(result, expected)


def test_exact_arithmetic_stays_exact():
    """+, -, *, / of float32 values are IEEE-rounded: one value, torch's, not a range."""
    a = [27.89 * i + 48 for i in range(20)]
    ours, theirs = both(a, "float32")
    for operator in ("Add", "Subtract", "Multiply", "Divide"):
        agrees(kt.binary(operator, ours, 3.7), OPERATORS[operator](theirs, 3.7), exact=True)
    agrees(kt.binary("Multiply", kt.arange([16], {}), 27.89), torch.arange(16) * 27.89, exact=True)
    agrees(kt.binary("Divide", kt.arange([7], {}), 3), torch.arange(7) / 3, exact=True)


UNARY = ["round", "floor", "ceil", "trunc", "abs", "neg", "sqrt", "log", "log2", "log10", "exp", "log1p", "expm1"]


@SETTINGS
@given(tensor_data(), st.sampled_from(UNARY))
def test_elementwise_functions(data, name):
    ours, theirs = both(*data)
    try:
        expected = getattr(torch, name)(theirs)
    except RuntimeError:
        return  # e.g. neg of a bool tensor
    result = kt.unary(name, ours)
    if result is None:
        return
    exact = name in ("round", "floor", "ceil", "trunc", "abs", "neg") and expected.is_floating_point()
    if expected.is_floating_point():
        keep = torch.isfinite(expected)
        assert all(v is None for v, k in zip(result.values, keep.tolist()) if not k)  # nan/inf: unknown
        result = kt.KnownTensor(result.shape, result.dtype,
                                tuple(v if k else None for v, k in zip(result.values, keep.tolist())))
        expected = torch.where(keep, expected, torch.zeros_like(expected))
    agrees(result, expected, exact=exact and bool(keep.all()))


@SETTINGS
@given(st.lists(st.floats(-69, 69).map(lambda e: kt.f32(math.exp(e))), min_size=1, max_size=64),
       st.sampled_from(["log", "exp", "pow"]))
def test_transcendentals_over_wide_ranges(items, name):
    """Within the bounds everywhere, and known exactly far from a float32 midpoint."""
    ours, theirs = both(items, "float32")
    if name == "exp":
        ours, theirs = kt.unary("log", ours), torch.log(theirs)  # exp of logs: values near e^±69
        result, expected = kt.unary("exp", ours), torch.exp(theirs)
    elif name == "pow":
        result, expected = kt.binary("Power", 2.09, kt.unary("log", ours)), torch.pow(2.09, torch.log(theirs))
    else:
        result, expected = kt.unary("log", ours), torch.log(theirs)
    assume(torch.isfinite(expected).all())
    agrees(result, expected)


def test_transcendentals_then_rounded_are_mostly_known():
    """Bounds of two candidates, then a rounding: an integer known but near a rounding boundary."""
    import random

    generator = random.Random(7)
    items = [kt.f32(math.exp(generator.uniform(-20, 20))) for _ in range(2000)]
    ours, theirs = both(items, "float32")
    for result, expected in ((kt.unary("log", ours), torch.log(theirs)), (kt.unary("sqrt", ours), torch.sqrt(theirs)),
                             (kt.binary("Power", 2.09, kt.unary("round", kt.unary("log", ours))),
                              torch.pow(2.09, torch.round(torch.log(theirs))))):
        agrees(result, expected)
        scale = min(10, 1e5 / max(abs(v[1]) for v in result.values))  # well above float32's ulps
        rounded = kt.unary("round", kt.binary("Multiply", result, scale))
        agrees(rounded, torch.round(expected * scale))
        assert sum(1 for v in rounded.values if v is not None and v[0] == v[1]) >= 0.99 * len(items)


@SETTINGS
@given(tensor_data())
def test_casts_and_python_values(data):
    ours, theirs = both(*data)
    for name, dtype in kt.CASTS.items():
        expected = getattr(theirs, name)()
        result = kt.cast(ours, dtype)
        if expected.dtype == torch.int32 and theirs.is_floating_point():
            inside = (theirs.abs() < 2**31).tolist()  # out of range is undefined behaviour in C
            result = kt.KnownTensor(result.shape, result.dtype,
                                    tuple(v if k else None for v, k in zip(result.values, inside)))
        agrees(result, expected)
    listed = kt.tolist(ours)
    assert [v for v in listed if not isinstance(v, Unknown)] == [
        v for v, o in zip(theirs.tolist(), listed) if not isinstance(o, Unknown)]


@SETTINGS
@given(tensor_data())
def test_sum_cumsum_diff_max(data):
    ours, theirs = both(*data)
    agrees(kt.sum_all(ours), torch.sum(theirs))
    agrees(kt.cumsum(ours), torch.cumsum(theirs, 0))
    if theirs.dtype != torch.bool:
        agrees(kt.diff(ours), torch.diff(theirs))
    agrees(kt.extreme(ours, True), torch.max(theirs))
    agrees(kt.extreme(ours, False), torch.min(theirs))
    agrees(kt.unique(ours), torch.unique(theirs))


@SETTINGS
@given(st.one_of(st.integers(-5, 40), st.floats(-5, 40, allow_nan=False)), st.integers(-5, 60),
       st.sampled_from([1, 2, 3, 0.5, 0.25, 0.1, -1, 1.5]))
def test_arange_and_linspace(start, end, step):
    try:
        expected = torch.arange(start, end, step)
    except RuntimeError:
        expected = None
    ours = kt.arange([start, end, step], {})
    if ours is not None:
        assert expected is not None
        agrees(ours, expected, exact=True)
    if isinstance(step, int) and isinstance(start, int) and expected is not None:
        assert ours is not None  # integer ranges are always followed
    steps = abs(end) % 12
    ours = kt.linspace([start, end, steps], {})
    if ours is not None:
        agrees(ours, torch.linspace(start, end, steps), exact=True)


def test_constructors_and_their_dtypes():
    agrees(kt.from_data([1, 2, 3]), torch.tensor([1, 2, 3]), exact=True)
    agrees(kt.from_data([1, 2.5]), torch.tensor([1, 2.5]), exact=True)
    agrees(kt.from_data([[True, False]]), torch.tensor([[True, False]]), exact=True)
    agrees(kt.from_data([1, 2], "float64"), torch.tensor([1, 2], dtype=torch.float64), exact=True)
    agrees(kt.call_torch("zeros", [2, 3], {}), torch.zeros(2, 3), exact=True)
    agrees(kt.call_torch("ones", [(4,)], {"dtype": _Ref("torch.int64")}), torch.ones((4,), dtype=torch.int64), exact=True)
    agrees(kt.call_torch("full", [(3,), 7], {}), torch.full((3,), 7), exact=True)
    agrees(kt.call_torch("full", [(3,), 0.1], {}), torch.full((3,), 0.1), exact=True)
    assert kt.from_data([[1, 2], [3]]) is None  # ragged: torch refuses
    assert kt.call_torch("zeros", [1, 3, 224, 224], {}) is None  # an activation, not a table: shape only


class _Ref:
    def __init__(self, qualified):
        self.qualified = qualified


def regnet_widths(depth, w_0, w_a, w_m, quant, known):
    """The width recipe of RegNet's design space, written once for torch and once for ours."""
    if known:
        widths = kt.binary("Add", kt.binary("Multiply", kt.arange([depth], {}), w_a), w_0)
        steps = kt.unary("round", kt.binary("Divide", kt.unary("log", kt.binary("Divide", widths, w_0)),
                                             math.log(w_m)))
        scaled = kt.binary("Multiply", w_0, kt.binary("Power", w_m, steps))
        return kt.tolist(kt.cast(kt.binary("Multiply", kt.unary("round", kt.binary("Divide", scaled, quant)), quant),
                                 "int32"))
    widths = torch.arange(depth) * w_a + w_0
    steps = torch.round(torch.log(widths / w_0) / math.log(w_m))
    return (torch.round(torch.divide(w_0 * torch.pow(w_m, steps), quant)) * quant).int().tolist()


@settings(max_examples=500, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40).map(lambda n: 8 * n), st.floats(0, 250).map(lambda f: round(f, 2)),
       st.floats(1.01, 3.5).map(lambda f: round(f, 2)), st.sampled_from([8, 4, 16]))
def test_regnet_width_recipe(depth, w_0, w_a, w_m, quant):
    theirs = regnet_widths(depth, w_0, w_a, w_m, quant, known=False)
    ours = regnet_widths(depth, w_0, w_a, w_m, quant, known=True)
    assert len(ours) == len(theirs)
    assert [o for o in ours if not isinstance(o, Unknown)] == [t for o, t in zip(ours, theirs)
                                                               if not isinstance(o, Unknown)]


@pytest.mark.parametrize("params", [(16, 48, 27.89, 2.09), (14, 56, 38.84, 2.4), (27, 48, 20.71, 2.65),
                                    (21, 80, 42.63, 2.66), (17, 192, 76.82, 2.19), (18, 200, 106.23, 2.48),
                                    (20, 232, 115.89, 2.53), (27, 456, 160.83, 2.52), (22, 24, 24.48, 2.54),
                                    (16, 56, 35.73, 2.28), (18, 80, 34.01, 2.25), (25, 88, 26.31, 2.25),
                                    (23, 80, 49.56, 2.88), (22, 216, 55.59, 2.1), (23, 320, 69.86, 2.0)])
def test_every_torchvision_regnet_is_known_exactly(params):
    assert regnet_widths(*params, 8, known=True) == regnet_widths(*params, 8, known=False)


# --------------------------------------------------------------------- through the linter
FORMS = {
    # widths from arange arithmetic, read back with tolist() and iterated
    "arange-tolist": ("widths = (torch.arange(3) * 8 + 8).tolist()", True),
    # 0-d tensors from iterating a tensor, int() of each; .shape and len() of a tensor
    "iterate-int": ("widths = [int(w) for w in torch.tensor([8, 16, 24])]", True),
    "cumsum-diff-set": ("widths = sorted(set(torch.cumsum(torch.tensor([8, 8, 8, 0]), 0).tolist()))", True),
    "float-round": ("widths = torch.round(torch.linspace(0.5, 2.5, 3) * 10).long().tolist()", True),
    "python-scalar-over-tensor": ("widths = (240 / torch.tensor([30.0, 15.0, 10.0])).int().tolist()", True),
    "unique-max-item": ("found = torch.unique(torch.tensor([16.0, 8.0, 16.0, 24.0]))\n"
                        "    widths = found.int().tolist() + [int(found.max().item()) * 2]", True),
    # math on known floats: its constants and functions, as Python computes them
    "math": ("widths = [int(math.pow(2, 3)), math.isqrt(260), int(math.log10(1000) * math.pi * 2)]", True),
    # numpy's round of a Python float: half to even (PyramidNet's int(np.round(c)))
    "numpy-round": ("import numpy as np\n    widths = [int(np.round(c)) * 4 for c in (2.5, 3.5, 4.49)]", True),
    # `+=` writes into the tensor: every name of it sees the change
    "in-place-add": ("base = torch.tensor([4, 12, 20])\n    alias = base\n    alias += 4\n"
                     "    widths = base.tolist()", True),
    # writes not followed: the values are no longer known, never stale
    "in-place-through-a-view": ("base = torch.tensor([4, 12, 20])\n    view = base[1:]\n    view += 4\n"
                                "    widths = base.tolist()", False),
    "item-assignment": ("base = torch.tensor([8, 16, 24])\n    other = base\n    other[0] = 16\n"
                        "    widths = base.tolist()", False),
    "in-place-method": ("base = torch.tensor([8, 16, 24])\n    base.add_(8)\n    widths = base.tolist()", False),
    "init-writes-it": ("base = torch.zeros(3)\n    nn.init.constant_(base, 8.0)\n"
                       "    widths = base.long().tolist()", False),
}

FORM_MODEL = '''import math

import torch
import torch.nn as nn


def plan():
    {code}
    return widths


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        widths = plan()
        layers, cin = [], 3
        for width in widths:
            layers += [nn.Conv2d(cin, width, 3, padding=1), nn.ReLU()]
            cin = width
        self.features = nn.Sequential(*layers)
        self.head = nn.Linear(cin, 10)

    def forward(self, x):
        return self.head(self.features(x).mean((2, 3)))
'''


@pytest.mark.parametrize("form", sorted(FORMS))
def test_sizes_from_known_tensors_through_the_linter(form):
    from convlint.pipeline import Settings, lint_text
    from convlint.report.json_report import model_out

    code, followed = FORMS[form]
    source = FORM_MODEL.format(code=code)
    result = lint_text(source, "model.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (analysis,) = [m for m in result.models if m.name == "Net"]
    layers = {layer.name: layer for layer in model_out(analysis).layers}
    namespace: dict = {}
    exec(compile(source, "model.py", "exec"), namespace)
    model = namespace["Net"]().eval()
    params = {n: sum(p.numel() for p in m.parameters()) for n, m in model.named_modules() if n}
    if followed:
        assert {n: layers[n].params for n in params if n in layers} == params
        assert set(layers) == set(params)
    else:  # unknown, never a stale width
        assert all(layers[n].params in (None, count) for n, count in params.items() if n in layers)
        assert layers["head"].params is None


TENSOR_AS_SIZE = '''import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        widths = torch.tensor([8, 16])
        self.conv = nn.Conv2d(3, widths[0], 3)
        self.conv2 = nn.Conv2d(8, widths[1] * 2, 3)

    def forward(self, x):
        return self.conv2(self.conv(x))
'''


def test_a_tensor_given_as_a_layer_size_is_unknown_not_an_error():
    """torch builds Conv2d(3, tensor(8), 3) (its sizes go through __index__); not judged."""
    from convlint.pipeline import Settings, lint_text

    result = lint_text(TENSOR_AS_SIZE, "model.py", Settings(input_shapes={"Net": (2, 3, 8, 8)}))
    assert result.diagnostics == []
    namespace: dict = {}
    exec(compile(TENSOR_AS_SIZE, "model.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 3, 8, 8)).shape == (2, 32, 4, 4)


def test_transcendentals_of_a_subnormal_are_unknown():
    """torch's float32 log1p of the smallest subnormal is 0, not the value itself."""
    ours, theirs = both([kt.F32_TINY, 0.5], "float32")
    for name in ("log1p", "expm1"):
        result = kt.unary(name, ours)
        assert result.values[0] is None
        agrees(result, getattr(torch, name)(theirs))


@settings(max_examples=300, deadline=None)
@given(start=st.one_of(st.integers(-9, 9), st.floats(-5, 5)), stop=st.one_of(st.integers(-9, 9), st.floats(-5, 5)),
       num=st.integers(0, 40), endpoint=st.booleans())
def test_numpy_linspace_values_equal_numpy(start, stop, num, endpoint):
    np = pytest.importorskip("numpy")

    from convlint.evaluator.known_tensors import numpy_linspace, tolist

    ours = numpy_linspace([start, stop, num], {"endpoint": endpoint})
    assert tolist(ours) == np.linspace(start, stop, num, endpoint=endpoint).tolist()
