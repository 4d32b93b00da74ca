"""A DenseNet-style block builds its layers in a loop as `in_channels + i * growth`: at i = 0 the
count is the caller's parameter alone, so a block called with the wrong in_channels is reported at
the call (`DenseBlock(first, ...)` where `cur` channels arrive), as it is when the block reads the
parameter bare. The bugs are checked to fail in torch; the corrected models run and are clean."""

import pytest

from convlint.pipeline import Settings, lint_text

COMPREHENSION = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, in_channels, growth, n_layers):
        super().__init__()
        self.layers = nn.ModuleList(
            [nn.Conv2d(in_channels + i * growth, growth, 3, padding=1) for i in range(n_layers)])

    def forward(self, x):
        for layer in self.layers:
            x = torch.cat([x, layer(x)], 1)
        return x


class Net(nn.Module):
    def __init__(self, first=16, growth=8):
        super().__init__()
        self.conv = nn.Conv2d(3, first, 3, padding=1)
        self.b1 = Block(first, growth, 2)
        self.b2 = Block(SECOND, growth, 2)

    def forward(self, x):
        return self.b2(self.b1(self.conv(x)))
'''

BOTTLENECK = '''
import torch
import torch.nn as nn


class Bottleneck(nn.Module):
    def __init__(self, in_planes, growth_rate):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(in_planes)
        self.conv1 = nn.Conv2d(in_planes, 4 * growth_rate, kernel_size=1, bias=False)
        self.bn2 = nn.BatchNorm2d(4 * growth_rate)
        self.conv2 = nn.Conv2d(4 * growth_rate, growth_rate, kernel_size=3, padding=1, bias=False)

    def forward(self, x):
        out = self.conv1(torch.relu(self.bn1(x)))
        out = self.conv2(torch.relu(self.bn2(out)))
        return torch.cat([out, x], 1)


class DenseBlock(nn.Module):
    def __init__(self, in_planes, growth_rate, n_layers):
        super().__init__()
        layers = []
        for i in range(n_layers):
            layers.append(Bottleneck(in_planes + i * growth_rate, growth_rate))
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(x)


class DenseNet(nn.Module):
    def __init__(self, growth_rate=12, n_layers=3):
        super().__init__()
        first = 2 * growth_rate
        self.conv1 = nn.Conv2d(3, first, kernel_size=3, padding=1, bias=False)
        self.dense1 = DenseBlock(first, growth_rate, n_layers)
        cur = first + n_layers * growth_rate
        self.trans1 = nn.Conv2d(cur, cur // 2, kernel_size=1)
        self.pool = nn.AvgPool2d(2)
        cur = cur // 2
        self.dense2 = DenseBlock(SECOND, growth_rate, n_layers)
        self.linear = nn.Linear(cur + n_layers * growth_rate, 10)

    def forward(self, x):
        out = self.pool(self.trans1(self.dense1(self.conv1(x))))
        out = self.dense2(out)
        out = torch.flatten(nn.functional.adaptive_avg_pool2d(out, 1), 1)
        return self.linear(out)
'''

TIRAMISU = '''
import torch
import torch.nn as nn


class DenseLayer(nn.Sequential):
    def __init__(self, in_channels, growth_rate):
        super().__init__()
        self.add_module('norm', nn.BatchNorm2d(in_channels))
        self.add_module('relu', nn.ReLU(True))
        self.add_module('conv', nn.Conv2d(in_channels, growth_rate, 3, 1, 1, bias=True))


class DenseBlock(nn.Module):
    def __init__(self, in_channels, growth_rate, n_layers):
        super().__init__()
        self.layers = nn.ModuleList([DenseLayer(in_channels + i * growth_rate, growth_rate)
                                     for i in range(n_layers)])

    def forward(self, x):
        for layer in self.layers:
            x = torch.cat([x, layer(x)], 1)
        return x


class FCDenseNet(nn.Module):
    def __init__(self, down_blocks=(2, 2), growth_rate=8, out_chans_first_conv=16):
        super().__init__()
        self.firstconv = nn.Conv2d(3, out_chans_first_conv, 3, 1, 1, bias=True)
        cur_channels_count = out_chans_first_conv
        self.blocks = nn.ModuleList([])
        for n in down_blocks:
            self.blocks.append(DenseBlock(SECOND, growth_rate, n))
            cur_channels_count += growth_rate * n

    def forward(self, x):
        out = self.firstconv(x)
        for block in self.blocks:
            out = block(out)
        return out
'''

# (source, model, the wrong argument, the right one, input shape)
CASES = {
    "comprehension": (COMPREHENSION, "Net", "first", "first + 2 * growth", (1, 3, 16, 16)),
    "bottleneck": (BOTTLENECK, "DenseNet", "first", "cur", (2, 3, 32, 32)),
    "tiramisu": (TIRAMISU, "FCDenseNet", "out_chans_first_conv", "cur_channels_count", (1, 3, 16, 16)),
}


def _errors(source: str, model: str, shape: tuple) -> list:
    result = lint_text(source, "dense.py", Settings(input_shapes={model: shape}))
    return [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_block_given_the_wrong_in_channels_is_blamed_at_its_call(case):
    source, model, wrong, _, shape = CASES[case]
    call = next(i for i, line in enumerate(source.splitlines(), 1) if "SECOND" in line)
    source = source.replace("SECOND", wrong)
    errors = _errors(source, model, shape)
    assert errors and {(d.code in ("CL103", "CL104"), d.span.line) for d in errors} == {(True, call)}, \
        [(d.code, d.span.line, d.message) for d in errors]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_block_given_the_count_that_arrives_is_clean(case):
    source, model, _, right, shape = CASES[case]
    assert _errors(source.replace("SECOND", right), model, shape) == []


def test_a_later_layer_the_count_does_not_leave_alone_stays_in_the_block():
    """The block's forward that forgets to concatenate (x = layer(x)) feeds layer 1 the growth
    alone: at i = 1 the count is in_channels + growth, no parameter alone, and the call's
    in_channels is right (layer 0 fits): the block's own line is reported."""
    source = COMPREHENSION.replace("SECOND", "first + 2 * growth") \
        .replace("x = torch.cat([x, layer(x)], 1)", "x = layer(x)").replace("self.b2(self.b1(", "self.b1((")
    errors = _errors(source, "Net", (1, 3, 16, 16))
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "in_channels + i * growth" in text)
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line)]


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for source, model, wrong, right, shape in CASES.values():
        for argument, fails in ((wrong, True), (right, False)):
            namespace: dict = {}
            exec(compile(source.replace("SECOND", argument), "dense.py", "exec"), namespace)
            if fails:
                with pytest.raises(RuntimeError):
                    namespace[model]()(torch.zeros(*shape))
            else:
                namespace[model]()(torch.zeros(*shape))
    namespace = {}
    exec(compile(COMPREHENSION.replace("SECOND", "first").replace("x = torch.cat([x, layer(x)], 1)", "x = layer(x)")
                 .replace("self.b2(self.b1(", "self.b1(("), "dense.py", "exec"), namespace)
    with pytest.raises(RuntimeError):
        namespace["Net"]()(torch.zeros(1, 3, 16, 16))
