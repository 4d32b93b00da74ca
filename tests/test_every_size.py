"""Bugs that hold for every input size are errors with no input size given: the proofs in
convlint.symbolic against brute force, and each proved bug against torch on a grid of sizes."""

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint import symbolic
from convlint.pipeline import Settings, lint_file, lint_text
from convlint.values import Sym

MODELS = Path(__file__).parent / "proofs" / "every_size.py"
SIZES = range(1, 41)


def layer(bases):
    return st.builds(Sym, bases, st.integers(1, 3), st.integers(-8, 8), st.integers(1, 4))


dims = st.recursive(layer(st.just("H")), layer, max_leaves=3)  # nests of floors on H


@settings(max_examples=200, deadline=None)
@given(dims, dims | st.integers(1, 40))
def test_can_equal_is_false_only_when_no_size_gives_equality(a, b):
    if not symbolic.can_equal(a, b):
        assert all(symbolic.evaluate(a, h) != symbolic.evaluate(b, h) for h in range(1, 3000)
                   if symbolic.evaluate(a, h) >= 1 and symbolic.evaluate(b, h) >= 1)


@settings(max_examples=300, deadline=None)
@given(dims, dims | st.integers(1, 40))
def test_broadcast_sizes_are_every_size_where_two_dims_broadcast(a, b):
    sizes = symbolic.broadcast_sizes(a, b)
    if sizes is None:
        return
    start = max(symbolic.lowest_valid(d) or 1 for d in (a, b) if not isinstance(d, int)) if \
        any(not isinstance(d, int) for d in (a, b)) else 1
    found = {h for h in range(start, 3000)
             if (x := symbolic.evaluate(a, h)) >= 1 and (y := symbolic.evaluate(b, h)) >= 1 and (x == y or 1 in (x, y))}
    if not found:  # they meet nowhere both are whole: the input sides below, where a layer may stop first
        found = {h for h in range(1, start)
                 if (x := symbolic.evaluate(a, h)) == (y := symbolic.evaluate(b, h)) or 1 in (x, y)}
    assert sizes == found



def test_broadcast_sizes_of_a_run_of_small_sizes_are_all_found_and_of_a_run_past_them_none():
    # a doubly strided block after a stride-4 stem: (H+15)/16 is 1 for every H up to 16
    assert symbolic.broadcast_sizes(Sym("H", 1, 15, 16), Sym("H", 1, 7, 8)) == frozenset(range(1, 17))
    # after a stride-8 stem, every H up to 32: the maps there are 2 and 1 pixels, of no use whatever
    # the input's size, so pinned too; a run where the maps grow past tiny is not
    assert symbolic.broadcast_sizes(Sym("H", 1, 31, 32), Sym("H", 1, 15, 16)) == frozenset(range(1, 33))
    assert symbolic.broadcast_sizes(Sym("H", 1, 7, 8), Sym("H", 1, 63, 64)) is None  # 8 pixels against 1


@settings(max_examples=200, deadline=None)
@given(dims, dims, st.integers(1, 400), st.booleans())
def test_product_can_equal_is_false_only_when_no_size_gives_the_product(a, b, wanted, same_symbol):
    if not same_symbol:
        b = _rename(b, "W")
    factors = (a, b)
    if symbolic.product_can_equal(factors, wanted):
        return
    for h in range(1, 120):
        for w in range(1, 120 if not same_symbol else 2):
            values = (symbolic.evaluate(a, h), symbolic.evaluate(b, h if same_symbol else w))
            assert not (all(v >= 1 for v in values) and values[0] * values[1] == wanted)


@settings(max_examples=300, deadline=None)
@given(dims, dims, dims | st.integers(1, 40), dims | st.integers(1, 40))
def test_products_can_equal_is_false_only_when_no_sizes_give_equal_products(a, b, c, d):
    """(a on H) x (c on W) against (b on H) x (d on W), as view(x.size()) of a decoder's output."""
    c, d = (_rename(f, "W") if isinstance(f, Sym) else f for f in (c, d))
    if symbolic.products_can_equal((a, c), (b, d)):
        return
    for h in range(1, 80):
        for w in range(1, 80):
            values = [symbolic.evaluate(f, v) for f, v in ((a, h), (c, w), (b, h), (d, w))]
            assert not (all(v >= 1 for v in values) and values[0] * values[1] == values[2] * values[3])


def _rename(dim, symbol):
    base = symbol if isinstance(dim.base, str) else _rename(dim.base, symbol)
    return Sym(base, dim.scale, dim.offset, dim.divisor)


def bug_lines() -> dict[str, tuple[str, int]]:
    lines = MODELS.read_text().splitlines()
    out = {}
    for number, text in enumerate(lines, start=1):
        match = re.search(r"# BUG (CL\d+)", text)
        if match:
            owner = next(line for line in reversed(lines[:number]) if line.startswith("class "))
            out[owner.split()[1].split("(")[0]] = (match.group(1), number)
    return out


BUGS = bug_lines()
CORRECT = ["SkipPadded", "EvenHeadFixed", "FixedViewFits", "ReconstructionFits", "UpsampleUndoesThePool"]


@pytest.fixture(scope="module")
def report():
    result = lint_file(MODELS, "every_size.py", Settings())
    return result.diagnostics


@pytest.mark.parametrize("name", sorted(BUGS))
def test_a_bug_of_every_size_is_an_error_with_no_input_given(report, name):
    code, line = BUGS[name]
    found = [d for d in report if d.model == name and d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [(code, line)], [d.message for d in found]
    assert "symbolic input" in found[0].message


@pytest.mark.parametrize("name", CORRECT)
def test_the_correct_neighbour_gets_no_error(report, name):
    assert not [d for d in report if d.model == name and d.severity == "error"]


def test_a_model_that_runs_on_one_pixel_only_is_an_error_that_says_so(report):
    line = next(n for n, text in enumerate(MODELS.read_text().splitlines(), 1) if "# TINY CL107" in text)
    (found,) = [d for d in report if d.model == "ResidualShrinks" and d.severity == "error"]
    assert (found.code, found.span.line) == ("CL107", line)
    assert "only inputs of at most 2 pixels along that side run: at 2x3x64x64 torch stops here" in found.message
    model = _load()["ResidualShrinks"]().eval()
    assert _runs(model, 1, 1) and _runs(model, 2, 2)
    assert not any(_runs(model, h, w) for h in range(3, 41) for w in (h, 2 * h + 1))


def test_a_reconstruction_never_the_input_size_is_blamed_on_the_conv_its_decoder_does_not_undo(report):
    (found,) = [d for d in report if d.model == "ReconstructionViewedAsInput" and d.severity == "error"]
    assert "at every input size, and encode.4 on line" in found.message and "given kernel_size=4 makes it run" \
        in found.message
    assert found.fix.startswith("Make decode.4 give the sizes the view asks for")
    assert found.related and found.related[0].line == found.span.line + 5  # the view


def _runs(model, h, w) -> bool:
    torch = pytest.importorskip("torch")
    try:
        with torch.no_grad():
            model(torch.zeros(1, 3, h, w))
        return True
    except RuntimeError:
        return False


def _load():
    namespace: dict = {}
    exec(compile(MODELS.read_text(), str(MODELS), "exec"), namespace)
    return namespace


@pytest.mark.parametrize("name", sorted(BUGS))
def test_torch_fails_at_every_size(name):
    model = _load()[name]().eval()
    assert not any(_runs(model, h, w) for h in SIZES for w in (h, 2 * h + 1))


@pytest.mark.parametrize("name", CORRECT)
def test_torch_runs_the_correct_neighbour_at_some_size(name):
    model = _load()[name]().eval()
    assert any(_runs(model, h, h) for h in SIZES)


def test_the_sizes_a_head_pins_are_found_for_inputs_that_are_not_square():
    torch = pytest.importorskip("torch")
    source = '''
import torch.nn as nn


class Wide(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(8 * 14 * 50, 10)

    def forward(self, x):
        return self.fc(self.pool(self.conv(x)).flatten(1))
'''
    from convlint.pipeline import lint_text

    (note,) = lint_text(source, "wide.py", Settings()).diagnostics
    assert note.code == "CL211" and "such as (50 to 51)x(56 to 57)" in note.message  # the most nearly square
    namespace: dict = {}
    exec(compile(source, "wide.py", "exec"), namespace)
    model = namespace["Wide"]()
    for h, w in ((50, 56), (51, 57), (28, 100)):
        model(torch.zeros(1, 1, h, w))
    for h, w in ((49, 56), (52, 56), (50, 58), (64, 64)):
        with pytest.raises(RuntimeError):
            model(torch.zeros(1, 1, h, w))


@settings(max_examples=200, deadline=None)
@given(dims, st.integers(1, 40))
def test_a_size_that_is_never_1_is_what_it_broadcasts_to_against_an_unknown(dim, other):
    """`out += self.shortcut(x)`, the shortcut's width one of several: wherever the add runs, the
    result keeps a width that is never 1 (the unknown side is that width or 1)."""
    from convlint.shapes import broadcast_shapes
    from convlint.values import Shape, Unknown

    (result,) = broadcast_shapes(Shape((dim,)), Shape((Unknown("one of several"),)))[0].dims
    if symbolic.can_equal(dim, 1):
        assert isinstance(result, Unknown)
    else:
        assert result == dim
        assert all(symbolic.evaluate(dim, h) != 1 for h in SIZES)
    (result,) = broadcast_shapes(Shape((Unknown("one of several"),)), Shape((other,)))[0].dims
    assert result == other if other != 1 else isinstance(result, Unknown)


# A dilated block whose padding is not its dilation, after a stride-2 stem: the add meets only where
# the input has 5 or 6 pixels, where the maps it joins have 3 and 1
STRIDED_STEM_ADD = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, stride=2, padding=1, bias=False)
        self.conv = nn.Conv2d(16, 16, 3, padding=PAD, dilation=2, bias=False)

    def forward(self, x):
        x = self.stem(x)
        return torch.relu(self.conv(x) + x)
'''


def _strided_stem_net(source: str):
    namespace: dict = {}
    exec(compile(source, "stem.py", "exec"), namespace)
    return namespace["Net"]().eval()


def test_an_add_that_meets_only_where_the_maps_it_joins_are_tiny_is_an_error():
    """Judged on the sides where the add is, not the input's: 6 pixels in, 3 and 1 at the add."""
    torch = pytest.importorskip("torch")
    source = STRIDED_STEM_ADD.replace("PAD", "1")
    assert tuple(_strided_stem_net(source)(torch.zeros(1, 3, 6, 6)).shape) == (1, 16, 3, 3)
    with pytest.raises(RuntimeError):
        _strided_stem_net(source)(torch.zeros(1, 3, 64, 64))
    found = [d for d in lint_text(source, "stem.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL107", 10)]
    assert "at 2x3x64x64 torch stops here" in found[0].message


@pytest.mark.parametrize(("pad", "main"), [("2", ""), ("1", "\n\nprint(Net()(torch.zeros(1, 3, 6, 6)).shape)\n")])
def test_a_stem_add_that_fits_or_a_model_stated_to_take_a_tiny_input_stays_clean(pad, main):
    torch = pytest.importorskip("torch")
    source = STRIDED_STEM_ADD.replace("PAD", pad) + main
    side = 6 if main else 64
    _strided_stem_net(STRIDED_STEM_ADD.replace("PAD", pad))(torch.zeros(1, 3, side, side))
    assert not [d for d in lint_text(source, "stem.py", Settings()).diagnostics if d.severity == "error"]
