"""Widths made of required constructor arguments nothing supplies (tests/corpus/argument_widths.py):
each argument is a symbol, a mismatch that holds for every value is an error, and whatever
else the argument is used for stays unknown. Checked against torch for many values."""

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from convlint import symbolic
from convlint.pipeline import Settings, lint_file, lint_text
from convlint.values import Sym

CORPUS = Path(__file__).parent / "corpus"
NAME = "argument_widths.py"


def _lint(**options):
    return lint_file(CORPUS / NAME, NAME, Settings(**options))


def _errors(result):
    return sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def _load() -> dict:
    namespace: dict = {"__name__": "argument_widths"}
    exec(compile((CORPUS / NAME).read_text(), NAME, "exec"), namespace)
    return namespace


def test_a_width_wrong_for_every_value_of_an_argument_is_an_error_at_its_line():
    result = _lint()
    assert _errors(result) == [("Bottlenecked", 59, "CL104"), ("Critic", 21, "CL104"), ("Distill", 91, "CL103"),
                               ("Inception", 34, "CL104"), ("UNetTail", 71, "CL103")]
    messages = {d.span.line: d.message for d in result.diagnostics if d.severity == "error"}
    assert "normalises 4*channel_size channels, but conv2 gives 2*channel_size" in messages[21]
    assert "for every channel_size and image_size" in messages[21]
    assert "expects 8*ngf input channels, but torch.cat gives 16*ngf" in messages[71]
    # at the helper's call site that passes the count, as for a number
    assert "expects 3*(in_channels/2) input channels, but torch.cat gives 4*(in_channels/2)" in messages[91]
    critic = next(m for m in result.models if m.name == "Critic")
    assert critic.argument_symbols == ("channel_size", "image_size")
    assert any("required constructor arguments not given" in u.why for u in critic.unresolved)


@settings(max_examples=15, deadline=None)
@given(width=st.integers(1, 12))
def test_torch_refuses_each_of_them_for_every_value(width):
    torch = pytest.importorskip("torch")
    namespace = _load()
    with pytest.raises(RuntimeError, match="running_mean should contain"):
        namespace["Critic"](width, 16).eval()(torch.zeros(1, 3, 16, 16))
    with pytest.raises(RuntimeError, match="running_mean should contain"):
        namespace["Inception"](2, width).eval()(torch.zeros(1, 2, 40))
    with pytest.raises(RuntimeError, match="channels"):
        namespace["UNetTail"](width)(torch.zeros(1, 8 * width, 8, 8))
    with pytest.raises(RuntimeError, match="channels"):
        namespace["Distill"](width + 1)(torch.zeros(1, width + 1, 8, 8))
    for channels in (1, 3):  # either choice of the bottleneck
        with pytest.raises(RuntimeError, match="running_mean should contain"):
            namespace["Bottlenecked"](channels, width).eval()(torch.zeros(1, channels, 40))


def test_a_call_of_a_module_or_a_function_chosen_by_an_unknown_condition_follows_each():
    result = _lint(model="Bottlenecked")
    (model,) = result.models
    assert any("a call of one of several modules or functions" in u.why for u in model.unresolved)
    assert model.output.shape.dims[1] == Sym("n_filters", 3)
    assert model.output.shape.dims[2] == Sym("L")  # both choices keep the length


@settings(max_examples=15, deadline=None)
@given(ngf=st.integers(1, 6), side=st.integers(2, 8))
def test_symbolic_widths_evaluate_to_torchs_for_every_value(ngf, side):
    torch = pytest.importorskip("torch")
    result = _lint(model="GoodUNetTail")
    assert _errors(result) == []
    (model,) = result.models
    real = _load()["GoodUNetTail"](ngf)
    seen = {}
    for name, module in real.named_modules():
        module.register_forward_hook(lambda m, i, o, name=name: seen.setdefault(name, tuple(o.shape)) and None)
    real(torch.zeros(1, 8 * ngf, 2 * side, 2 * side))
    for call in model.calls:
        name = "" if call.node.label == "GoodUNetTail" else call.node.label
        channels = call.output.shape.dims[1]
        assert symbolic.evaluate(channels, ngf) == seen[name][1], name


@settings(max_examples=10, deadline=None)
@given(z_dim=st.integers(1, 16))
def test_a_latent_viewed_with_an_argument_width_has_torchs_shapes_for_every_value(z_dim):
    torch = pytest.importorskip("torch")
    (model,) = _lint(model="LatentGenerator").models
    assert str(model.output.shape) == "Nx3x8x8"
    real = _load()["LatentGenerator"](z_dim)
    seen = {}
    for name, module in real.named_modules():
        module.register_forward_hook(lambda m, i, o, name=name: seen.setdefault(name, tuple(o.shape)) and None)
    real(torch.randn(2, z_dim))
    for call in model.calls:
        name = "" if call.node.label == "LatentGenerator" else call.node.label
        assert tuple(symbolic.evaluate(d, 2) if d == Sym("N") else d for d in call.output.shape.dims) == seen[name]


def test_arguments_that_are_not_widths_are_never_errors():
    """GoodWidths runs in torch with alpha=0.75 and an even `half`: `int(64 * alpha)` is not a
    multiple of 64, `mode in (...)` and `isinstance(ndf, int)` are not known."""
    assert _errors(_lint(model="GoodWidths")) == []
    torch = pytest.importorskip("torch")
    _load()["GoodWidths"](3, 8, 0.75, "bn", 6).eval()(torch.zeros(1, 3, 8, 8))


def test_values_known_only_as_symbols_are_never_taken_as_other_values():
    """`in`, isinstance and int() of a symbol: unknown, so neither branch is taken as certain."""
    source = '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self, width, mode):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 3)
        if mode in ("wide", "narrow"):
            self.bn = nn.BatchNorm2d(width)
        else:
            self.bn = nn.BatchNorm2d(width + 1)
        if isinstance(width, int):
            self.head = nn.Conv2d(width, 8, 1)
        else:
            self.head = nn.Conv2d(width * 2, 8, 1)

    def forward(self, x):
        return self.head(self.bn(self.conv(x)))
'''
    result = lint_text(source, "net.py", Settings())
    assert _errors(result) == []
    lines = sorted(u.span.line for u in result.models[0].unresolved)
    assert 8 in lines and 12 in lines  # both conditions listed as not known


def test_argument_symbols_are_never_an_inputs_symbols():
    assert symbolic.argument_symbol("ndf") == Sym("ndf")
    assert symbolic.argument_symbol("H") == Sym("H_") and symbolic.is_width(Sym("H_", 2))
    assert not symbolic.is_width(Sym("H", 2)) and not symbolic.is_width(Sym("ndf", -1))


ZERO_EXTRA = '''
import torch.nn as nn

class Net(nn.Module):
    def __init__(self, extra):
        super().__init__()
        self.conv = nn.Conv2d(3, 64 + extra, 3)
        self.bn = nn.BatchNorm2d(64)

    def forward(self, x):
        return self.bn(self.conv(x))
'''


def test_an_argument_may_be_zero_where_the_width_it_makes_is_not():
    """`64 + extra` with extra = 0 is 64: not a mismatch with BatchNorm2d(64); `4 * c` against
    `2 * c` is, as a width of 0 channels is none."""
    assert _errors(lint_text(ZERO_EXTRA, "net.py", Settings())) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(ZERO_EXTRA, namespace)
    namespace["Net"](0).eval()(torch.zeros(1, 3, 8, 8))
    assert not symbolic.can_equal(Sym("c", 4), Sym("c", 2)) and symbolic.can_equal(Sym("extra", 1, 64), 64)


# --- loops counted by a required argument (tests/corpus/loop_counts.py)
def _lint_loops(model: str):
    return lint_file(CORPUS / "loop_counts.py", "loop_counts.py", Settings(model=model))


def test_a_head_wrong_for_every_loop_count_tried_is_an_error_at_its_line():
    result = _lint_loops("CountedNet")
    assert _errors(result) == [("CountedNet", 49, "CL101")]
    (message,) = [d.message for d in result.diagnostics if d.severity == "error"]
    assert "for n_block = 1, 2, 3, 4, 5 and 6 (nothing gives it a value: each tried)" in message
    (model,) = result.models
    assert {tuple(values.items()) for values, _ in model.count_trials} == {(("n_block", n),) for n in (1, 2, 3, 4, 5, 6)}


def test_a_loop_only_a_counted_loop_reaches_is_counted_too():
    result = _lint_loops("DenseFusion")
    assert _errors(result) == [("DenseFusion", 102, "CL103")]
    (message,) = [d.message for d in result.diagnostics if d.severity == "error"]
    assert "expects 5*num_features input channels, but torch.cat gives 6*num_features" in message
    assert "for num_blocks and num_layers = 1, 2, 3, 4, 5 and 6" in message


def test_one_symbolic_width_compared_with_itself_is_equal():
    (model,) = _lint_loops("SameWidth").models
    assert not [u for u in model.unresolved if "condition not known" in u.why]
    assert str(model.output.shape) == "Nx(channels)xL"


COUNT_AFTER_OFFSET = '''
import torch.nn as nn

class Tail(nn.Module):
    def __init__(self, num_downs):
        super().__init__()
        self.layers = nn.Sequential(*[nn.Conv2d(8, 8, 3, padding=1) for _ in range(num_downs - 5)])
        self.head = nn.Conv2d(16, 4, 1)

    def forward(self, x):
        return self.head(self.layers(x))
'''


def test_counts_are_tried_as_loop_counts_from_one():
    """`range(num_downs - 5)`: num_downs = 6 to 11, so that the loop runs 1 to 6 times (a count
    of 1 to 6 would run it never, a model no caller builds)."""
    result = lint_text(COUNT_AFTER_OFFSET, "tail.py", Settings())
    (model,) = result.models
    assert [values for values, _ in model.count_trials] == [{"num_downs": n} for n in range(6, 12)]
    (message,) = [d.message for d in result.diagnostics if d.severity == "error"]
    assert "for num_downs = 6, 7, 8, 9, 10 and 11" in message


DEPTH_COUNTED = '''
import torch.nn as nn

class CifarNet(nn.Module):
    def __init__(self, depth, num_classes=10):
        super().__init__()
        assert (depth - 2) % 6 == 0, "depth should be 6n+2"
        n = (depth - 2) // 6
        layers = [nn.Conv2d(3, 16, 3, padding=1)]
        for _ in range(n):
            layers += [nn.Conv2d(16, 16, 3, padding=1), nn.ReLU()]
        layers += [nn.Conv2d(16, 64, 3, stride=2, padding=1)]
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(32, num_classes)  # the features have 64 channels

    def forward(self, x):
        return self.fc(self.features(x).mean((2, 3)))
'''


def test_a_count_that_is_a_floor_of_the_argument_is_tried_as_a_loop_count():
    """`n = (depth - 2) // 6`: depth = 8, 14, ... 38, the least value at which the loop runs 1 to 6
    times (the model's assert holds at each)."""
    result = lint_text(DEPTH_COUNTED, "cifar.py", Settings())
    (model,) = result.models
    assert [values for values, _ in model.count_trials] == [{"depth": 6 * n + 2} for n in range(1, 7)]
    assert _errors(result) == [("CifarNet", 14, "CL101")]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(DEPTH_COUNTED, "cifar.py", "exec"), namespace)
    for depth in (8, 20, 56):
        with pytest.raises(RuntimeError, match="cannot be multiplied"):
            namespace["CifarNet"](depth)(torch.zeros(2, 3, 8, 8))


TRUE_DIVISION_COUNTED = '''
import torch
import torch.nn as nn


class Layer(nn.Module):
    def __init__(self, in_planes, growth):
        super().__init__()
        self.conv = nn.Conv2d(in_planes, growth, 3, padding=1)

    def forward(self, x):
        return torch.cat([x, self.conv(x)], 1)


class DenseNet3(nn.Module):
    def __init__(self, depth, num_classes=10, growth_rate=12, bottleneck=False):
        super().__init__()
        in_planes = 2 * growth_rate
        n = (depth - 4) / 3
        if bottleneck == True:
            n = n / 2
        n = int(n)
        self.conv1 = nn.Conv2d(3, in_planes, 3, padding=1)
        self.block1 = nn.Sequential(*[Layer(in_planes + i * growth_rate, growth_rate) for i in range(n)])
        in_planes = in_planes + n * growth_rate
        self.bn = nn.BatchNorm2d(in_planes + 1)  # one more than the block gives

    def forward(self, x):
        return self.bn(self.block1(self.conv1(x)))
'''


def test_a_count_that_is_int_of_a_true_division_is_tried_as_a_loop_count():
    """`n = int((depth - 4) / 3)` (DenseNet-BC's): int() of the quotient is its floor, so depth = 7,
    10, ... 22 runs the loop 1 to 6 times."""
    result = lint_text(TRUE_DIVISION_COUNTED, "dense.py", Settings())
    model = next(m for m in result.models if m.name == "DenseNet3")
    assert [values for values, _ in model.count_trials] == [{"depth": 3 * n + 4} for n in range(1, 7)]
    assert _errors(result) == [("DenseNet3", 26, "CL104")]
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(TRUE_DIVISION_COUNTED, "dense.py", "exec"), namespace)
    for depth in (7, 40, 100):
        with pytest.raises(RuntimeError, match="running_mean should contain"):
            namespace["DenseNet3"](depth).eval()(torch.zeros(1, 3, 8, 8))


def test_a_size_given_for_every_model_tries_no_counts():
    result = lint_text(COUNT_AFTER_OFFSET, "tail.py", Settings(input_shapes={"": (1, 8, 16, 16)}))
    (model,) = result.models
    assert model.count_trials == []


def test_a_model_right_for_some_counts_only_is_no_error():
    assert _errors(_lint_loops("OnlyThree")) == []
    assert _errors(_lint_loops("GoodCountedNet")) == []


@settings(max_examples=12, deadline=None)
@given(base=st.integers(1, 8), n_block=st.integers(1, 6))
def test_torch_refuses_the_head_for_every_count_and_runs_the_fixed_one(base, n_block):
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile((CORPUS / "loop_counts.py").read_text(), "loop_counts.py", "exec"), namespace)
    x = torch.zeros(2, 3, 16)
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        namespace["CountedNet"](3, base, n_block, 5).eval()(x)
    assert namespace["GoodCountedNet"](3, base, n_block, 5).eval()(x).shape == (2, 5)
    assert namespace["OnlyThree"](3).eval()(torch.zeros(2, 1, 16)).shape == (2, 10)
    with pytest.raises(RuntimeError, match="channels"):
        namespace["DenseFusion"](base, n_block, 2)(torch.zeros(1, 3, 8, 8))


SUMMED_WIDTHS = '''
import torch.nn as nn

class Fuse(nn.Module):
    def __init__(self, g0, g, c):
        super().__init__()
        self.conv = nn.Conv2d(g0 + c * g, g0, 1)

    def forward(self, x):
        return self.conv(x)

class Net(nn.Module):
    def __init__(self, nf):
        super().__init__()
        self.fuse = Fuse(nf, nf, 3)

    def forward(self, x):
        return self.fuse(x)
'''


def test_widths_of_one_argument_add_up():
    """RDN's local fusion `nn.Conv2d(G0 + C*G, G0, 1)` with G0 = G = num_features: 4*nf."""
    (model,) = [m for m in lint_text(SUMMED_WIDTHS, "net.py", Settings(model="Net")).models]
    conv = next(c for c in model.calls if c.node.label == "fuse.conv")
    assert conv.record.in_channels == Sym("nf", 4)


ARITHMETIC = "width_arithmetic.py"


def test_width_arithmetic_of_real_code_keeps_the_width_and_finds_the_bug_for_every_value():
    result = lint_file(CORPUS / ARITHMETIC, ARITHMETIC, Settings())
    found = {(d.model, d.span.line, d.code): d.message for d in result.diagnostics if d.severity == "error"}
    assert sorted(found) == [("Doubling", 17, "CL101"), ("WideningNet", 64, "CL101")]
    assert "expects 4*base_filters input features, but conv gives 2*base_filters" in found[("Doubling", 17, "CL101")]
    assert "expects 8*base input features, but torch.cat gives 4*base" in found[("WideningNet", 64, "CL101")]
    scaled = next(m for m in result.models if m.name == "Scaled")
    assert any("int() of an argument not given" in u.why for u in scaled.unresolved)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 64))
def test_torch_agrees_for_every_width(width):
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "width_arithmetic"}
    exec(compile((CORPUS / ARITHMETIC).read_text(), ARITHMETIC, "exec"), namespace)
    x = torch.zeros(2, 1, 16)
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        namespace["Doubling"](width, 3)(x)
    y = torch.zeros(2, width, 16)
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        namespace["WideningNet"](width)(y)
    assert namespace["WideningNetFixed"](width)(y).shape == (2, 10)
    assert namespace["Scaled"](0.75, 3)(x).shape == (2, 3)


ASSERTED = "asserted_length.py"


def test_a_list_argument_whose_length_an_assert_states_runs_its_loop_that_many_times():
    result = lint_file(CORPUS / ASSERTED, ASSERTED, Settings())
    errors = [(d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error"]
    assert errors == [("StridedStack", 19, "CL101")]
    (fixed,) = [m for m in result.models if m.name == "StridedStackFixed"]
    widths = [c.output.shape.dims[1] for c in fixed.calls if c.node.path.startswith("features.")]
    assert widths[:3] == [16, 16, 16] and widths[-1] == 64
    (unasserted,) = [m for m in result.models if m.name == "Unasserted"]
    assert any("loop over values not known" in u.why for u in unasserted.unresolved)


def test_torch_agrees_for_the_asserted_loop():
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "asserted_length"}
    exec(compile((CORPUS / ASSERTED).read_text(), ASSERTED, "exec"), namespace)
    x = torch.zeros(2, 1, 200)
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        namespace["StridedStack"]([3, 3, 3])(x)
    assert namespace["StridedStackFixed"]([3, 2, 3])(x).shape == (2, 10)
    with pytest.raises(AssertionError):
        namespace["StridedStack"]([3, 3])


FLOAT_MULTIPLE = '''
import torch.nn as nn


class Widths(nn.Module):
    def __init__(self, base):
        super().__init__()
        widths = [base, int(base * 1.5), int(0.75 * base * 4), base * 2]
        self.a = nn.Conv2d(1, widths[0], 3, padding=1)
        self.b = nn.Conv2d(widths[0], widths[1], 3, padding=1)
        self.c = nn.Conv2d(widths[1], widths[2], 3, padding=1)
        self.d = nn.Conv2d(widths[1], widths[3], 1)

    def forward(self, x):
        return self.d(self.c(self.b(self.a(x))))
'''


def test_int_of_a_width_times_a_float_is_its_floor():
    """`int(base_c * 1.5)` (BC-ResNet's widths): floor(3*base/2) for every base, so the conv
    that reads widths[1] where widths[2] = 3*base arrives is wrong for every value."""
    result = lint_text(FLOAT_MULTIPLE, "widths.py", Settings())
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL103", 12)
    assert "expects (3*base)/2 input channels, but c gives 3*base" in finding.message
    namespace: dict = {}
    exec(compile(FLOAT_MULTIPLE, "widths.py", "exec"), namespace)
    torch = pytest.importorskip("torch")
    for base in range(2, 12):
        with pytest.raises(RuntimeError, match="channels"):
            namespace["Widths"](base)(torch.zeros(1, 1, 4, 4))


@settings(max_examples=200, deadline=None)
@given(scale=st.sampled_from([0.25, 0.5, 0.75, 1.5, 2.0, 2.5]), divisor=st.sampled_from([1, 2, 3, 4, 6, 7, 49]),
       steps=st.lists(st.tuples(st.sampled_from(["Add", "Subtract", "Multiply", "Divide"]),
                                st.sampled_from([1, 2, 3, 5, 7, 49])),
                      max_size=3),
       value=st.integers(1, 400))
@example(scale=2.0, divisor=49, steps=[("Multiply", 49)], value=1)  # 2 / 49 * 49 is 1.999... in floats
def test_int_of_a_ratio_of_a_width_is_what_python_computes(scale, divisor, steps, value):
    """`int(base * 0.75 * 4)`, `int((depth - 4) / 3 * 2)`: each step keeps the exact ratio (or
    gives up), never the ratio before it."""
    from convlint.evaluator.interpreter import python_arithmetic, quotient_arithmetic, symbolic_arithmetic
    from convlint.evaluator.objects import Quotient
    from convlint.symbolic import evaluate
    from convlint.values import dim_floordiv

    base = Sym("base")
    ratio = symbolic_arithmetic("Divide", symbolic_arithmetic("Multiply", base, scale), divisor)
    number = value * scale / divisor
    for operator, operand in steps:
        ratio = quotient_arithmetic(operator, ratio, operand)
        number = python_arithmetic(operator, number, operand)
    if isinstance(ratio, Quotient) and number >= 0:  # what int() of it gives
        assert evaluate(dim_floordiv(ratio.numerator, ratio.denominator), value) == int(number)


RES2NET_SPLIT = '''
import math
import torch
import torch.nn as nn


class Res2Block(nn.Module):
    def __init__(self, planes, scale=4):
        super().__init__()
        width = int(math.floor(planes / scale))
        self.conv1 = nn.Conv1d(planes, width * scale, 1)
        self.convs = nn.ModuleList([nn.Conv1d(width, width, 3, padding=1) for _ in range(scale - 1)])
        self.conv3 = nn.Conv1d(width * (scale - 1), planes, 1)
        self.width = width

    def forward(self, x):
        pieces = torch.split(self.conv1(x), self.width, 1)
        halves = self.conv1(x).chunk(2, dim=1)
        out = [conv(p) for conv, p in zip(self.convs, pieces)]
        return self.conv3(torch.cat(out + [pieces[-1]], 1)), halves
'''


def test_a_split_of_a_symbolic_width_by_its_own_factor_gives_that_many_pieces():
    """Res2Net/ECAPA blocks: `width = int(math.floor(planes / scale))`, then the `width * scale`
    channels split by `width` are `scale` pieces of `width`, for every planes; so the concat of
    all of them is wrong for conv3, which reads one piece fewer."""
    result = lint_text(RES2NET_SPLIT, "res2split.py", Settings())
    (finding,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL103", 13)
    assert "expects 3*(planes/4) input channels, but torch.cat gives 4*(planes/4)" in finding.message
    assert not [u for m in result.models for u in m.unresolved if "split" in u.why or "chunk" in u.why]
    namespace: dict = {}
    exec(compile(RES2NET_SPLIT, "res2split.py", "exec"), namespace)
    torch = pytest.importorskip("torch")
    for planes in range(4, 40, 3):
        with pytest.raises(RuntimeError, match="channels"):
            namespace["Res2Block"](planes)(torch.zeros(1, planes, 5))


@settings(max_examples=200, deadline=None)
@given(scale=st.integers(1, 6), offset=st.integers(-3, 3), divisor=st.integers(1, 5), times=st.integers(1, 5),
       chunks=st.integers(1, 5), value=st.integers(1, 60))
def test_pieces_of_a_symbolic_dim_are_torchs_for_every_value(scale, offset, divisor, times, chunks, value):
    """x.split(piece) of k*piece channels and x.chunk(n) of a multiple of n: the count and sizes
    are those torch gives at every value of the argument, or unknown."""
    torch = pytest.importorskip("torch")
    from convlint.evaluator.tensor_ops import _pieces
    from convlint.model import Tensor
    from convlint.symbolic import evaluate
    from convlint.values import Shape, dim_floordiv, dim_mul

    piece = dim_floordiv(Sym("planes", scale, offset), divisor)
    size = evaluate(piece, value)
    if size < 1:
        return
    for total, name, amount in ((dim_mul(piece, times), "split", piece), (dim_mul(piece, chunks), "chunk", chunks)):
        result = _pieces(Tensor(Shape((1, total)), "x"), name, [amount, 1], {})
        real = getattr(torch.zeros(1, evaluate(total, value)), name)(evaluate(amount, value), 1)
        assert isinstance(result, tuple)
        assert [evaluate(p.shape.dims[1], value) for p in result] == [p.shape[1] for p in real]


@settings(max_examples=200, deadline=None)
@given(scale=st.integers(1, 6), offset=st.integers(-3, 3), divisor=st.integers(1, 9), value=st.integers(1, 400),
       name=st.sampled_from(["floor", "ceil", "trunc"]))
def test_math_rounding_of_a_ratio_of_a_width_is_what_python_computes(scale, offset, divisor, value, name):
    import math

    from convlint.evaluator.interpreter import symbolic_arithmetic
    from convlint.evaluator.tensor_ops import _math
    from convlint.symbolic import evaluate

    width = Sym("planes", scale, offset)
    number = scale * value + offset
    if number < 0:
        return
    rounded = _math(name, [symbolic_arithmetic("Divide", width, divisor)])
    assert evaluate(rounded, value) == getattr(math, name)(number / divisor)


OPTIONS_OBJECT = '''
import torch
import torch.nn as nn


class Net(nn.Module):  # RCAN(args) / EDSR(args): every width an attribute of an options object
    def __init__(self, args):
        super().__init__()
        n = args.n_feats
        self.head = nn.Conv2d(args.n_colors, n * 2, 3, padding=1)
        self.body = nn.Conv2d(n, n, 3, padding=1)
        self.tail = nn.Conv2d(n, args.n_colors, 3, padding=1)
        if args.act == "relu":
            self.act = nn.ReLU()

    def forward(self, x):
        return self.tail(self.body(self.head(x)))


class UNet(nn.Module):  # a U-Net sized by a list of widths
    def __init__(self, in_ch, features):
        super().__init__()
        f1, f2, f3 = features
        self.a = nn.Conv2d(in_ch, f1, 3, padding=1)
        self.b = nn.Conv2d(f1, f3, 3, padding=1)
        self.c = nn.Conv2d(f3, features[1], 3, padding=1)

    def forward(self, x):
        y = self.b(self.a(x))
        return self.c(torch.cat([y, y], 1))


class Fine(nn.Module):  # parts used as anything but widths stay unknown, never an error
    def __init__(self, opt):
        super().__init__()
        self.conv = nn.Conv2d(3, [opt.width], opt.kernel)
        self.up = nn.PixelShuffle(opt.scale[0])
        self.norm = nn.BatchNorm2d(int(opt.width))

    def forward(self, x):
        return self.norm(self.up(self.conv(x)))
'''


def test_attributes_and_items_of_an_argument_not_given_are_widths_of_their_own():
    """`args.n_feats`, `f1, f2, f3 = features`, `features[1]`: each a symbol, so a width wrong
    for every value of them is an error at its layer; torch agrees for many values."""
    result = lint_text(OPTIONS_OBJECT, "options_object.py", Settings())
    errors = sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")
    assert errors == [("Net", 11, "CL103"), ("UNet", 26, "CL103")]
    messages = {d.model: d.message for d in result.diagnostics if d.severity == "error"}
    assert "expects args.n_feats input channels, but head gives 2*args.n_feats" in messages["Net"]
    assert "expects features[2] input channels, but torch.cat gives 2*features[2]" in messages["UNet"]
    namespace: dict = {}
    exec(compile(OPTIONS_OBJECT, "options_object.py", "exec"), namespace)
    torch = pytest.importorskip("torch")
    from types import SimpleNamespace

    for width in (1, 4, 7):
        with pytest.raises(RuntimeError, match="channels"):
            namespace["Net"](SimpleNamespace(n_feats=width, n_colors=3, act="relu"))(torch.zeros(1, 3, 8, 8))
        with pytest.raises(RuntimeError, match="channels"):
            namespace["UNet"](3, (width, width + 1, width + 2))(torch.zeros(1, 3, 8, 8))


COUNTED_PARTS = '''
import torch.nn as nn
import torch.nn.functional as F


class RCAB(nn.Module):
    def __init__(self, n_feat):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(n_feat, n_feat, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(n_feat, n_feat, 3, padding=1))

    def forward(self, x):
        return self.body(x) + x


class RCAN(nn.Module):  # the loop counts an attribute of the options object
    def __init__(self, args):
        super().__init__()
        self.head = nn.Conv2d(args.n_colors, args.n_feats, 3, padding=1)
        self.body = nn.Sequential(*[RCAB(args.n_feats) for _ in range(args.n_resblocks)])
        self.tail = nn.Conv2d(args.n_feats * 2, args.n_colors, 3, padding=1)

    def forward(self, x):
        x = self.head(x)
        return self.tail(self.body(x) + x)


class WideStage(nn.Module):  # kuangliu/WRN: strides = [stride] + [1] * (n - 1)
    def __init__(self, n, width):
        super().__init__()
        layers, cin = [], 3
        for s in [2] + [1] * (n - 1):
            layers.append(nn.Conv2d(cin, width, 3, s, 1))
            cin = width
        self.body = nn.Sequential(*layers)
        self.fc = nn.Linear(width * 4, 10)

    def forward(self, x):
        x = F.adaptive_avg_pool2d(self.body(x), 1)
        return self.fc(x.view(x.size(0), -1))
'''


def test_loops_counted_by_an_options_attribute_or_a_repeated_list_are_tried():
    """`range(args.n_resblocks)` and `[2] + [1] * (n - 1)`: the model is built again with the count
    1, 2, 3... (the options object's other attributes still symbols); a head wrong for every count
    is an error at its line."""
    result = lint_text(COUNTED_PARTS, "counted_parts.py", Settings())
    errors = {d.model: d for d in result.diagnostics if d.severity == "error"}
    assert sorted((m, d.span.line, d.code) for m, d in errors.items()) == [
        ("RCAN", 21, "CL103"), ("WideStage", 36, "CL101")]
    assert "for args.n_resblocks = 1, 2, 3, 4, 5 and 6 (nothing gives it a value: each tried)" \
        in errors["RCAN"].message
    assert "for n = 2, 3, 4, 5, 6 and 7" in errors["WideStage"].message
    namespace: dict = {}
    exec(compile(COUNTED_PARTS, "counted_parts.py", "exec"), namespace)
    torch = pytest.importorskip("torch")
    from types import SimpleNamespace

    for count in (1, 3):
        args = SimpleNamespace(n_colors=3, n_feats=8, n_resblocks=count)
        with pytest.raises(RuntimeError, match="channels"):
            namespace["RCAN"](args)(torch.zeros(1, 3, 8, 8))
        with pytest.raises(RuntimeError, match="mat1 and mat2"):
            namespace["WideStage"](count, 8)(torch.zeros(2, 3, 8, 8))


RECURSIVE_HOURGLASS = '''
import torch
import torch.nn as nn


# convlint: input-shape=(1, 8, 16, 16)
class Hourglass(nn.Module):  # builds itself n - 1 deep: the depth is a count nothing supplies
    def __init__(self, n, f=8):
        super().__init__()
        self.up1 = nn.Conv2d(f, f, 3, padding=1)
        self.pool1 = nn.MaxPool2d(2, 2)
        self.low1 = nn.Conv2d(f, f, 3, padding=1)
        if n > 1:
            self.low2 = Hourglass(n - 1, f)
        else:
            self.low2 = nn.Conv2d(f, f, 3, padding=1)
        self.low3 = nn.Conv2d(f, f, 3, padding=1)
        self.up2 = nn.Upsample(scale_factor=SCALE, mode="nearest")

    def forward(self, x):
        up1 = self.up1(x)
        low = self.low3(self.low2(self.low1(self.pool1(x))))
        return up1 + self.up2(low)
'''


def test_a_recursion_depth_nothing_supplies_is_tried_as_a_loop_count_is():
    """`Hourglass(n - 1, f)` under `if n > 1:` with n required: the model is built again with
    n = 1, 2, ... (the base case first, then each depth followed to it); an upsample that does not
    undo the pool fails at the add for every depth, as torch does. The right scale is clean."""
    from tests.torch_cases import filled

    wrong, right = filled(RECURSIVE_HOURGLASS, {"SCALE": "4"}), filled(RECURSIVE_HOURGLASS, {"SCALE": "2"})
    result = lint_text(wrong, "hourglass.py", Settings())
    assert _errors(result) == [("Hourglass", 23, "CL107")]
    (message,) = [d.message for d in result.diagnostics if d.severity == "error"]
    assert "for n = 1, 2, 3, 4, 5 and 6 (nothing gives it a value: each tried)" in message
    assert _errors(lint_text(right, "hourglass.py", Settings())) == []
    torch = pytest.importorskip("torch")
    for source, fails in ((wrong, True), (right, False)):
        namespace: dict = {}
        exec(compile(source, "hourglass.py", "exec"), namespace)
        for depth in (1, 2, 3):
            model = namespace["Hourglass"](depth).eval()
            if fails:
                with pytest.raises(RuntimeError, match="must match the size"):
                    model(torch.zeros(1, 8, 16, 16))
            else:
                assert model(torch.zeros(1, 8, 16, 16)).shape == (1, 8, 16, 16)


COUNTED_FROM_ONE = '''
import torch.nn as nn


class FromOne(nn.Module):
    def __init__(self, n, c=8):
        super().__init__()
        self.body = nn.Sequential(*[nn.Conv2d(c, c, 3, padding=1) for _ in range(START, n)])
        self.head = nn.Conv2d(HEAD, c, 1)

    def forward(self, x):
        return self.head(self.body(x))
'''


@pytest.mark.parametrize("start", [1, 2])
def test_a_loop_from_a_known_start_is_tried_with_the_counts_that_run_it(start):
    """`range(1, n)` runs n - 1 times, as `range(n - 1)`: tried with n = 2 to 7, not with the n = 1
    that leaves the body empty (the head, first layer then, would set the input's channels and fit
    anything); a head wrong for every count that runs the body is an error at its line."""
    from tests.torch_cases import filled

    values = {"START": str(start)}
    wrong, right = filled(COUNTED_FROM_ONE, {**values, "HEAD": "2 * c"}), filled(COUNTED_FROM_ONE, {**values, "HEAD": "c"})
    result = lint_text(wrong, "from_one.py", Settings())
    assert _errors(result) == [("FromOne", 9, "CL103")]
    counts = ", ".join(str(n) for n in range(start + 1, start + 6)) + f" and {start + 6}"
    assert f"for n = {counts} (nothing gives it a value: each tried)" in result.diagnostics[0].message
    assert _errors(lint_text(right, "from_one.py", Settings())) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(wrong, "from_one.py", "exec"), namespace)
    for n in range(start + 1, start + 4):
        with pytest.raises(RuntimeError, match="channels"):
            namespace["FromOne"](n)(torch.zeros(1, 8, 8, 8))
    namespace["FromOne"](start)(torch.zeros(1, 16, 8, 8))  # the body empty: the head takes what it is fed


UPSAMPLED_BY_AN_ARGUMENT = '''
import torch.nn as nn
import torch.nn.functional as F

class PreUpsampled(nn.Module):
    def __init__(self, scale_factor):
        super().__init__()
        self.upsample = nn.Upsample(scale_factor=scale_factor, mode="bicubic", align_corners=False)
        self.body = nn.Sequential(nn.Conv2d(3, 64, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(64, 3, 3, padding={pad}))

    def forward(self, x):
        x = self.upsample(x)
        return self.body(x) + x

class Interpolated(nn.Module):
    def __init__(self, scale):
        super().__init__()
        self.scale = scale
        self.conv = nn.Conv2d(1, 1, 3, padding={pad})

    def forward(self, x):
        x = F.interpolate(x, scale_factor=self.scale, mode="nearest")
        return self.conv(x) + x
'''


def test_a_residual_an_argument_scale_resizes_is_checked_for_each_scale_tried():
    """A pre-upsampling net whose scale nothing gives: each scale tried; padding 0 breaks `+ x`
    at every one of them, padding 1 at none."""
    broken = lint_text(UPSAMPLED_BY_AN_ARGUMENT.replace("{pad}", "0"), "sr.py", Settings())
    assert _errors(broken) == [("Interpolated", 20, "CL107"), ("PreUpsampled", 10, "CL107")]
    assert "for scale_factor = 2, 3" in next(d.message for d in broken.diagnostics if d.model == "PreUpsampled")
    assert _errors(lint_text(UPSAMPLED_BY_AN_ARGUMENT.replace("{pad}", "1"), "sr.py", Settings())) == []


@settings(max_examples=8, deadline=None)
@given(scale=st.integers(2, 4), side=st.integers(3, 9))
def test_torch_refuses_the_unpadded_residual_at_every_scale(scale, side):
    torch = pytest.importorskip("torch")
    broken: dict = {}
    exec(UPSAMPLED_BY_AN_ARGUMENT.replace("{pad}", "0"), broken)
    fixed: dict = {}
    exec(UPSAMPLED_BY_AN_ARGUMENT.replace("{pad}", "1"), fixed)
    for name, channels in (("PreUpsampled", 3), ("Interpolated", 1)):
        x = torch.zeros(1, channels, side, side)
        with pytest.raises(RuntimeError, match="must match the size"):
            broken[name](scale)(x)
        assert fixed[name](scale)(x).shape == (1, channels, side * scale, side * scale)


VECTOR_QUANTIZER = '''
import torch
import torch.nn as nn


class VQVAE(nn.Module):
    def __init__(self, h_dim, n_embeddings, embedding_dim):
        super().__init__()
        self.encoder = nn.Conv2d(3, h_dim, 4, 2, 1)
        self.pre_quantization_conv = nn.Conv2d(h_dim, embedding_dim, kernel_size=1)
        self.embedding = nn.Embedding(n_embeddings, embedding_dim)
        self.n_e = n_embeddings
        self.decoder = nn.ConvTranspose2d(WIDTH, 3, 4, 2, 1)

    def forward(self, x):
        z = self.pre_quantization_conv(self.encoder(x)).permute(0, 2, 3, 1).contiguous()
        z_flat = z.view(-1, z.shape[-1])
        d = torch.sum(z_flat ** 2, dim=1, keepdim=True) + torch.sum(self.embedding.weight ** 2, dim=1) \\
            - 2 * torch.matmul(z_flat, self.embedding.weight.t())
        idx = torch.argmin(d, dim=1).unsqueeze(1)
        onehot = torch.zeros(idx.shape[0], self.n_e)
        onehot.scatter_(1, idx, 1)
        z_q = torch.matmul(onehot, self.embedding.weight).view(z.shape)
        z_q = z + (z_q - z).detach()
        return self.decoder(z_q.permute(0, 3, 1, 2).contiguous())
'''


def test_an_embedding_table_sized_by_arguments_keeps_its_widths():
    """A VQ-VAE's codebook nn.Embedding(n_e, e_dim), read as a weight (`matmul(z_flat, weight.t())`,
    `onehot.scatter_(...)`): followed for every value of its arguments, so the decoder after it is
    checked; a width wrong for every value is an error at its line."""
    right = lint_text(VECTOR_QUANTIZER.replace("WIDTH", "embedding_dim"), "vq.py", Settings())
    assert _errors(right) == [] and not [u for u in right.models[0].unresolved if "matmul" in u.why or "view" in u.why]
    wrong = lint_text(VECTOR_QUANTIZER.replace("WIDTH", "embedding_dim * 2"), "vq.py", Settings())
    assert _errors(wrong) == [("VQVAE", 13, "CL103")]


@settings(max_examples=6, deadline=None)
@given(h_dim=st.integers(1, 8), n_embeddings=st.integers(1, 8), embedding_dim=st.integers(1, 8))
def test_torch_runs_the_quantizer_and_refuses_the_doubled_decoder(h_dim, n_embeddings, embedding_dim):
    torch = pytest.importorskip("torch")
    right: dict = {}
    exec(VECTOR_QUANTIZER.replace("WIDTH", "embedding_dim"), right)
    assert right["VQVAE"](h_dim, n_embeddings, embedding_dim)(torch.zeros(2, 3, 8, 8)).shape == (2, 3, 8, 8)
    wrong: dict = {}
    exec(VECTOR_QUANTIZER.replace("WIDTH", "embedding_dim * 2"), wrong)
    with pytest.raises(RuntimeError, match="channels"):
        wrong["VQVAE"](h_dim, n_embeddings, embedding_dim)(torch.zeros(2, 3, 8, 8))


CONDITIONED_GENERATOR = '''
import torch.nn as nn
import torch.nn.functional as F


class Generator(nn.Module):
    def __init__(self, nz, n_classes, code_dim, n_cont):
        super().__init__()
        self.l1 = nn.Linear(nz + n_classes * code_dim + n_cont, 1024)
        self.bn1 = nn.BatchNorm1d(1024)
        self.l2 = nn.Linear(1024, 128 * 7 * 7)
        self.bn2 = nn.BatchNorm1d(WIDTH)
        self.deconv = nn.ConvTranspose2d(128, 1, 4, 2, 1)

    def forward(self, z):
        z = F.relu(self.bn1(self.l1(z)))
        z = F.relu(self.bn2(self.l2(z)))
        return self.deconv(z.view(-1, 128, 7, 7))
'''


def test_a_first_linear_whose_features_are_a_sum_of_arguments_still_gives_the_input_its_rank():
    """`nn.Linear(nz + n_classes * code_dim + n_cont, 1024)` first (a conditional GAN's generator):
    the input is N x C for any C, and what follows is checked."""
    wrong = lint_text(CONDITIONED_GENERATOR.replace("WIDTH", "64 * 7 * 7"), "gen.py", Settings())
    assert _errors(wrong) == [("Generator", 12, "CL104")]
    assert _errors(lint_text(CONDITIONED_GENERATOR.replace("WIDTH", "128 * 7 * 7"), "gen.py", Settings())) == []
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(CONDITIONED_GENERATOR.replace("WIDTH", "64 * 7 * 7"), namespace)
    with pytest.raises(RuntimeError, match="running_mean should contain 6272 elements not 3136"):
        namespace["Generator"](62, 1, 10, 2)(torch.randn(2, 74))
    exec(CONDITIONED_GENERATOR.replace("WIDTH", "128 * 7 * 7"), namespace)
    assert namespace["Generator"](62, 1, 10, 2)(torch.randn(2, 74)).shape == (2, 1, 14, 14)


ITERATED_ARGUMENT = '''
import torch
from torch import nn
from torch.nn.functional import interpolate


class PPM(nn.Module):
    def __init__(self, in_dim, reduction_dim, setting):
        super().__init__()
        self.features = []
        for s in setting:
            self.features.append(nn.Sequential(
                nn.AdaptiveAvgPool2d(s),
                nn.Conv2d(in_dim, reduction_dim, kernel_size=1, bias=False),
                nn.BatchNorm2d(WIDTH),
                nn.ReLU(inplace=True),
            ))
        self.features = nn.ModuleList(self.features)

    def forward(self, x):
        out = [x]
        for f in self.features:
            out.append(interpolate(f(x), size=x.size()[2:], mode="bilinear", align_corners=True))
        return torch.cat(out, 1)
'''


def test_a_loop_over_a_list_argument_is_tried_with_lists_of_each_length():
    """`for s in setting` with setting an argument nothing gives: built again with setting a list of
    1, 2, ... items, each its own symbol; a width wrong at every length is an error at its line."""
    wrong = lint_text(ITERATED_ARGUMENT.replace("WIDTH", "reduction_dim * 2"), "ppm.py", Settings())
    assert _errors(wrong) == [("PPM", 15, "CL104")]
    assert "for len(setting) = 1, 2, 3" in wrong.diagnostics[0].message
    assert _errors(lint_text(ITERATED_ARGUMENT.replace("WIDTH", "reduction_dim"), "ppm.py", Settings())) == []


@settings(max_examples=6, deadline=None)
@given(reduction_dim=st.integers(1, 8), setting=st.lists(st.integers(1, 6), min_size=1, max_size=4))
def test_torch_refuses_the_doubled_norm_for_every_setting(reduction_dim, setting):
    torch = pytest.importorskip("torch")
    wrong: dict = {}
    exec(ITERATED_ARGUMENT.replace("WIDTH", "reduction_dim * 2"), wrong)
    with pytest.raises(RuntimeError, match="running_mean should contain"):
        wrong["PPM"](4, reduction_dim, setting).eval()(torch.zeros(1, 4, 12, 12))
    right: dict = {}
    exec(ITERATED_ARGUMENT.replace("WIDTH", "reduction_dim"), right)
    out = right["PPM"](4, reduction_dim, setting).eval()(torch.zeros(1, 4, 12, 12))
    assert out.shape == (1, 4 + len(setting) * reduction_dim, 12, 12)


def test_items_of_a_list_argument_taken_as_modules_are_never_errors():
    """A list argument that holds modules (`nn.Sequential(*layers)`, `for layer in layers:
    self.blocks.append(layer)`): its items are no widths, so trying lengths claims nothing of them."""
    source = '''
import torch.nn as nn

class Layers(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.blocks = nn.ModuleList()
        for layer in layers:
            self.blocks.append(layer)
        self.head = nn.Sequential(*layers, nn.Conv2d(8, 12, 3, padding=1))
        self.conv = nn.Conv2d(8, 12, 3, padding=1)

    def forward(self, x):
        for b in self.blocks:
            x = b(x)
        return self.conv(x) + self.head(x)
'''
    assert _errors(lint_text(source, "layers.py", Settings())) == []
    assert _errors(lint_text(source, "layers.py", Settings(input_shapes={"Layers": (1, 3, 8, 8)}))) == []


INDEXED_LIST_ARGUMENT = '''
import torch.nn as nn


class Chomp(nn.Module):
    def __init__(self, size):
        super().__init__()
        self.size = size

    def forward(self, x):
        return x[:, :, :-self.size].contiguous()


class Block(nn.Module):
    def __init__(self, cin, cout, k, dilation, padding):
        super().__init__()
        self.net = nn.Sequential(nn.Conv1d(cin, cout, k, padding=padding, dilation=dilation), Chomp(padding), nn.ReLU(),
                                 nn.Conv1d(cout, cout, k, padding=padding, dilation=dilation), Chomp(padding), nn.ReLU())
        self.down = nn.Conv1d(cin, cout, 1) if cin != cout else None

    def forward(self, x):
        out = self.net(x)
        res = x if self.down is None else self.down(x)
        return out + res


class TemporalConvNet(nn.Module):
    def __init__(self, num_inputs, num_channels, kernel_size=2):
        super().__init__()
        layers = []
        for i in range(len(num_channels)):
            d = 2 ** i
            cin = num_inputs if i == 0 else num_channels[i - 1]
            layers += [Block(cin, num_channels[i], kernel_size, d, PADDING)]
        self.network = nn.Sequential(*layers)

    def forward(self, x):
        return self.network(x)
'''


SHORTCUT_FIRST = INDEXED_LIST_ARGUMENT.replace('''        out = self.net(x)
        res = x if self.down is None else self.down(x)
        return out + res''', '''        res = x if self.down is None else self.down(x)
        return self.net(x) + res''')


def test_the_input_read_on_one_path_before_its_first_layer_joins_with_its_rank():
    """`res = x if self.down is None else self.down(x)` before any layer ran on x: the input read on
    the first path had no rank yet; joined as it was, the shortcut lost its shape and the add its check."""
    assert SHORTCUT_FIRST != INDEXED_LIST_ARGUMENT
    wrong = lint_text(SHORTCUT_FIRST.replace("PADDING", "(kernel_size - 1) * d + 1"), "tcn.py", Settings())
    assert [(model, code) for model, line, code in _errors(wrong)] == [("TemporalConvNet", "CL107")]
    assert _errors(lint_text(SHORTCUT_FIRST.replace("PADDING", "(kernel_size - 1) * d"), "tcn.py", Settings())) == []


def test_a_loop_over_the_indices_of_a_list_argument_is_tried_with_lists_of_each_length():
    """`for i in range(len(num_channels))` (a TCN's channel list nothing gives): len() of the list is
    a count of its own, tried as `for c in num_channels` is; a causal padding one too many fails at
    the residual add for every length and every channel list (two convs: one step more broadcasts
    against a length of 1)."""
    wrong = lint_text(INDEXED_LIST_ARGUMENT.replace("PADDING", "(kernel_size - 1) * d + 1"), "tcn.py", Settings())
    assert [(model, code) for model, line, code in _errors(wrong)] == [("TemporalConvNet", "CL107")]
    assert "for len(num_channels) = 1, 2, 3" in wrong.diagnostics[0].message
    assert _errors(lint_text(INDEXED_LIST_ARGUMENT.replace("PADDING", "(kernel_size - 1) * d"), "tcn.py",
                             Settings())) == []


@settings(max_examples=6, deadline=None)
@given(num_channels=st.lists(st.integers(1, 6), min_size=1, max_size=4), length=st.integers(8, 20))
def test_torch_refuses_the_causal_padding_one_too_many_for_every_channel_list(num_channels, length):
    torch = pytest.importorskip("torch")
    wrong: dict = {}
    exec(INDEXED_LIST_ARGUMENT.replace("PADDING", "(kernel_size - 1) * d + 1"), wrong)
    with pytest.raises(RuntimeError, match="must match the size"):
        wrong["TemporalConvNet"](3, num_channels)(torch.zeros(2, 3, length))
    right: dict = {}
    exec(INDEXED_LIST_ARGUMENT.replace("PADDING", "(kernel_size - 1) * d"), right)
    assert right["TemporalConvNet"](3, num_channels)(torch.zeros(2, 3, length)).shape == (2, num_channels[-1], length)


STACKED_GROUPS = '''
import torch
import torch.nn as nn


class Stacked(nn.Module):  # super-image's HAN: every group's map stacked, then fused by one conv
    def __init__(self, args):
        super().__init__()
        n_feats = args.n_feats
        body = [nn.Conv2d(n_feats, n_feats, 3, padding=1) for _ in range(args.n_resgroups)]
        body.append(nn.Conv2d(n_feats, n_feats, 3, padding=1))
        self.head = nn.Conv2d(3, n_feats, 3, padding=1)
        self.body = nn.Sequential(*body)
        self.last_conv = nn.Conv2d(FUSED_IN, n_feats, 3, padding=1)

    def forward(self, x):
        res = self.head(x)
        for name, layer in self.body._modules.items():
            res = layer(res)
            if name == '0':
                stack = res.unsqueeze(1)
            else:
                stack = torch.cat([res.unsqueeze(1), stack], 1)
        n, _, _, h, w = stack.size()
        return self.last_conv(stack.view(n, -1, h, w))
'''


@pytest.mark.parametrize(("fused_in", "fits"), [("n_feats * 11", 10), ("n_feats * 8", 7), ("n_feats", None),
                                                 ("n_feats * 11 + 1", None)])
def test_a_width_a_count_past_those_tried_fits_is_not_an_error(fused_in, fits):
    """A stack of `n_resgroups + 1` maps fused by `Conv2d(n_feats * 11)`: wrong for every count
    tried (1 to 6), right for the 10 groups the options default to; the gap shrinks by one map a
    count, so a count not tried fits and nothing is reported. A width no count reaches (one map,
    or a width off by one channel) is still an error for every count."""
    from types import SimpleNamespace

    from tests.torch_cases import filled

    source = filled(STACKED_GROUPS, {"FUSED_IN": fused_in})
    result = lint_text(source, "stacked.py", Settings())
    assert _errors(result) == ([] if fits else [("Stacked", 14, "CL103")])
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "stacked.py", "exec"), namespace)
    for groups in (1, 3, 6, 7, 10):
        model = namespace["Stacked"](SimpleNamespace(n_feats=4, n_resgroups=groups))
        if groups == fits:
            assert model(torch.zeros(1, 3, 8, 8)).shape == (1, 4, 8, 8)
        else:
            with pytest.raises(RuntimeError, match="channels"):
                model(torch.zeros(1, 3, 8, 8))
