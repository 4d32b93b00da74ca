"""A width a caller passes to the helper that builds the layer before the failing one
(`conv_bn(3, 16, 2)` where every block after it is built from a running `input_channel` of 32) is
reported where the caller wrote it (pipeline._at_the_passed_width), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

MOBILE = '''
import torch
import torch.nn as nn


def conv_bn(inp, oup, stride):
    return nn.Sequential(nn.Conv2d(inp, oup, 3, stride, 1, bias=False), nn.BatchNorm2d(oup), nn.ReLU6(inplace=True))


class InvertedResidual(nn.Module):
    def __init__(self, inp, oup, stride, expand_ratio):
        super().__init__()
        hidden_dim = round(inp * expand_ratio)
        self.use_res_connect = stride == 1 and inp == oup
        self.conv = nn.Sequential(
            nn.Conv2d(HIDDEN, hidden_dim, 3, stride, 1, groups=hidden_dim, bias=False),
            nn.BatchNorm2d(hidden_dim),
            nn.ReLU6(inplace=True),
            nn.Conv2d(hidden_dim, oup, 1, 1, 0, bias=False),
            nn.BatchNorm2d(oup))

    def forward(self, x):
        return x + self.conv(x) if self.use_res_connect else self.conv(x)


class MobileNetV2(nn.Module):
    def __init__(self, num_classes=10, width_mult=1.):
        super().__init__()
        input_channel = int(32 * width_mult)
        setting = [[1, 16, 1, 1], [1, 24, 2, 2]]
        self.features = [conv_bn(3, STEM, 2)]
        for t, c, n, s in setting:
            output_channel = int(c * width_mult)
            for i in range(n):
                self.features.append(InvertedResidual(input_channel, output_channel, s if i == 0 else 1, expand_ratio=t))
                input_channel = output_channel
        self.features = nn.Sequential(*self.features)
        self.classifier = nn.Linear(input_channel, num_classes)

    def forward(self, x):
        x = self.features(x).mean(3).mean(2)
        return self.classifier(x)
'''


def _source(stem="input_channel", hidden="hidden_dim") -> str:
    return MOBILE.replace("STEM", stem).replace("HIDDEN", hidden)


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "mobile.py", Settings()).diagnostics
            if d.severity == "error" and d.model == "MobileNetV2"]


def test_a_literal_width_passed_to_the_stem_helper_is_blamed_where_it_is_written():
    source = _source(stem="16")
    (error,) = _errors(source)
    assert (error.code, error.span.line) == ("CL103", line_of(source, "conv_bn(3, 16, 2)"))
    assert "given 32 the model runs" in error.message
    assert error.related[0].line == line_of(source, "nn.Conv2d(hidden_dim, hidden_dim, 3")


def test_a_block_that_reads_the_wrong_width_itself_stays_blamed():
    source = _source(hidden="hidden_dim * 2")
    errors = _errors(source)
    assert {(d.code, d.span.line) for d in errors} == {("CL103", line_of(source, "nn.Conv2d(hidden_dim * 2,"))}


def test_the_correct_model_is_clean():
    assert _errors(_source()) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for source, fails in ((_source(), False), (_source(stem="16"), True), (_source(hidden="hidden_dim * 2"), True)):
        namespace: dict = {}
        exec(compile(source, "mobile.py", "exec"), namespace)
        net = namespace["MobileNetV2"]()
        if fails:
            with pytest.raises(RuntimeError, match="expected input.* to have"):
                net(torch.zeros(2, 3, 32, 32))
        else:
            assert tuple(net(torch.zeros(2, 3, 32, 32)).shape) == (2, 10)


PADDED_TRUNK = '''
import torch.nn as nn
import torch.nn.functional as F


class ConvLayer(nn.Module):
    def __init__(self, cin, cout, k, stride):
        super().__init__()
        self.pad = nn.ReflectionPad2d(k // 2)
        self.conv = nn.Conv2d(cin, cout, k, stride)
        self.norm = nn.InstanceNorm2d(cout, affine=True)

    def forward(self, x):
        return self.norm(self.conv(self.pad(x)))


class ResidualLayer(nn.Module):
    def __init__(self, channels=128, k=3):
        super().__init__()
        self.conv1 = ConvLayer(channels, channels, k, 1)
        self.conv2 = ConvLayer(channels, channels, k, 1)

    def forward(self, x):
        return self.conv2(F.relu(self.conv1(x))) + x


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(ConvLayer(3, 32, 9, 1), nn.ReLU(), ConvLayer(32, 64, 3, 2), nn.ReLU(),
                                 ConvLayer(64, WIDTH, 3, 2), nn.ReLU())
        self.res = nn.Sequential(ResidualLayer(128, 3), ResidualLayer(128, 3), ResidualLayer(128, 3))
        self.dec = nn.Sequential(nn.ConvTranspose2d(128, 64, 3, 2, 1, 1), nn.ReLU(), ConvLayer(64, 3, 9, 1))

    def forward(self, x):
        return self.dec(self.res(self.enc(x)))
'''


def test_a_width_passed_to_the_block_before_a_padded_conv_is_blamed_where_it_is_written():
    """The conv that refuses 256 is behind its block's ReflectionPad2d, and the 256 was written at
    the encoder's last `ConvLayer(64, 256, 3, 2)`: every later block agrees on 128, so giving the
    first residual block 256 only moves the failure to the next."""
    source = PADDED_TRUNK.replace("WIDTH", "256")
    found = [d for d in lint_text(source, "trunk.py", Settings()).diagnostics if d.severity == "error"]
    assert ("CL103", line_of(source, "ConvLayer(64, 256, 3, 2)")) in [(d.code, d.span.line) for d in found]
    assert not [
        d for d in lint_text(PADDED_TRUNK.replace("WIDTH", "128"), "trunk.py", Settings()).diagnostics
        if d.severity == "error"]
    torch = pytest.importorskip("torch")
    for width, fails in ((256, True), (128, False)):
        namespace: dict = {}
        exec(compile(PADDED_TRUNK.replace("WIDTH", str(width)), "trunk.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError, match="expected input.* to have 128 channels, but got 256"):
                namespace["Net"]()(torch.zeros(1, 3, 32, 32))
        else:
            assert namespace["Net"]()(torch.zeros(1, 3, 32, 32)).shape == (1, 3, 16, 16)
