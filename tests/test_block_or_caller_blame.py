"""Whose fault is a count a block's layer refuses, the block's or its caller's? Another instance of
the block, built by another call with the same wiring, that runs shows the block right: the call
passing the odd value is the edit (an attention gate `Attention_block(F_g=32, F_l=16)` fed a gating
signal of 16, beside gates that run). Every instance failing, each built with other values, shows
the block wrong: its line is the edit (a refinement block's `ConvBNAct(low_channels, ...)` that
forgot the concatenated channels, at all three of its calls). A value a loop starts from (`for t,
c, n, s in setting: ... in_channels = c`) is the caller's where the blocks built from what the loop
carried run."""

import pytest

from convlint.pipeline import Settings, lint_file, lint_text
from tests.source_lines import line_of

ATTENTION = '''
import torch
import torch.nn as nn


class Attention_block(nn.Module):
    def __init__(self, F_g, F_l, F_int):
        super().__init__()
        self.W_g = nn.Sequential(nn.Conv2d(F_g, F_int, 1), nn.BatchNorm2d(F_int))
        self.W_x = nn.Sequential(nn.Conv2d(F_l, F_int, 1), nn.BatchNorm2d(F_int))
        self.psi = nn.Sequential(nn.Conv2d(F_int, 1, 1), nn.Sigmoid())

    def forward(self, g, x):
        return x * self.psi(torch.relu(self.W_g(g) + self.W_x(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = nn.Conv2d(1, 16, 3, padding=1)
        self.enc2 = nn.Conv2d(16, 32, 3, padding=1)
        self.att2 = Attention_block(F_g=32, F_l=32, F_int=16)
        self.up1 = nn.Conv2d(32, 16, 3, padding=1)
        self.att1 = Attention_block(F_g=GATE, F_l=16, F_int=8)
        self.dec1 = nn.Conv2d(32, 16, 3, padding=1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(e1)
        d2 = self.att2(g=e2, x=e2)
        d1 = self.up1(d2)
        a1 = self.att1(g=d1, x=e1)
        return self.dec1(torch.cat([a1, d1], 1))
'''


def _errors(source: str, name: str = "net.py") -> list[tuple[int, int, str]]:
    return [(d.span.line, d.span.column, d.code) for d in lint_text(source, name, Settings()).diagnostics
            if d.severity == "error"]


def _ran(source: str, name: str = "net.py") -> dict:
    namespace: dict = {}
    exec(compile(source, name, "exec"), namespace)
    return namespace


def test_a_gate_given_the_other_argument_where_its_siblings_run_is_blamed_at_its_call():
    """F_g=32 where the up path gives 16, the width F_l holds: W_g reading F_l would fit, but then
    no layer would read F_g, and att2, built with the same wiring, runs: the 32 is the edit."""
    source = ATTENTION.replace("GATE", "32")
    call = source.splitlines()[line_of(source, "self.att1 =") - 1]
    assert _errors(source) == [(line_of(source, "self.att1 ="), call.index("32") + 1, "CL103")]
    assert _errors(ATTENTION.replace("GATE", "16")) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.*to have 32 channels, but got 16"):
        _ran(source)["Net"]()(torch.zeros(1, 1, 8, 8))
    assert _ran(ATTENTION.replace("GATE", "16"))["Net"]()(torch.zeros(1, 1, 8, 8)).shape == (1, 16, 8, 8)


SINGLE_GATE = ATTENTION.replace("        self.att2 = Attention_block(F_g=32, F_l=32, F_int=16)\n", "") \
    .replace("d2 = self.att2(g=e2, x=e2)", "d2 = e2")


def test_a_single_gate_keeps_the_blame_at_its_layer():
    """With no other instance of the block, nothing shows W_g reading the right parameter: the
    finding stays at the layer, where a parameter read in place of another is also fixed."""
    source = SINGLE_GATE.replace("GATE", "32")
    assert [(line, code) for line, _, code in _errors(source)] == [(line_of(source, "self.W_g ="), "CL103")]
    assert _errors(SINGLE_GATE.replace("GATE", "16")) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.*to have 32 channels, but got 16"):
        _ran(source)["Net"]()(torch.zeros(1, 1, 8, 8))
    assert _ran(SINGLE_GATE.replace("GATE", "16"))["Net"]()(torch.zeros(1, 1, 8, 8)).shape == (1, 16, 8, 8)


# gates whose two inputs differ in width: one reading the other's parameter breaks the narrow gate only
WIDE_GATES = ATTENTION.replace("nn.Conv2d(1, 16, 3, padding=1)", "nn.Conv2d(1, 8, 3, padding=1)") \
    .replace("nn.Conv2d(16, 32, 3, padding=1)", "nn.Conv2d(8, 32, 3, padding=1)") \
    .replace("F_g=GATE, F_l=16, F_int=8", "F_g=16, F_l=8, F_int=8") \
    .replace("nn.Conv2d(32, 16, 3, padding=1)\n\n", "nn.Conv2d(24, 16, 3, padding=1)\n\n")


def test_a_layer_reading_a_parameter_another_layer_reads_stays_blamed_in_the_block():
    """W_x = Conv2d(F_g, ...) where F_l is meant: F_g is read by W_g too, so the block's line reads
    the wrong one, although att2 (F_g = F_l) runs either way."""
    source = WIDE_GATES.replace("nn.Conv2d(F_l, F_int, 1)", "nn.Conv2d(F_g, F_int, 1)")
    assert [(line, code) for line, _, code in _errors(source)] == [(line_of(source, "self.W_x ="), "CL103")]
    assert _errors(WIDE_GATES) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.*to have 16 channels, but got 8"):
        _ran(source)["Net"]()(torch.zeros(1, 1, 8, 8))
    assert _ran(WIDE_GATES)["Net"]()(torch.zeros(1, 1, 8, 8)).shape == (1, 16, 8, 8)


WRAPPER = '''
import torch.nn as nn


class ConvBNAct(nn.Sequential):
    def __init__(self, in_channels, out_channels, kernel_size=3, stride=1, groups=1):
        super().__init__(nn.Conv2d(in_channels, out_channels, kernel_size, stride, kernel_size // 2, groups=groups,
                                   bias=False), nn.BatchNorm2d(out_channels), nn.ReLU())
'''

REFINE = '''
import torch
import torch.nn as nn
from modules import ConvBNAct


class Refine(nn.Module):
    def __init__(self, low_channels, high_channels, out_channels):
        super().__init__()
        self.conv_low = ConvBNAct(low_channels, low_channels, 3)
        self.conv_cat = ConvBNAct(low_channels + high_channels, out_channels, 3)

    def forward(self, x_low, x_high):
        x = torch.cat([self.conv_low(x_low), x_high], dim=1)
        return self.conv_cat(x)


class Net(nn.Module):
    def __init__(self, num_class=2):
        super().__init__()
        self.enc1 = ConvBNAct(3, 32, 3)
        self.enc2 = ConvBNAct(32, 64, 3)
        self.enc3 = ConvBNAct(64, 128, 3)
        self.mid = ConvBNAct(128, 128, 3)
        self.refine1 = Refine(128, 128, 64)
        self.refine2 = Refine(64, 64, 32)
        self.refine3 = Refine(32, 32, num_class)

    def forward(self, x):
        x1 = self.enc1(x)
        x2 = self.enc2(x1)
        x3 = self.enc3(x2)
        x = self.mid(x3)
        x = self.refine1(x3, x)
        x = self.refine2(x2, x)
        return self.refine3(x1, x)
'''

REFINE_EDITS = {
    # every Refine fails, each given other counts: the block's line forgot the concatenated channels
    "block": ("ConvBNAct(low_channels + high_channels, out_channels, 3)", "ConvBNAct(low_channels, out_channels, 3)",
              "self.conv_cat =", "low_channels", "expected input.*to have 128 channels, but got 256"),
    # one Refine given a wrong high_channels, the others running: its call is the edit
    "call": ("Refine(64, 64, 32)", "Refine(64, 32, 32)", "self.refine2 =", "32",
             "expected input.*to have 96 channels, but got 128"),
}


def _write(tmp_path, net: str, wrapper: str | None) -> str:
    source = net if wrapper is not None else net.replace("from modules import ConvBNAct\n", WRAPPER[1:])
    if wrapper is not None:
        (tmp_path / "modules.py").write_text(wrapper)
    (tmp_path / "net.py").write_text(source)
    return source


@pytest.mark.parametrize("apart", [False, True], ids=["one-file", "wrapper-in-another-file"])
@pytest.mark.parametrize("edit", sorted(REFINE_EDITS))
def test_every_instance_failing_blames_the_block_and_one_failing_blames_its_call(tmp_path, edit, apart):
    old, new, where, text, _ = REFINE_EDITS[edit]
    source = _write(tmp_path, REFINE.replace(old, new), WRAPPER if apart else None)
    line = line_of(source, where)
    column = source.splitlines()[line - 1].index(text, source.splitlines()[line - 1].index("(")) + 1
    found = [(d.span.line, d.span.column, d.code) for d in lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings())
             .diagnostics if d.severity == "error"]
    assert found == [(line, column, "CL103")]


@pytest.mark.parametrize("apart", [False, True], ids=["one-file", "wrapper-in-another-file"])
def test_the_refinement_blocks_as_written_are_clean(tmp_path, apart):
    _write(tmp_path, REFINE, WRAPPER if apart else None)
    assert [d for d in lint_file(tmp_path / "net.py", str(tmp_path / "net.py"), Settings()).diagnostics if d.severity == "error"] == []


@pytest.mark.parametrize("edit", sorted(REFINE_EDITS))
def test_torch_refuses_each_refinement_edit(tmp_path, edit):
    torch = pytest.importorskip("torch")
    old, new, _, _, message = REFINE_EDITS[edit]
    with pytest.raises(RuntimeError, match=message):
        _ran(REFINE.replace(old, new).replace("from modules import ConvBNAct\n", WRAPPER[1:]))["Net"]()(
            torch.zeros(1, 3, 16, 16))
    assert _ran(REFINE.replace("from modules import ConvBNAct\n", WRAPPER[1:]))["Net"]()(
        torch.zeros(1, 3, 16, 16)).shape == (1, 2, 16, 16)


EXTRACTOR = '''
import torch
import torch.nn as nn


class InvertedResidual(nn.Module):
    def __init__(self, in_channels, out_channels, stride, expand_ratio=6):
        super().__init__()
        hid_channels = int(round(in_channels * expand_ratio))
        self.use_res_connect = stride == 1 and in_channels == out_channels
        self.conv = nn.Sequential(
            ConvBNAct(in_channels, hid_channels, 1),
            ConvBNAct(hid_channels, hid_channels, 3, stride, groups=hid_channels),
            ConvBNAct(hid_channels, out_channels, 1),
        )

    def forward(self, x):
        if self.use_res_connect:
            return x + self.conv(x)
        return self.conv(x)


class Extractor(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        setting = [
            # t, c, n, s
            [6, 32, 2, 2],
            [6, 48, 2, 1],
        ]
        features = []
        for t, c, n, s in setting:
            for i in range(n):
                stride = s if i == 0 else 1
                features.append(InvertedResidual(in_channels, c, stride, t))
                in_channels = c
        self.bottlenecks = nn.Sequential(*features)
        self.head = nn.Conv2d(in_channels, out_channels, 1)

    def forward(self, x):
        return self.head(self.bottlenecks(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, 2, 1)
        self.extractor = Extractor(FIRST, 64)

    def forward(self, x):
        return self.extractor(self.stem(x))
'''

EXTRACTORS = {
    "wrapped": EXTRACTOR + WRAPPER.replace("import torch.nn as nn\n", ""),
    # (the block's own convs: the loop's call is the nearest to the layer)
    "plain": EXTRACTOR.replace("ConvBNAct(in_channels, hid_channels, 1)", "nn.Conv2d(in_channels, hid_channels, 1)")
    + WRAPPER.replace("import torch.nn as nn\n", ""),
}


@pytest.mark.parametrize("case", sorted(EXTRACTORS))
def test_the_value_a_loop_of_blocks_starts_from_is_blamed_where_it_is_passed(case):
    """Extractor(16, 64) after a stem of 32: the first block's conv reads the 16, the later ones
    read what the loop carried (`in_channels = c`) and run; the first block's c is 32 too, so the
    loop's call passing in_channels where c would fit is no edit: the caller's 16 is."""
    source = EXTRACTORS[case].replace("FIRST", "16")
    call = source.splitlines()[line_of(source, "self.extractor =") - 1]
    assert _errors(source) == [(line_of(source, "self.extractor ="), call.index("16") + 1, "CL103")]
    assert _errors(EXTRACTORS[case].replace("FIRST", "32")) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.*to have 16 channels, but got 32"):
        _ran(source)["Net"]()(torch.zeros(1, 3, 32, 32))
    assert _ran(EXTRACTORS[case].replace("FIRST", "32"))["Net"]()(torch.zeros(1, 3, 32, 32)).shape == (1, 64, 8, 8)


NIN = '''
import torch
from torch import nn


class NIN(nn.Module):
    def __init__(self, in_channels=1, num_class=10):
        super().__init__()
        self.features = nn.Sequential(
            self.nin_block(in_channels, 96, kernel_size=11, strides=4, padding=0),
            nn.MaxPool2d(3, stride=2),
            self.nin_block(SECOND, kernel_size=5, strides=1, padding=2),
            nn.MaxPool2d(3, stride=2),
            self.nin_block(256, 384, kernel_size=3, strides=1, padding=1),
            nn.MaxPool2d(3, stride=2),
            self.nin_block(384, num_class, kernel_size=3, strides=1, padding=1),
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten())

    def forward(self, x):
        return self.features(x)

    @classmethod
    def nin_block(cls, in_channels, out_channels, kernel_size, strides, padding):
        return nn.Sequential(
            nn.Conv2d(READ, out_channels, kernel_size, strides, padding), nn.ReLU(),
            nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU())
'''

NIN_CASES = {
    # the helper's first conv reads out_channels where in_channels is meant: the symbolic input is
    # made as wide as the first call's conv asks, so that call fits, and no other does
    "helper": ("out_channels", "96, 256", "nn.Conv2d(READ", "expected input.*to have 256 channels, but got 96"),
    # the helper is right, one call passes a count the block before does not give
    "call": ("in_channels", "128, 256", "self.nin_block(SECOND", "expected input.*to have 128 channels, but got 96"),
}


def _nin(read: str, second: str) -> str:
    return NIN.replace("READ", read).replace("SECOND", second)


@pytest.mark.parametrize("case", sorted(NIN_CASES))
def test_a_helper_reading_the_wrong_parameter_is_blamed_at_its_line_not_at_each_call(case):
    """Every call of a block helper but the first fails on the helper's first conv; that first call
    fits only because the symbolic input is as wide as its conv asks: no witness that the helper is
    right. What arrives is the in_channels each call passes, a parameter the conv reads nowhere:
    one finding, at the helper's line. A helper that reads in_channels keeps the blame at the one
    call that passes a wrong count."""
    read, second, where, message = NIN_CASES[case]
    source = _nin(read, second)
    at = source.splitlines()[line_of(source, where.replace("READ", read).replace("SECOND", second)) - 1]
    column = at.index("nn.Conv2d") + 1 if case == "helper" else at.index("128") + 1
    assert _errors(source) == [(line_of(source, at.strip()), column, "CL103")]
    assert _errors(_nin("in_channels", "96, 256")) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=message):  # (the helper's fed as wide as its first call asks)
        _ran(source)["NIN"]()(torch.zeros(1, 96 if case == "helper" else 1, 224, 224))
    assert _ran(_nin("in_channels", "96, 256"))["NIN"]()(torch.zeros(1, 1, 224, 224)).shape == (1, 10)


DENSE = '''
import torch
import torch.nn as nn


def conv_block(inchannels, outchannels):
    return nn.Sequential(
        nn.BatchNorm2d(inchannels),
        nn.ReLU(),
        nn.Conv2d(inchannels, outchannels, 3, padding=1))


class DenseBlock(nn.Module):
    def __init__(self, num_conv, in_channels, out_channels):
        super().__init__()
        net = []
        for i in range(num_conv):
            in_c = COUNT
            net.append(conv_block(PASSED, out_channels))
        self.net = nn.ModuleList(net)

    def forward(self, X):
        for blk in self.net:
            Y = blk(X)
            X = torch.cat((X, Y), dim=1)
        return X


class DenseNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 7, 2, 3)
        self.block = DenseBlock(4, 64, 32)

    def forward(self, x):
        return self.block(self.stem(x))
'''

DENSE_CASES = {
    # (the count the loop computes, what its call passes, the edit's line, what comes before it there)
    "assigned": ("in_channels", "in_c", "in_c = in_channels", "in_c = "),
    "passed": ("in_channels", "in_channels", "net.append(conv_block(", "conv_block("),
}


def _dense(count: str, passed: str) -> str:
    return DENSE.replace("COUNT", count).replace("PASSED", passed)


@pytest.mark.parametrize("case", sorted(DENSE_CASES))
def test_a_loop_passing_its_count_unchanged_is_blamed_where_it_computes_it(case):
    """A dense block's loop passes in_channels to every conv_block it builds, the growth term
    dropped: the first block fits, each later one is fed 32 channels more than the one before.
    The blocks are right; the loop's count is the one edit (both the norm and the conv of the
    helper fail on it), and the fix names the step."""
    count, passed, where, before = DENSE_CASES[case]
    source = _dense(count, passed)
    line = line_of(source, where)
    column = source.splitlines()[line - 1].index(before) + len(before) + 1
    assert _errors(source) == [(line, column, "CL103"), (line, column, "CL104")]
    fixes = {d.fix for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"}
    assert fixes == {"Add i * 32 to the count the loop passes: each block after the first is fed 32 channels "
                     "more than the one before"}
    right = _dense("in_channels + i * out_channels", "in_c")
    assert _errors(right) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="running_mean should contain 96 elements not 64"):
        _ran(source)["DenseNet"]()(torch.zeros(1, 3, 64, 64))
    assert _ran(right)["DenseNet"]()(torch.zeros(1, 3, 64, 64)).shape == (1, 192, 32, 32)
