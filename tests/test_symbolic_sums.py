"""Sums of symbolic dims of one symbol (a cat of `out_ch // 2` and `out_ch` channels, two flattened
branches of one input joined): printed as before, yet exact, so the proofs over every value
decide them. The proofs against brute force, the bugs found with no options at their line, the
correct neighbours clean, and torch refusing each bug."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint import symbolic
from convlint.pipeline import Settings, lint_text
from convlint.shapes import dim_sum
from convlint.values import Sym, dim_add, dim_mul, opaque


def layer(bases):
    return st.builds(Sym, bases, st.integers(1, 3), st.integers(-8, 8), st.integers(1, 4))


nests = st.recursive(layer(st.just("H")), layer, max_leaves=3)  # nests of floors on H, as test_every_size


@st.composite
def sums(draw):
    """A sum as the evaluator builds one: dim_sum of nests and numbers, maybe scaled and shifted."""
    parts = draw(st.lists(nests | st.integers(-6, 6), min_size=2, max_size=4))
    total = 0
    for part in parts:
        total = dim_sum(total, part)
    if draw(st.booleans()):
        total = dim_mul(total, draw(st.integers(2, 4)))
    total = dim_add(total, draw(st.integers(-5, 5)))
    return parts, total


def brute(parts, h):
    return sum(p if isinstance(p, int) else symbolic.evaluate(p, h) for p in parts)


@settings(max_examples=200, deadline=None)
@given(sums())
def test_a_sum_keeps_a_period_a_slope_an_order_and_a_common_factor(drawn):
    total = drawn[1]
    if isinstance(total, int):
        return
    step, rate = symbolic.period(total), symbolic.slope(total)
    for h in range(1, 150):  # quasi-linear: one period on, the slope times the period more
        assert symbolic.evaluate(total, h + step) - symbolic.evaluate(total, h) == rate * step
    if symbolic.is_monotone(total):
        values = [symbolic.evaluate(total, h) for h in range(0, 300)]
        assert values == sorted(values)
    if total.opaque:
        common = symbolic.common_factor(total)
        assert all(symbolic.evaluate(total, h) % common == 0 for h in range(0, 200)) if common else True


@settings(max_examples=200, deadline=None)
@given(st.lists(nests | st.integers(-6, 6), min_size=2, max_size=4))
def test_a_sum_is_exactly_the_sum_of_its_parts(parts):
    total = 0
    for part in parts:
        total = dim_sum(total, part)
    if isinstance(total, int):
        return
    assert all(symbolic.evaluate(total, h) == brute(parts, h) for h in range(-20, 200))


@settings(max_examples=200, deadline=None)
@given(sums(), sums() | nests | st.integers(1, 60))
def test_can_equal_is_false_only_when_no_size_gives_equality(drawn, other):
    a = drawn[1]
    b = other[1] if isinstance(other, tuple) else other
    if symbolic.can_equal(a, b):
        return
    for h in range(1, 3000):
        x, y = symbolic.evaluate(a, h), symbolic.evaluate(b, h)
        assert not (x >= 1 and y >= 1 and x == y)


@settings(max_examples=200, deadline=None)
@given(sums(), nests | st.integers(1, 40))
def test_broadcast_sizes_are_every_size_where_a_sum_broadcasts(drawn, b):
    a = drawn[1]
    sizes = symbolic.broadcast_sizes(a, b)
    if sizes is None or isinstance(a, int):
        return
    start = max(symbolic.lowest_valid(d) or 1 for d in (a, b) if not isinstance(d, int))
    found = {h for h in range(start, 3000)
             if (x := symbolic.evaluate(a, h)) >= 1 and (y := symbolic.evaluate(b, h)) >= 1 and (x == y or 1 in (x, y))}
    if not found:
        found = {h for h in range(1, start)
                 if (x := symbolic.evaluate(a, h)) == (y := symbolic.evaluate(b, h)) or 1 in (x, y)}
    assert sizes == found


@settings(max_examples=200, deadline=None)
@given(sums(), st.integers(1, 60))
def test_values_up_to_and_lowest_valid_are_what_brute_force_finds(drawn, bound):
    total = drawn[1]
    if isinstance(total, int) or not symbolic.is_monotone(total):
        return
    start = symbolic.lowest_valid(total)
    assert start == next(h for h in range(1, 10_000) if symbolic.evaluate(total, h) >= 1)
    values = symbolic.values_up_to(total, bound)
    if values is None:
        return
    seen, h = set(), start
    while (value := symbolic.evaluate(total, h)) <= bound:
        seen.add(value)
        h += 1
    assert values == seen


@settings(max_examples=200, deadline=None)
@given(sums(), nests, st.integers(1, 400))
def test_product_can_equal_is_false_only_when_no_size_gives_the_product(drawn, other, wanted):
    a = drawn[1]
    if symbolic.product_can_equal((a, other), wanted):
        return
    for h in range(1, 400):
        x, y = symbolic.evaluate(a, h), symbolic.evaluate(other, h)
        assert not (x >= 1 and y >= 1 and x * y == wanted)


@given(nests, nests)
def test_a_sum_prints_and_compares_as_the_opaque_text_it_was(a, b):
    total = dim_sum(a, b)
    if total.opaque:
        assert str(total) == f"{a}+{b}" and total == opaque(f"{a}+{b}")
        assert str(dim_add(total, -3)) == f"{a}+{b}-3" and str(dim_mul(total, 2)) == f"2*({a}+{b})"


def test_a_sum_over_two_symbols_or_an_opaque_part_stays_opaque():
    assert dim_sum(Sym("H"), Sym("W", 1, 0, 2)).terms == ()
    assert dim_sum(Sym("H"), opaque("floor(H*1.5)")).terms == ()
    assert symbolic.can_equal(dim_sum(Sym("H"), Sym("W", 1, 0, 2)), 7)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 3), st.integers(-6, 6), st.integers(1, 4))
def test_the_least_value_of_an_argument_is_where_each_conv_it_sizes_has_a_channel(scale, offset, divisor):
    width = Sym("out_ch", scale, offset, divisor)
    floors = symbolic.least_arguments([width, 64, Sym("H", 1, 0, 2)])
    assert set(floors) <= {"out_ch"}
    if floors:
        least = floors["out_ch"]
        assert symbolic.evaluate(width, least) >= 1 and (least == 0 or symbolic.evaluate(width, least - 1) < 1)


def test_a_half_width_beside_the_whole_equals_it_only_where_the_half_conv_has_no_channel():
    half, whole = Sym("out_ch", 1, 0, 2), Sym("out_ch")
    total = dim_sum(half, whole)
    assert str(total) == "out_ch/2+out_ch"
    assert symbolic.can_equal(total, whole)  # at out_ch = 1
    assert not symbolic.can_equal(total, whole, symbolic.least_arguments([half, whole]))


SOURCE = '''
import torch
import torch.nn as nn


class SplitStem(nn.Module):
    def __init__(self, in_ch, width):
        super().__init__()
        self.narrow = nn.Conv2d(in_ch, width // 2, 3, padding=1)
        self.wide = nn.Conv2d(in_ch, width, 3, padding=1)
        self.norm = nn.BatchNorm2d(width)

    def forward(self, x):
        return self.norm(torch.cat([self.narrow(x), self.wide(x)], 1))


class GoodSplitStem(SplitStem):
    def __init__(self, in_ch, width):
        super().__init__(in_ch, width)
        self.wide = nn.Conv2d(in_ch, width // 2, 3, padding=1)


class QuarterSqueeze(nn.Module):
    def __init__(self, planes):
        super().__init__()
        self.main = nn.Conv2d(planes, planes, 1)
        self.squeeze = nn.Conv2d(planes, planes // 4, 1)
        self.merge = nn.Conv2d(planes * 2, planes, 1)

    def forward(self, x):
        return self.merge(torch.cat([self.main(x), self.squeeze(x)], 1))


class GoodQuarterSqueeze(QuarterSqueeze):
    def __init__(self, planes):
        super().__init__(planes)
        self.merge = nn.Conv2d(planes + planes // 4, planes, 1)


class TwoRates(nn.Module):
    def __init__(self, features=400):
        super().__init__()
        self.fine = nn.Sequential(nn.Conv1d(1, 3, 5, stride=2, padding=2), nn.ReLU(), nn.MaxPool1d(4))
        self.coarse = nn.Sequential(nn.Conv1d(1, 2, 9, stride=4, padding=4), nn.ReLU(), nn.MaxPool1d(8))
        self.head = nn.Linear(features, 3)

    def forward(self, x):
        fine = self.fine(x).flatten(1)
        coarse = self.coarse(x).flatten(1)
        return self.head(torch.cat([fine, coarse], 1))


class GoodTwoRates(TwoRates):
    def __init__(self):
        super().__init__(401)


class TwoWideRates(nn.Module):
    def __init__(self):
        super().__init__()
        self.fine = nn.Sequential(nn.Conv1d(1, 64, 8, stride=4), nn.ReLU(), nn.MaxPool1d(2))
        self.coarse = nn.Sequential(nn.Conv1d(1, 64, 32, stride=16), nn.ReLU(), nn.MaxPool1d(2))
        self.head = nn.Linear(64 * 12 + 64 * 2 + 32, 5)

    def forward(self, x):
        joined = torch.cat([torch.flatten(self.fine(x), 1), torch.flatten(self.coarse(x), 1)], dim=1)
        return self.head(joined)


class GoodTwoWideRates(TwoWideRates):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(64 * 12 + 64 * 2, 5)
'''


def _line(text: str) -> int:
    return next(n for n, line in enumerate(SOURCE.splitlines(), 1) if text in line)


@pytest.fixture(scope="module")
def report():
    return lint_text(SOURCE, "sums.py", Settings())


def test_each_bug_is_found_at_its_line_with_no_options(report):
    errors = sorted((d.model, d.span.line, d.code) for d in report.diagnostics if d.severity == "error")
    assert errors == [("QuarterSqueeze", _line("self.merge = nn.Conv2d(planes * 2"), "CL103"),
                      ("SplitStem", _line("self.norm = nn.BatchNorm2d(width)"), "CL104"),
                      ("TwoRates", _line("self.head = nn.Linear(features, 3)"), "CL101"),
                      ("TwoWideRates", _line("self.head = nn.Linear(64 * 12 + 64 * 2 + 32"), "CL101")]
    messages = {d.model: d.message for d in report.diagnostics if d.severity == "error"}
    assert "normalises width channels, but torch.cat gives width/2+width" in messages["SplitStem"]
    assert "expects 2*planes input channels, but torch.cat gives planes+planes/4" in messages["QuarterSqueeze"]
    assert "which no input size makes 400: no input size can work" in messages["TwoRates"]
    assert "a multiple of 64, which 928 is not: no input size can work" in messages["TwoWideRates"]


def test_the_correct_neighbours_are_clean(report):
    assert not [d for d in report.diagnostics if d.model.startswith("Good") and d.severity == "error"]


def _load() -> dict:
    namespace: dict = {"__name__": "sums"}
    exec(compile(SOURCE, "sums.py", "exec"), namespace)
    return namespace


@settings(max_examples=12, deadline=None)
@given(st.integers(1, 24))
def test_torch_refuses_the_argument_bugs_for_every_value(value):
    torch = pytest.importorskip("torch")
    namespace = _load()
    x = torch.zeros(1, 3, 6, 6)
    # width = 1: the narrow conv has no channel, which torch refuses first
    with pytest.raises(RuntimeError, match="running_mean should contain|expected weight to be at least 1"):
        namespace["SplitStem"](3, value).eval()(x)
    with pytest.raises(RuntimeError, match="channels|expected weight to be at least 1"):
        namespace["QuarterSqueeze"](value)(torch.zeros(1, value, 6, 6))
    if value % 2 == 0:
        namespace["GoodSplitStem"](3, value).eval()(x)
    if value >= 4:
        namespace["GoodQuarterSqueeze"](value)(torch.zeros(1, value, 6, 6))


def test_torch_refuses_the_input_bugs_at_every_length_and_runs_the_neighbours():
    torch = pytest.importorskip("torch")
    namespace = _load()
    two_rates, wide = namespace["TwoRates"](), namespace["TwoWideRates"]()
    for length in range(1, 1500, 7):
        x = torch.zeros(1, 1, length)
        with pytest.raises(RuntimeError):
            two_rates(x)
        with pytest.raises(RuntimeError):
            wide(x)
    namespace["GoodTwoRates"]()(torch.zeros(1, 1, 919))
    namespace["GoodTwoWideRates"]()(torch.zeros(1, 1, 100))
