"""A wrong value passed at a call site, through a conv+BN wrapper module (a local nn.Module whose
__init__ hands its parameters to one torch layer), is reported where the caller wrote it: a stride
or padding that breaks a block's add, a width a stage helper passes to a block; and a stride added
to a dense layer's conv is blamed on that conv, not on the cat with the layer's input. Each bug is
checked to fail in torch and each fix to run."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

RESIDUAL = '''
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.utils import _triple


class ConvBN(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0):
        super().__init__()
        self.conv = nn.Conv3d(cin, cout, k, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm3d(cout)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)))


class TripleConvBN(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0):
        super().__init__()
        stride = _triple(stride)
        padding = (padding, padding, padding)
        self.conv = nn.Conv3d(cin, cout, k, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm3d(cout)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.bn(self.conv(x)))


class ResBlock(nn.Module):
    def __init__(self, cin, cout, k=3, wrapper=ConvBN):
        super().__init__()
        self.conv1 = wrapper(cin, cout, k, stride=2, padding=k // 2)
        self.conv2 = wrapper(cout, cout, k, padding=k // 2)
        self.shortcut = wrapper(cin, cout, 1, stride=2)

    def forward(self, x):
        res = self.conv2(self.conv1(x))
        return (self.shortcut(x) + res).relu()


class Net(nn.Module):
    def __init__(self, wrapper=ConvBN):
        super().__init__()
        self.stem = wrapper(3, 16, 3, padding=1)
        self.block = ResBlock(16, 32, wrapper=wrapper)

    def forward(self, x):
        return self.block(self.stem(x))
'''
SHORTCUT = "self.shortcut = wrapper(cin, cout, 1, stride=2)"
CONV2 = "self.conv2 = wrapper(cout, cout, k, padding=k // 2)"
BUGS = {
    "stride": RESIDUAL.replace(SHORTCUT, "self.shortcut = wrapper(cin, cout, 1, stride=1)"),
    "padding": RESIDUAL.replace(CONV2, "self.conv2 = wrapper(cout, cout, k, padding=0)"),
}
THROUGH_TRIPLE = {name: source.replace("def __init__(self, wrapper=ConvBN)", "def __init__(self, wrapper=TripleConvBN)")
                  for name, source in {"right": RESIDUAL, **BUGS}.items()}
VIDEO = (2, 3, 8, 32, 32)


def _errors(source: str, shapes: dict | None = None) -> list[tuple]:
    result = lint_text(source, "net.py", Settings(input_shapes=shapes or {}))
    return sorted((d.model, d.code, d.span.line) for d in result.diagnostics if d.severity == "error")


@pytest.mark.parametrize("triple", [False, True], ids=["wrapper", "wrapper-repeating-its-arguments"])
def test_a_shortcut_stride_passed_to_a_wrapper_is_blamed_at_the_call_site(triple):
    """`ConvBN(cin, cout, 1, stride=1)` as a block's projection shortcut beside a strided main path:
    the shortcut's conv lacks the stride, and the caller wrote it (the wrapper's `stride=stride`,
    or `stride = _triple(stride)` first, is right for its other uses). With an input size and
    without (the add then breaks every size but 1 and 2 pixels)."""
    source = (THROUGH_TRIPLE if triple else BUGS)["stride"]
    line = line_of(source, "self.shortcut = wrapper(cin, cout, 1, stride=1)")
    assert ("Net", "CL107", line) in _errors(source, {"Net": VIDEO})
    assert ("Net", "CL107", line) in _errors(source)
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": VIDEO}))
    (finding,) = [d for d in result.diagnostics if d.model == "Net" and d.code == "CL107"]
    assert finding.span.column == source.splitlines()[line - 1].index("stride=1") + len("stride=") + 1
    assert "self.conv = nn.Conv3d(cin, cout, k, stride=stride" in source.splitlines()[finding.related[0].line - 1]
    assert "keeps the width at 32, but the other path of + on line" in finding.message


def test_a_wrapper_ending_in_a_tensor_method_activation_is_followed_as_well():
    """`self.bn(self.conv(x)).relu()`: the activation keeps the tensor its layer made, as F.relu
    does, so the shortcut's path is still known and the call site blamed."""
    source = BUGS["stride"].replace("return F.relu(self.bn(self.conv(x)))", "return self.bn(self.conv(x)).relu()")
    assert source != BUGS["stride"]
    line = line_of(source, "self.shortcut = wrapper(cin, cout, 1, stride=1)")
    assert ("Net", "CL107", line) in _errors(source, {"Net": VIDEO})
    assert ("Net", "CL107", line) in _errors(source)


@pytest.mark.parametrize("triple", [False, True], ids=["wrapper", "wrapper-repeating-its-arguments"])
def test_a_padding_passed_to_a_wrapper_is_blamed_at_the_call_site(triple):
    source = (THROUGH_TRIPLE if triple else BUGS)["padding"]
    line = line_of(source, "self.conv2 = wrapper(cout, cout, k, padding=0)")
    assert ("Net", "CL107", line) in _errors(source, {"Net": VIDEO})


@pytest.mark.parametrize("triple", [False, True], ids=["wrapper", "wrapper-repeating-its-arguments"])
def test_the_block_with_its_strides_and_paddings_right_is_clean(triple):
    source = THROUGH_TRIPLE["right"] if triple else RESIDUAL
    assert _errors(source, {"Net": VIDEO}) == []
    assert _errors(source) == []


def test_torch_refuses_the_residual_bugs_and_runs_the_fix():
    torch = pytest.importorskip("torch")
    for sources in (BUGS, THROUGH_TRIPLE):
        for name in ("stride", "padding"):
            namespace: dict = {}
            exec(compile(sources[name], "net.py", "exec"), namespace)
            with pytest.raises(RuntimeError, match="must match the size of tensor b"):
                namespace["Net"]()(torch.zeros(*VIDEO))
    for source in (RESIDUAL, THROUGH_TRIPLE["right"]):
        namespace = {}
        exec(compile(source, "net.py", "exec"), namespace)
        assert namespace["Net"]()(torch.zeros(*VIDEO)).shape == (2, 32, 4, 16, 16)


STAGES = '''
import torch.nn as nn


class Bottle(nn.Module):
    def __init__(self, in_filters, out_filters, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_filters, out_filters, 1)
        self.conv2 = nn.Conv2d(out_filters, out_filters, 3, stride, 1)
        self.conv3 = nn.Conv2d(out_filters, out_filters * 4, 1)
        self.short = nn.Conv2d(in_filters, out_filters * 4, 1, stride)

    def forward(self, x):
        return self.conv3(self.conv2(self.conv1(x))) + self.short(x)


class ConvBlock(nn.Module):
    def __init__(self, in_filters, out_filters, kernel_size, stride, padding):
        super().__init__()
        self.conv = nn.Conv2d(in_filters, out_filters, kernel_size=kernel_size, stride=stride, padding=padding)
        self.bn = nn.BatchNorm2d(out_filters)

    def forward(self, x):
        return self.bn(self.conv(x))


class Identity(nn.Module):
    def __init__(self, in_filters, out_filters):
        super().__init__()
        self.conv1 = ConvBlock(in_filters, out_filters, kernel_size=1, stride=1, padding=0)
        self.conv2 = nn.Conv2d(out_filters, out_filters, 3, 1, 1)
        self.conv3 = nn.Conv2d(out_filters, out_filters * 4, 1)

    def forward(self, x):
        return self.conv3(self.conv2(self.conv1(x))) + x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 3, 1, 1)
        self.block1 = self._stage(64, 64, 2, 1)
        self.block2 = self._stage(256, 128, 2, 2)

    def _stage(self, in_f, out_f, n, stride):
        layers = [Bottle(in_f, out_f, stride)]
        for _ in range(n - 1):
            layers.append(Identity(in_filters=out_f * 4, out_filters=out_f))
        return nn.Sequential(*layers)

    def forward(self, x):
        return self.block2(self.block1(self.stem(x)))
'''
RIGHT_WIDTH = "layers.append(Identity(in_filters=out_f * 4, out_filters=out_f))"
WRONG_WIDTH = STAGES.replace(RIGHT_WIDTH, "layers.append(Identity(in_filters=out_f, out_filters=out_f))")
# the stem of the model built through the wrapper too, whose other uses then fit
STEM = ("self.stem = nn.Conv2d(3, 64, 3, 1, 1)", "self.stem = ConvBlock(3, 64, 3, 1, 1)")


@pytest.mark.parametrize("stem", [False, True], ids=["wrapper-used-once", "wrapper-also-the-stem"])
def test_a_width_a_stage_helper_passes_to_a_block_through_its_wrapper_is_blamed_in_the_helper(stem):
    """Every Identity block reads in_filters right (its ConvBlock wrapper passes it on, as a conv
    would), and every stage gets its own numbers right: the helper's `in_filters=out_f`, which
    breaks every stage, is the line to change."""
    source = WRONG_WIDTH.replace(*STEM) if stem else WRONG_WIDTH
    line = line_of(source, "layers.append(Identity(in_filters=out_f, out_filters=out_f))")
    errors = _errors(source)
    assert errors and {e[2] for e in errors} == {line}
    assert {e[1] for e in errors} == {"CL103"}


def test_without_the_wrapper_the_helper_line_is_blamed_as_before():
    source = WRONG_WIDTH.replace("self.conv1 = ConvBlock(in_filters, out_filters, kernel_size=1, stride=1, padding=0)",
                                 "self.conv1 = nn.Conv2d(in_filters, out_filters, 1)")
    line = line_of(source, "layers.append(Identity(in_filters=out_f, out_filters=out_f))")
    assert {e[2] for e in _errors(source)} == {line}


@pytest.mark.parametrize("stem", [False, True], ids=["wrapper-used-once", "wrapper-also-the-stem"])
def test_the_stages_with_the_right_width_are_clean(stem):
    assert _errors(STAGES.replace(*STEM) if stem else STAGES) == []


def test_torch_refuses_the_helper_width_and_runs_the_fix():
    torch = pytest.importorskip("torch")
    for source, fails in ((WRONG_WIDTH, True), (WRONG_WIDTH.replace(*STEM), True), (STAGES, False),
                          (STAGES.replace(*STEM), False)):
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="expected input.* to have 64 channels, but got 256"):
                namespace["Net"]()(torch.zeros(2, 3, 32, 32))
        else:
            assert namespace["Net"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 512, 16, 16)


DENSE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Bottleneck(nn.Module):
    def __init__(self, in_channels, growth_rate):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, 4 * growth_rate, kernel_size=1, bias=False)
        self.bn2 = nn.BatchNorm2d(4 * growth_rate)
        self.conv2 = nn.Conv2d(4 * growth_rate, growth_rate, kernel_size=3, padding=1, bias=False)

    def forward(self, x):
        out = self.conv1(F.relu(self.bn1(x)))
        out = self.conv2(F.relu(self.bn2(out)))
        return torch.cat([out, x], 1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 24, 3, padding=1, bias=False)
        self.block = Bottleneck(24, 12)

    def forward(self, x):
        return self.block(self.conv(x))
'''
RIGHT_CONV = "self.conv2 = nn.Conv2d(4 * growth_rate, growth_rate, kernel_size=3, padding=1, bias=False)"
STRIDED_DENSE = DENSE.replace(RIGHT_CONV, RIGHT_CONV.replace("padding=1,", "padding=1, stride=2,"))


@pytest.mark.parametrize("shapes", [None, {"Net": (2, 3, 32, 32)}], ids=["symbolic", "sized"])
def test_a_stride_added_to_a_dense_layer_is_blamed_on_its_conv_not_the_cat(shapes):
    """torch.cat([out, x], 1) joins a dense layer's output with its input: the sides must stay the
    input's, and the one strided conv of the layer, given stride 1, makes the model run."""
    line = line_of(STRIDED_DENSE, "stride=2")
    assert _errors(STRIDED_DENSE, shapes) == [("Net", "CL107", line)]
    result = lint_text(STRIDED_DENSE, "net.py", Settings(input_shapes=shapes or {}))
    (finding,) = [d for d in result.diagnostics if d.code == "CL107"]
    assert f"block.conv2 on line {line} given stride=1 makes it run" in finding.message
    assert finding.related[0].line == line_of(STRIDED_DENSE, "return torch.cat([out, x], 1)")
    assert _errors(DENSE, shapes) == []


def test_torch_refuses_the_strided_dense_layer_and_runs_the_fix():
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(STRIDED_DENSE, "net.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="Sizes of tensors must match except in dimension 1"):
        namespace["Net"]()(torch.zeros(2, 3, 32, 32))
    namespace = {}
    exec(compile(DENSE, "net.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 3, 32, 32)).shape == (2, 36, 32, 32)
