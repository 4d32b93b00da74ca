"""Widths made of several constructor arguments nothing supplies: a channel attention's squeeze
`channel // reduction`, a dense block's `nChannels + i * growthRate`. Each argument (and each
quotient of two) is a symbol of its own, any whole number from the least value the model's convs
allow it; a mismatch that holds for every such value is an error at its line, anything that
may hold is not. The proofs against brute force, the bugs against torch."""

import itertools
from math import prod

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convlint import symbolic
from convlint.pipeline import Settings, lint_text
from convlint.shapes import dim_sum
from convlint.values import Sym, dim_mul
from tests.source_lines import line_of

NAMES = ("a", "b", "c")


def width(names):
    return st.builds(Sym, names, st.integers(1, 3), st.integers(-3, 3), st.integers(1, 3))


@st.composite
def sums(draw):
    """dim_sum of widths of a few arguments and numbers, maybe scaled, as the evaluator builds one."""
    total = 0
    for part in draw(st.lists(width(st.sampled_from(NAMES)) | st.integers(-4, 4), min_size=1, max_size=4)):
        total = dim_sum(total, part)
    return dim_mul(total, draw(st.integers(1, 3)))


def value_of(dim, values):
    if isinstance(dim, int):
        return dim
    if dim.opaque:
        return sum(value_of(t, values) for t in dim.terms) + dim.offset
    return symbolic.evaluate(dim, values[symbolic.symbol_of(dim)])


@settings(max_examples=300, deadline=None)
@given(sums(), sums() | width(st.sampled_from(NAMES)) | st.integers(0, 12),
       st.fixed_dictionaries({name: st.integers(0, 3) for name in NAMES}))
def test_never_equal_is_said_only_where_no_values_from_the_floors_give_equality(a, b, floors):
    if not isinstance(a, Sym) or symbolic.can_equal(a, b, floors):
        return
    for values in itertools.product(*(range(floors[name], floors[name] + 14) for name in NAMES)):
        x, y = value_of(a, dict(zip(NAMES, values))), value_of(b, dict(zip(NAMES, values)))
        assert not (x >= 1 and y >= 1 and x == y)  # (as every proof: where both are widths)


def test_a_sum_of_several_arguments_is_one_width_however_it_is_written():
    grown = dim_sum(dim_sum(Sym("nChannels"), Sym("growthRate")), Sym("growthRate"))
    concat = dim_sum(Sym("growthRate"), dim_sum(Sym("growthRate"), Sym("nChannels")))
    assert grown == concat and str(grown) == "2*growthRate+nChannels"
    assert symbolic.arguments_sum(grown) and not symbolic.can_equal(grown, Sym("nChannels"), {"growthRate": 1})
    assert symbolic.can_equal(grown, Sym("nChannels"))  # a growth of 0 is not ruled out by itself
    assert symbolic.can_equal(Sym("a"), Sym("b")) and not symbolic.can_equal(Sym("a", 2), Sym("b", 2, 1))


CHANNEL_ATTENTION = '''
import torch.nn as nn


def conv(in_channels, out_channels, kernel_size=3, bias=True):
    return nn.Conv2d(in_channels, out_channels, kernel_size=kernel_size,
                     padding=(kernel_size - 1) // 2, bias=bias)


class CALayer(nn.Module):
    def __init__(self, channel, reduction=16):
        super().__init__()
        self.avg_pool = nn.AdaptiveAvgPool2d(1)
        self.conv_du = nn.Sequential(
            conv(channel, channel // reduction, 1),
            nn.ReLU(inplace=True),
            conv(channel // reduction, GATE, 1),
            nn.Sigmoid())

    def forward(self, x):
        y = self.avg_pool(x)
        y = self.conv_du(y)
        return x * y


class RCAB(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.body = nn.Sequential(conv(args.num_feat, args.num_feat), nn.ReLU(True),
                                  conv(args.num_feat, args.num_feat), CALayer(args.num_feat, args.reduction))

    def forward(self, x):
        res = self.body(x)
        res += x
        return res


class DoubledSqueeze(nn.Module):
    def __init__(self, args):
        super().__init__()
        channel, reduction = args.num_feat, args.reduction
        self.squeeze = conv(channel, channel // reduction, 1)
        self.excite = conv(channel // reduction * SQUEEZED, channel, 1)

    def forward(self, x):
        return x * self.excite(self.squeeze(x)).sigmoid()
'''


def _errors(source):
    result = lint_text(source, "attention.py", Settings())
    return sorted((d.model, d.span.line, d.code) for d in result.diagnostics if d.severity == "error")


def test_a_channel_gate_of_another_width_is_found_at_its_line_for_every_channel():
    """The block's input has the channels its first conv takes, though a pool comes first; the gate
    gives channel // 2, and where channel // 16 has a channel (channel >= 16) that never matches
    nor broadcasts against channel. The same block with the gate of `channel` channels is clean, and
    so is the block built from an args object, whose reduction may be 1 or 2."""
    source = CHANNEL_ATTENTION.replace("GATE", "channel // 2").replace("SQUEEZED", "1")
    found = _errors(source)
    assert ("CALayer", line_of(source, "conv(channel // reduction, channel // 2, 1)"), "CL107") in found
    assert not [f for f in found if f[0] != "CALayer"]  # num_feat = 2, reduction = 1 runs in torch
    assert _errors(CHANNEL_ATTENTION.replace("GATE", "channel").replace("SQUEEZED", "1")) == []


def test_a_squeeze_of_two_arguments_is_one_width_a_doubled_one_another():
    """`channel // reduction` of two arguments is kept as a width: the excitation conv taking twice
    it is refused for every value (the squeeze conv gives it at least one channel)."""
    source = CHANNEL_ATTENTION.replace("GATE", "channel").replace("SQUEEZED", "2")
    assert _errors(source) == [("DoubledSqueeze", line_of(source, "self.excite ="), "CL103")]


@pytest.mark.parametrize("channel", [16, 17, 32, 48, 64])
def test_torch_refuses_the_gate_and_the_doubled_squeeze_and_runs_the_correct_ones(channel):
    torch = pytest.importorskip("torch")
    from argparse import Namespace

    wrong, right = ({"__name__": "attention"} for _ in range(2))
    exec(CHANNEL_ATTENTION.replace("GATE", "channel // 2").replace("SQUEEZED", "2"), wrong)
    exec(CHANNEL_ATTENTION.replace("GATE", "channel").replace("SQUEEZED", "1"), right)
    x = torch.zeros(1, channel, 4, 4)
    with pytest.raises(RuntimeError, match="must match the size"):
        wrong["CALayer"](channel)(x)
    for reduction in (1, 2, 4, 16):
        if channel // reduction:
            with pytest.raises(RuntimeError, match="channels"):
                wrong["DoubledSqueeze"](Namespace(num_feat=channel, reduction=reduction))(x)
            assert right["DoubledSqueeze"](Namespace(num_feat=channel, reduction=reduction))(x).shape == x.shape
            assert right["RCAB"](Namespace(num_feat=channel, reduction=reduction))(x).shape == x.shape
    assert right["CALayer"](channel)(x).shape == x.shape
    # the args-built gate of channel // 2 runs where the model lets channel // 2 be 1
    assert wrong["RCAB"](Namespace(num_feat=2, reduction=1))(torch.zeros(1, 2, 4, 4)).shape == (1, 2, 4, 4)


DENSE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, in_planes, out_planes):
        super().__init__()
        self.conv = nn.Conv2d(in_planes, out_planes, 3, padding=1, bias=False)

    def forward(self, x):
        return torch.cat((x, F.relu(self.conv(x))), 1)


class ResDenseBlock(nn.Module):
    def __init__(self, nChannels, nDenselayer, growthRate):
        super().__init__()
        c = nChannels
        modules = []
        for i in range(nDenselayer):
            modules.append(BasicBlock(c, growthRate))
            c += growthRate
        self.dense_layers = nn.Sequential(*modules)
        self.conv_1x1 = nn.Conv2d(FUSED, nChannels, kernel_size=1, bias=False)

    def forward(self, x):
        return self.conv_1x1(self.dense_layers(x)) + x


class SRNet(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.conv1 = nn.Conv2d(3, args.num_feat, 3, padding=1)
        self.rdb = ResDenseBlock(args.num_feat, args.num_dense, args.growth_rate)

    def forward(self, x):
        return self.rdb(self.conv1(x))
'''


def test_a_dense_fusion_given_the_block_width_is_found_for_symbolic_widths():
    """nChannels + i*growthRate of two arguments is an exact width: the concat after n layers gives
    nChannels + n*growthRate, which the 1x1 fusion sized nChannels never takes (growthRate >= 1,
    the width of each layer's conv); the fusion sized from the loop's `c` is clean."""
    source = DENSE.replace("FUSED", "nChannels")
    assert ("SRNet", line_of(source, "self.conv_1x1 ="), "CL103") in _errors(source)
    assert _errors(DENSE.replace("FUSED", "c")) == []


@pytest.mark.parametrize("feat,dense,growth", [(1, 1, 1), (8, 3, 4), (32, 4, 16), (5, 2, 7)])
def test_torch_refuses_the_dense_fusion_and_runs_the_right_one(feat, dense, growth):
    torch = pytest.importorskip("torch")
    from argparse import Namespace

    wrong, right = ({"__name__": "dense"} for _ in range(2))
    exec(DENSE.replace("FUSED", "nChannels"), wrong)
    exec(DENSE.replace("FUSED", "c"), right)
    args = Namespace(num_feat=feat, num_dense=dense, growth_rate=growth)
    x = torch.zeros(1, 3, 6, 6)
    with pytest.raises(RuntimeError, match="channels"):
        wrong["SRNet"](args)(x)
    assert right["SRNet"](args)(x).shape == (1, feat, 6, 6)


SPATIAL_SIDE = st.builds(lambda name, offset, divisor, pooled: Sym(Sym(name, 1, offset, divisor), 1, 0, pooled)
                         if pooled > 1 else Sym(name, 1, offset, divisor),
                         st.sampled_from("HW"), st.integers(-3, 3), st.integers(1, 4), st.integers(1, 4))


@st.composite
def flattened_and_width(draw):
    """The factors a flatten merges (ints, widths of `a` or `b`, floors of H and W) and a width of
    `a` a Linear takes: often one factor a multiple of `a`, the width another."""
    factors = draw(st.lists(st.integers(1, 6) | width(st.sampled_from("ab")) | SPATIAL_SIDE
                            | st.builds(Sym, st.just("a"), st.integers(1, 4)), min_size=1, max_size=4))
    taken = draw(st.builds(Sym, st.just("a"), st.integers(1, 12)) | width(st.just("a"))
                 | st.builds(lambda w: Sym(w, 3), width(st.just("a"))))
    return tuple(factors), taken


@settings(max_examples=400, deadline=None)
@given(flattened_and_width(), st.fixed_dictionaries({name: st.integers(0, 3) for name in "ab"}))
def test_a_width_cancelled_from_a_product_is_never_equal_only_where_no_values_give_equality(case, floors):
    """`64*wf x h x w` against `32*wf`: the width's argument cancels, and the rest is proved for
    every input size; brute force over every value of a and b from their floors and every side."""
    from convlint.checks.sizes import never_equal_width

    factors, taken = case
    if never_equal_width(factors, taken, floors) is None:
        return
    for a, b, h, w in itertools.product(range(floors["a"], floors["a"] + 12), range(floors["b"], floors["b"] + 6),
                                        range(1, 40), range(1, 40)):
        values = dict(a=a, b=b, H=h, W=w)
        sizes = [value_of(f, values) for f in factors]
        if all(size >= 1 for size in sizes):  # a map that runs: every dim at least 1
            assert prod(sizes) != value_of(taken, values), (factors, taken, values)


def test_the_width_cancels_only_where_it_is_at_least_one_and_a_factor_is_its_multiple():
    wf = Sym("width_factor")
    pooled = (Sym(Sym("H", 1, 3, 4), 1, 0, 8), Sym(Sym("W", 1, 3, 4), 1, 0, 8))
    floors = {"width_factor": 1}
    assert symbolic.cancel_width((dim_mul(64, wf), *pooled), dim_mul(32, wf), floors) == ((64, *pooled), 32, "width_factor")
    assert symbolic.cancel_width((dim_mul(64, wf), *pooled), dim_mul(32, wf), {}) is None  # Linear(0) runs on 0
    assert symbolic.cancel_width((64, *pooled), dim_mul(32, wf), floors) is None  # 32*wf = 64*h*w at wf = 2hw
    assert symbolic.cancel_width((dim_mul(64, wf), *pooled), dim_sum(dim_mul(32, wf), 1), floors) is None
    assert symbolic.cancel_width((dim_mul(64, Sym("k")), *pooled), dim_mul(32, wf), floors | {"k": 1}) is None


WIDE_RESNET = '''
from collections import OrderedDict

import torch.nn as nn
import torch.nn.functional as F


class WideResNet(nn.Module):
    def __init__(self, width_factor: int, labels: int = 10):
        super().__init__()
        self.filters = [16, 1 * 16 * width_factor, 2 * 16 * width_factor, 4 * 16 * width_factor]
        self.f = nn.Sequential(OrderedDict([
            ("0_convolution", nn.Conv2d(3, self.filters[0], 3, stride=1, padding=1)),
            ("1_block", nn.Conv2d(self.filters[0], self.filters[1], 3, stride=1, padding=1)),
            ("2_block", nn.Conv2d(self.filters[1], self.filters[2], 3, stride=2, padding=1)),
            ("3_block", nn.Conv2d(self.filters[2], self.filters[3], 3, stride=2, padding=1, bias=False)),
            ("4_normalization", nn.BatchNorm2d(self.filters[3])),
            ("6_pooling", nn.AvgPool2d(kernel_size=8)),
            ("7_flattening", nn.Flatten()),
            ("8_classification", nn.Linear(in_features=self.filters[TAKEN], out_features=labels)),
        ]))

    def forward(self, x):
        return self.f(x)


class PooledByHand(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.conv = nn.Conv2d(3, 64 * k, 3, stride=4, padding=1)
        self.head = nn.Linear(HAND, 10)

    def forward(self, x):
        x = F.avg_pool2d(self.conv(x), 8)
        return self.head(x.view(x.size(0), -1))


class NormedByHand(nn.Module):
    def __init__(self, k):
        super().__init__()
        self.conv = nn.Conv2d(3, 64 * k, 3, stride=4, padding=1)
        self.norm = nn.BatchNorm1d(NORM)

    def forward(self, x):
        return self.norm(F.avg_pool2d(self.conv(x), 8).flatten(1))
'''


def _wide(taken="3", hand="64 * k", norm="64 * k"):
    return WIDE_RESNET.replace("TAKEN", taken).replace("HAND", hand).replace("NORM", norm)


def test_a_head_taking_another_width_of_the_argument_is_found_for_every_width_and_input_size():
    """64*wf x h x w arrives, a multiple of 64*wf: 32*wf never, whatever the input size and
    width_factor, as a Linear's in_features or a BatchNorm1d's num_features; the head of 64*wf (a
    32x32 input) and one of 128*k (2x1 pooled sides: a 64x32 input) are clean, as is 64*k*4 (a
    64x64 input)."""
    source = _wide(taken="2")
    assert _errors(source) == [("WideResNet", line_of(source, '"8_classification"'), "CL101")]
    source = _wide(hand="32 * k")
    assert _errors(source) == [("PooledByHand", line_of(source, "self.head ="), "CL101")]
    source = _wide(norm="32 * k")
    assert _errors(source) == [("NormedByHand", line_of(source, "self.norm ="), "CL104")]
    for hand in ("64 * k", "128 * k", "64 * k * 4"):
        assert _errors(_wide(hand=hand, norm=hand)) == []


@pytest.mark.parametrize("width_factor,side", [(1, 32), (2, 32), (4, 64), (3, 96), (1, 40)])
def test_torch_refuses_the_narrower_heads_and_runs_the_right_ones(width_factor, side):
    torch = pytest.importorskip("torch")

    wrong, right = ({"__name__": "wide"} for _ in range(2))
    exec(_wide(taken="2", hand="32 * k", norm="32 * k"), wrong)
    exec(_wide(), right)
    x = torch.zeros(2, 3, side, side)
    for model in ("WideResNet", "PooledByHand"):
        with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
            wrong[model](width_factor)(x)
    with pytest.raises(RuntimeError, match="running_mean should contain"):
        wrong["NormedByHand"](width_factor)(x)
    if side < 64:  # 1x1 pooled sides: the 64*wf head's size
        for model in ("WideResNet", "PooledByHand", "NormedByHand"):
            assert right[model](width_factor)(x).shape == (2, 10 if model != "NormedByHand" else 64 * width_factor)
