"""A stride written wrong inside a block that every instance of the block runs the same way: the
add fails in every instance, no conv stands out among its peers, and the strided layers along the
add's two paths are tried instead (pipeline._path_suspects), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

BLOCK = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, stride=CONV2_STRIDE, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_planes, planes, 1, stride=SHORTCUT_STRIDE, bias=False),
                nn.BatchNorm2d(planes))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        return F.relu(out)


class ResNet(nn.Module):
    def __init__(self, num_blocks=(2, 2), width=16):
        super().__init__()
        self.in_planes = width
        self.conv1 = nn.Conv2d(1, width, 3, padding=1, bias=False)
        self.layer1 = self._make_layer(width, num_blocks[0], 1)
        self.layer2 = self._make_layer(width * 2, num_blocks[1], 2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(width * 2, 10)

    def _make_layer(self, planes, num_blocks, stride):
        layers = []
        for stride in [stride] + [1] * (num_blocks - 1):
            layers.append(BasicBlock(self.in_planes, planes, stride))
            self.in_planes = planes
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.layer2(self.layer1(F.relu(self.conv1(x))))
        return self.fc(self.pool(out).flatten(1))


if __name__ == "__main__":
    net = ResNet()
    net(torch.randn(2, 1, 32, 32))
'''


def _source(conv2: str = "1", shortcut: str = "stride") -> str:
    return BLOCK.replace("CONV2_STRIDE", conv2).replace("SHORTCUT_STRIDE", shortcut)


def _errors(source: str) -> list:
    result = lint_text(source, "block.py", Settings())
    return [d for d in result.diagnostics if d.severity == "error" and d.model == "ResNet"]


def test_a_stride_every_instance_of_the_block_runs_is_blamed_where_it_is_written():
    source = _source(conv2="2")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.conv2 = nn.Conv2d("))
    assert error.related[0].line == line_of(source, "out += self.shortcut(x)")
    assert "layer1.0.conv2 on line" in error.message and "given stride=1 makes it run" in error.message


def test_a_shortcut_that_lost_its_stride_is_still_blamed_not_the_strided_conv():
    """conv1 at stride 1 would run too, but the shortcut that keeps the size beside a halving path
    is what to change, as before."""
    source = _source(shortcut="1")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "nn.Conv2d(in_planes, planes, 1, stride=1"))


def test_the_correct_block_is_clean():
    assert _errors(_source()) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for source, fails in ((_source(), False), (_source(conv2="2"), True), (_source(shortcut="1"), True)):
        namespace: dict = {}
        exec(compile(source, "block.py", "exec"), namespace)
        net = namespace["ResNet"]()
        if not fails:
            assert tuple(net(torch.zeros(2, 1, 32, 32)).shape) == (2, 10)
            continue
        with pytest.raises(RuntimeError, match="must match the size of tensor b"):
            net(torch.zeros(2, 1, 32, 32))


def test_with_no_input_size_the_stride_is_blamed_from_the_sizes_tried():
    source = _source(conv2="2").split('if __name__')[0]
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.conv2 = nn.Conv2d("))


WRAPPED = '''
import torch
from torch import nn


class Conv(nn.Module):
    def __init__(self, inp_dim, out_dim, kernel_size=3, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(inp_dim, out_dim, kernel_size, stride, padding=(kernel_size - 1) // 2)

    def forward(self, x):
        return self.conv(x)


class Residual(nn.Module):
    def __init__(self, inp_dim, out_dim):
        super().__init__()
        self.conv1 = Conv(inp_dim, out_dim // 2, 1)
        self.conv2 = Conv(out_dim // 2, out_dim // 2, 3, stride=STRIDE)
        self.conv3 = Conv(out_dim // 2, out_dim, 1)
        self.skip_layer = Conv(inp_dim, out_dim, 1)
        self.need_skip = inp_dim != out_dim

    def forward(self, x):
        if self.need_skip:
            residual = self.skip_layer(x)
        else:
            residual = x
        out = self.conv3(self.conv2(self.conv1(x)))
        out += residual
        return out
'''

ASPP = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class ASPP(nn.Module):
    def __init__(self, num_classes=4):
        super().__init__()
        self.conv_a = nn.Conv2d(64, 32, kernel_size=1)
        self.conv_b = nn.Conv2d(64, 32, kernel_size=3, padding=PADDING, dilation=6)
        self.conv_c = nn.Conv2d(64, 32, kernel_size=3, padding=12, dilation=12)
        self.conv_d = nn.Conv2d(64, 32, kernel_size=3, padding=18, dilation=18)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.conv_e = nn.Conv2d(64, 32, kernel_size=1)
        self.head = nn.Conv2d(5 * 32, num_classes, kernel_size=1)

    def forward(self, x):
        h, w = x.size(2), x.size(3)
        a, b, c, d = self.conv_a(x), self.conv_b(x), self.conv_c(x), self.conv_d(x)
        pooled = F.interpolate(self.conv_e(self.pool(x)), size=(h, w), mode="bilinear")
        out = torch.cat([a, b, c, d, pooled], 1)
        return self.head(out)
'''


def test_a_stride_a_wrapper_is_given_at_its_call_is_blamed_there_beside_a_conditional_shortcut():
    source = WRAPPED.replace("STRIDE", "2")
    errors = [d for d in lint_text(source, "res.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.model, d.code, d.span.line) for d in errors] == [
        ("Residual", "CL107", line_of(source, "self.conv2 = Conv("))]
    assert [d for d in lint_text(WRAPPED.replace("STRIDE", "1"), "res.py", Settings()).diagnostics
            if d.severity == "error"] == []


def test_the_one_branch_of_a_cat_whose_padding_does_not_keep_its_size_is_blamed():
    source = ASPP.replace("PADDING", "3")
    errors = [d for d in lint_text(source, "aspp.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(source, "self.conv_b = "))]
    assert "conv_b on line 11 given padding=6 makes it run" in errors[0].message
    assert [d for d in lint_text(ASPP.replace("PADDING", "6"), "aspp.py", Settings()).diagnostics
            if d.severity == "error"] == []


def test_torch_refuses_the_wrapped_stride_and_the_aspp_padding():
    torch = pytest.importorskip("torch")
    for source, model, shape in ((WRAPPED.replace("STRIDE", "{}"), "Residual", (2, 8, 32, 32)),
                                 (ASPP.replace("PADDING", "{}"), "ASPP", (2, 64, 32, 32))):
        good, bad = ("1", "2") if model == "Residual" else ("6", "3")
        for value, fails in ((good, False), (bad, True)):
            namespace: dict = {}
            exec(compile(source.format(value) if "{}" in source else source, "m.py", "exec"), namespace)
            net = namespace[model](8, 16) if model == "Residual" else namespace[model]()
            if fails:
                with pytest.raises(RuntimeError):
                    net(torch.zeros(*shape))
            else:
                net(torch.zeros(*shape))


INCEPTION = '''
import torch
import torch.nn as nn


class InceptionBlock1d(nn.Module):
    def __init__(self, in_channels=12, out_channels=32, kernel_sizes=(9, 19, 39), bottleneck=32):
        super().__init__()
        self.bottleneck = nn.Conv1d(in_channels, bottleneck, 1, bias=False)
        self.convs = nn.ModuleList([
            nn.Conv1d(bottleneck, out_channels, k, padding=(k - 1) // 2, bias=False) for k in kernel_sizes])
        self.pool_conv = nn.Sequential(
            nn.MaxPool1d(kernel_size=3, stride=STRIDE, padding=1),
            nn.Conv1d(in_channels, out_channels, 1, bias=False))
        self.bn = nn.BatchNorm1d(out_channels * (len(kernel_sizes) + 1))

    def forward(self, x):
        xb = self.bottleneck(x)
        x_convs = [conv(xb) for conv in self.convs]
        out = torch.cat(x_convs + [self.pool_conv(x)], dim=1)
        return self.bn(out)
'''


def test_a_cat_of_several_branches_equal_only_at_one_sample_is_an_error_at_the_odd_branch():
    """Three branches keep the length L, the pool branch gives (L+1)/2: equal only at L = 1, so no
    input size of real use runs; the pool's stride is the odd one out."""
    source = INCEPTION.replace("STRIDE", "2")
    errors = [d for d in lint_text(source, "inception.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(source, "nn.MaxPool1d(kernel_size=3"))]
    assert "only where L = 1" in errors[0].message
    assert [d for d in lint_text(INCEPTION.replace("STRIDE", "1"), "inception.py", Settings()).diagnostics
            if d.severity == "error"] == []


def test_torch_refuses_the_strided_pool_branch():
    torch = pytest.importorskip("torch")
    for stride, fails in (("1", False), ("2", True)):
        namespace: dict = {}
        exec(compile(INCEPTION.replace("STRIDE", stride), "inception.py", "exec"), namespace)
        net = namespace["InceptionBlock1d"]()
        if fails:
            with pytest.raises(RuntimeError, match="Sizes of tensors must match except in dimension 1"):
                net(torch.zeros(2, 12, 64))
        else:
            assert tuple(net(torch.zeros(2, 12, 64)).shape) == (2, 128, 64)


PREACT = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class PreActBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(
            in_channels,
            out_channels,
            kernel_size=3,
            stride=CONV1_STRIDE,  # downsample with the first conv
            padding=1,
            bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(
            out_channels,
            out_channels,
            kernel_size=3,
            stride=1,
            padding=1,
            bias=False)
        self.shortcut = nn.Sequential()
        if in_channels != out_channels or stride != 1:
            self.shortcut.add_module("conv", nn.Conv2d(
                in_channels,
                out_channels,
                kernel_size=1,
                stride=SHORTCUT_STRIDE,  # downsample the input alike
                padding=0,
                bias=False))

    def forward(self, x):
        x = F.relu(self.bn1(x), inplace=True)
        out = self.conv1(x)
        out = self.conv2(F.relu(self.bn2(out), inplace=True))
        out += self.shortcut(x)
        return out


class PreActBottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_channels, out_channels, stride):
        super().__init__()
        mid, expanded = out_channels, out_channels * self.expansion
        self.bn1 = nn.BatchNorm2d(in_channels)
        self.conv1 = nn.Conv2d(in_channels, mid, kernel_size=1, stride=1, padding=0, bias=False)
        self.bn2 = nn.BatchNorm2d(mid)
        self.conv2 = nn.Conv2d(mid, mid, kernel_size=3,
                               stride=CONV2_STRIDE,  # downsample on the 3x3 conv
                               padding=1, bias=False)
        self.bn3 = nn.BatchNorm2d(mid)
        self.conv3 = nn.Conv2d(mid, expanded, kernel_size=1, stride=1, padding=0, bias=False)
        self.shortcut = nn.Sequential()
        if in_channels != expanded or stride != 1:
            self.shortcut.add_module("conv", nn.Conv2d(in_channels, expanded, kernel_size=1, stride=stride,
                                                       padding=0, bias=False))

    def forward(self, x):
        x_preact = F.relu(self.bn1(x), inplace=True)
        out = self.conv1(x_preact)
        out = self.conv2(F.relu(self.bn2(out), inplace=True))
        out = self.conv3(F.relu(self.bn3(out), inplace=True))
        out += self.shortcut(x)
        return out


class PreActResNet(nn.Module):
    def __init__(self, block=PreActBlock, widths=(16, 32, 64), num_classes=10):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        expansion = getattr(block, "expansion", 1)
        in_channels, stages = 16, []
        for i, width in enumerate(widths):
            stride = 1 if i == 0 else 2
            stages.append(nn.Sequential(block(in_channels, width, stride), block(width * expansion, width, 1)))
            in_channels = width * expansion
        self.stages = nn.Sequential(*stages)
        self.fc = nn.Linear(in_channels, num_classes)

    def forward(self, x):
        x = self.stages(self.conv(x))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


class PreActBottleneckResNet(PreActResNet):
    def __init__(self):
        super().__init__(block=PreActBottleneck, widths=(8, 16, 32))
'''


def _preact(conv1: str = "stride", shortcut: str = "stride", conv2: str = "stride") -> str:
    return PREACT.replace("CONV1_STRIDE", conv1).replace("SHORTCUT_STRIDE", shortcut).replace("CONV2_STRIDE", conv2)


@pytest.mark.parametrize("shapes", [{}, {"": (2, 3, 32, 32)}], ids=["symbolic", "given"])
def test_the_first_conv_of_the_path_that_lost_the_blocks_stride_is_blamed(shapes):
    """A pre-activation block whose conv1's `stride=stride` was edited to `stride=1`: conv1 and
    conv2 (both written `stride=1`, kernel 3) each given the shortcut's stride make the model run;
    the block downsamples on entering, with the first conv of its path whose kernel covers the
    stride: conv1's `stride=` line, the add related. In a bottleneck the 1x1 reduction before it
    would skip pixels: its 3x3 conv is blamed."""
    source = _preact(conv1="1")
    result = lint_text(source, "preact.py", Settings(input_shapes=shapes, model="PreActResNet"))
    (error,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (error.code, error.span.line) == ("CL107", line_of(source, "stride=1,  # downsample with the first conv"))
    assert error.related[0].line == line_of(source, "out += self.shortcut(x)")
    assert "stages.1.0.conv1 on line" in error.message and "given stride=2 makes it run" in error.message
    source = _preact(conv2="1")
    result = lint_text(source, "preact.py", Settings(input_shapes=shapes, model="PreActBottleneckResNet"))
    (error,) = [d for d in result.diagnostics if d.severity == "error"]
    assert (error.code, error.span.line) == ("CL107", line_of(source, "stride=1,  # downsample on the 3x3 conv"))
    assert "stages.1.0.conv2 on line" in error.message


def test_the_shortcut_that_lost_the_blocks_stride_is_blamed_and_the_right_blocks_are_clean():
    """The mirror edit, the shortcut's `stride=stride` made `stride=1`: conv1 at stride 1 would run
    too, but it would undo the downsampling its caller asks for; the shortcut's line is blamed."""
    source = _preact(shortcut="1")
    errors = [d for d in lint_text(source, "preact.py", Settings(model="PreActResNet")).diagnostics
              if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(source, "stride=1,  # downsample the input"))]
    for model in ("PreActResNet", "PreActBottleneckResNet"):
        for shapes in ({}, {"": (2, 3, 32, 32)}):
            clean = lint_text(_preact(), "preact.py", Settings(input_shapes=shapes, model=model))
            assert [d for d in clean.diagnostics if d.severity == "error"] == []


def test_torch_refuses_each_dropped_stride_and_runs_the_blamed_conv_given_it():
    torch = pytest.importorskip("torch")
    cases = ((_preact(), "PreActResNet", False), (_preact(), "PreActBottleneckResNet", False),
             (_preact(conv1="1"), "PreActResNet", True), (_preact(shortcut="1"), "PreActResNet", True),
             (_preact(conv2="1"), "PreActBottleneckResNet", True))
    for source, model, fails in cases:
        namespace: dict = {}
        exec(compile(source, "preact.py", "exec"), namespace)
        net = namespace[model]()
        if fails:
            with pytest.raises(RuntimeError, match="must match the size of tensor b"):
                net(torch.zeros(2, 3, 32, 32))
        else:
            assert tuple(net(torch.zeros(2, 3, 32, 32)).shape) == (2, 10)
