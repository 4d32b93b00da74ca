"""A padding or stride written wrong where a block is called (a decoder's `UpConv(..., 3, 1, 0)`
beside `UpConv(..., 3, 1, 1)`, `padding + 1` at one of a residual block's two calls of its conv
wrapper) breaks a skip cat or a residual add: blamed at that call's argument, not at the combine
nor at the block's shared layer line (pipeline._at_the_spatial_argument), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

UNET = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvLayer(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0):
        super().__init__()
        self.pad = nn.ReflectionPad2d(padding)
        self.conv = nn.Conv2d(cin, cout, k, stride)

    def forward(self, x):
        return F.leaky_relu(self.conv(self.pad(x)), 0.2)


class UpConv(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0):
        super().__init__()
        self.conv = ConvLayer(cin, cout, k, stride, padding)

    def forward(self, x):
        return self.conv(F.interpolate(x, scale_factor=2, mode="nearest"))


class UResNet(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.E1 = ConvLayer(3, c, 7, 1, 3)
        self.E2 = ConvLayer(c, c * 2, 4, 2, 1)
        self.E3 = ConvLayer(c * 2, c * 4, 4, E3_STRIDE, 1)
        self.D1 = UpConv(c * 4, c * 2, 3, 1, D1_PADDING)
        self.D2 = UpConv(c * 4, c, 3, 1, 1)
        self.D3 = ConvLayer(c * 2, 3, 7, 1, 3)

    def forward(self, x):
        e1 = self.E1(x)
        e2 = self.E2(e1)
        e3 = self.E3(e2)
        d1 = torch.cat((self.D1(e3), e2), 1)
        d2 = torch.cat((self.D2(d1), e1), 1)
        return self.D3(d2)
'''

RESIDUAL = '''
import torch
import torch.nn as nn


class Conv2dLayer(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0, activation=True):
        super().__init__()
        self.pad = nn.ZeroPad2d(padding)
        self.conv2d = nn.Conv2d(cin, cout, k, stride, padding=0)
        self.activation = nn.LeakyReLU(0.2) if activation else None

    def forward(self, x):
        x = self.conv2d(self.pad(x))
        return self.activation(x) if self.activation else x


class ResConv2dLayer(nn.Module):
    def __init__(self, cin, cout, k, stride=1, padding=0):
        super().__init__()
        self.conv2d = nn.Sequential(
            Conv2dLayer(cin, cin, k, stride, padding),
            Conv2dLayer(cin, cout, k, stride, SECOND_PADDING, activation=False))

    def forward(self, x):
        residual = x
        out = self.conv2d(x)
        return out + residual


class Net(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.E1 = Conv2dLayer(3, c, 7, 1, 3)
        self.E2 = Conv2dLayer(c, c * 2, 4, 2, 1)
        self.T1 = ResConv2dLayer(c * 2, c * 2, 3, 1, 1)
        self.T2 = ResConv2dLayer(c * 2, c * 2, 3, 1, 1)
        self.D1 = Conv2dLayer(c * 2, 3, 3, 1, 1)

    def forward(self, x):
        return self.D1(self.T2(self.T1(self.E2(self.E1(x)))))
'''


def _unet(padding: str = "1", stride: str = "2") -> str:
    return UNET.replace("D1_PADDING", padding).replace("E3_STRIDE", stride)


def _residual(second: str = "padding") -> str:
    return RESIDUAL.replace("SECOND_PADDING", second)


def _errors(source: str, model: str, **settings) -> list:
    result = lint_text(source, "net.py", Settings(**settings))
    return [d for d in result.diagnostics if d.severity == "error" and d.model == model]


def test_a_padding_a_decoder_call_drops_is_blamed_at_that_call():
    source = _unet(padding="0")
    for settings in ({}, {"input_shapes": {"UResNet": (2, 3, 32, 32)}}):
        (error,) = _errors(source, "UResNet", **settings)
        assert (error.code, error.span.line) == ("CL107", line_of(source, "self.D1 = UpConv("))
        related = [r.line for r in error.related]
        assert line_of(source, "d1 = torch.cat(") in related and line_of(source, "self.pad = nn.Reflection") in related
        assert "given 1 there the model runs" in error.message and "padding=1" in error.fix


def test_a_stride_an_encoder_call_lost_is_blamed_at_that_call():
    """E3 given stride 1 where E2, built by the same line with the same kernel, is given 2: the
    skip cat then meets a map twice as large (a join torch runs on tiny inputs only)."""
    source = _unet(stride="1")
    (error,) = _errors(source, "UResNet")
    assert (error.code, error.span.line) == ("CL107", line_of(source, "self.E3 = ConvLayer("))
    assert "given 2 there the model runs" in error.message


def test_a_padding_grown_at_one_of_a_blocks_calls_is_blamed_there_not_at_the_add():
    source = _residual("padding + 1")
    for settings in ({}, {"input_shapes": {"Net": (2, 3, 32, 32)}}):
        (error,) = _errors(source, "Net", **settings)
        assert (error.code, error.span.line) == ("CL107", line_of(source, "Conv2dLayer(cin, cout, k, stride, padding + 1"))
        assert line_of(source, "return out + residual") in [r.line for r in error.related]


def test_the_correct_models_are_clean_and_their_shapes_are_torchs():
    from tests.torch_cases import assert_shapes_equal_torch

    assert _errors(_unet(), "UResNet") == [] and _errors(_residual(), "Net") == []
    assert_shapes_equal_torch(_unet(), (2, 3, 32, 32), "net.py", build=lambda ns: ns["UResNet"](), name="UResNet")
    assert_shapes_equal_torch(_residual(), (2, 3, 32, 32), "net.py")


def test_torch_refuses_each_edit_and_runs_with_the_value_the_other_calls_pass():
    torch = pytest.importorskip("torch")
    for source, name, fails in ((_unet(), "UResNet", False), (_unet(padding="0"), "UResNet", True),
                                (_unet(stride="1"), "UResNet", True), (_residual(), "Net", False),
                                (_residual("padding + 1"), "Net", True)):
        side = 32 if name == "UResNet" else 16
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        net = namespace[name]()
        if not fails:
            assert tuple(net(torch.zeros(2, 3, 32, 32)).shape) == (2, 3, side, side)
            continue
        with pytest.raises(RuntimeError, match="must match"):
            net(torch.zeros(2, 3, 32, 32))
