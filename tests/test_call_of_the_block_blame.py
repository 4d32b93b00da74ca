"""A wrong value written at the parent's call of a block is reported at that call, the block's
line related, where another instance of the same block shows the block's own code right: a
decoder block given the skip of the wrong encoder stage (`self.up2(d3, s3)` where s2 is meant),
and a block whose inner width is a formula over its arguments given one wrong argument
(`Up(256, 128, 128)` where `Up(256, 256, 128)` is meant). Where every instance fails, or the
failing one is the first to run, the block's own line keeps the finding. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

DECODER = '''
import torch
import torch.nn as nn


class Up(nn.Module):
    def __init__(self, in_ch, skip_ch, out_ch):
        super().__init__()
        self.up = nn.ConvTranspose2d(in_ch, in_ch, kernel_size=STRIDE, stride=STRIDE)
        self.conv = nn.Conv2d(in_ch + skip_ch, out_ch, 3, padding=1)

    def forward(self, x, skip):
        x = self.up(x)
        return self.conv(torch.cat((x, skip), 1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = nn.Conv2d(1, 16, 3, padding=1)
        self.enc2 = nn.Conv2d(16, 16, 3, padding=1)
        self.enc3 = nn.Conv2d(16, 16, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.up3 = Up(16, 16, 16)
        self.up2 = Up(16, 16, 8)

    def forward(self, x):
        s1 = self.enc1(x)
        s2 = self.enc2(self.pool(s1))
        s3 = self.enc3(self.pool(s2))
        d3 = self.up3(self.pool(s3), FIRST)
        return self.up2(d3, SECOND)
'''

WIDTHS = '''
import torch
import torch.nn as nn


def double_conv(in_ch, out_ch):
    return nn.Sequential(nn.Conv3d(in_ch, out_ch, 3, padding=1), nn.BatchNorm3d(out_ch), nn.ReLU(),
                         nn.Conv3d(out_ch, out_ch, 3, padding=1), nn.BatchNorm3d(out_ch), nn.ReLU())


class Up(nn.Module):
    def __init__(self, in_ch, out_ch, mid):
        super().__init__()
        self.up = nn.ConvTranspose3d(in_ch, out_ch, kernel_size=2, stride=2)
        # the skip has in_ch // 2 channels
        self.ops = double_conv(FORMULA, mid)

    def forward(self, x, skip):
        return self.ops(torch.cat((self.up(x), skip), 1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = double_conv(1, 64)
        self.enc2 = double_conv(64, 128)
        self.enc3 = double_conv(128, 256)
        self.pool = nn.MaxPool3d(2)
        self.up1 = Up(128, 128, 32)
        self.up2 = Up(256, OUT, 128)

    def forward(self, x):
        s1 = self.enc1(x)
        s2 = self.enc2(self.pool(s1))
        b = self.enc3(self.pool(s2))
        return self.up1(self.up2(b, s2), s1)
'''


def _decoder(stride: int = 2, first: str = "s3", second: str = "s2") -> str:
    return DECODER.replace("STRIDE", str(stride)).replace("FIRST", first).replace("SECOND", second)


def _widths(out: int = 256, formula: str = "in_ch + out_ch // 2") -> str:
    return WIDTHS.replace("FORMULA", formula).replace("OUT", str(out))


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def _net(source: str):
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace["Net"]()


def test_a_skip_of_the_wrong_stage_is_blamed_at_the_call_passing_it():
    """up3's cat joins its skip: Up's code is right, the call giving up2 s3 is the edit."""
    source = _decoder(second="s3")
    call = line_of(source, "return self.up2(d3, s3)")
    (d,) = _errors(source)
    assert (d.span.line, d.span.column, d.code) == (call, source.splitlines()[call - 1].index("self.up2") + 1, "CL107")
    assert line_of(source, "torch.cat((x, skip), 1)") in [r.line for r in d.related]
    assert "passes up2 enc3's output (Nx16xH/4xW/4)" in d.message and "up3's call" in d.message
    assert "enc2's output has it" in d.fix
    assert _errors(_decoder()) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="Sizes of tensors must match"):
        _net(source)(torch.zeros(1, 1, 32, 32))
    assert _net(_decoder())(torch.zeros(1, 1, 32, 32)).shape == (1, 8, 16, 16)


def test_a_wrong_skip_at_the_first_call_stays_at_the_cat():
    """The failing call runs first: no run of the cat shows Up's code right, so the cat keeps it."""
    source = _decoder(first="s2")
    assert [(d.span.line, d.code) for d in _errors(source)] == [(line_of(source, "torch.cat((x, skip), 1)"), "CL107")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="Sizes of tensors must match"):
        _net(source)(torch.zeros(1, 1, 32, 32))


def test_an_upsampling_wrong_in_every_instance_stays_in_the_block():
    """Up upsamples by 4 where its callers' skips are 2 apart: the block's line is wrong for every
    call, and a tensor of the caller with the sides wanted (s2) fits only by chance."""
    source = _decoder(stride=4)
    assert [(d.span.line, d.code) for d in _errors(source)] == [(line_of(source, "torch.cat((x, skip), 1)"), "CL107")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="Sizes of tensors must match"):
        _net(source)(torch.zeros(1, 1, 32, 32))


def test_a_wrong_argument_of_a_block_computing_its_width_is_blamed_at_the_call():
    """`Up(256, 128, 128)`: up1 (in_ch == out_ch, as the block's formula assumes) fits, and given
    out_ch=256 the model runs: the argument is reported where the call writes it."""
    source = _widths(out=128)
    call = line_of(source, "self.up2 = Up(")
    (d,) = _errors(source)
    assert (d.span.line, d.span.column, d.code) == (call, source.splitlines()[call - 1].index("128") + 1, "CL103")
    assert d.layer == "up2.ops.0" and "out_ch=256" in d.fix
    assert line_of(source, "self.ops = double_conv(") in [r.line for r in d.related]
    assert _errors(_widths()) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 320 channels, but got 256"):
        _net(source)(torch.zeros(1, 1, 8, 8, 8))
    assert _net(_widths())(torch.zeros(1, 1, 8, 8, 8)).shape == (1, 32, 8, 8, 8)


def test_a_width_formula_wrong_for_every_instance_stays_in_the_block():
    """`in_ch + out_ch` where the skip has in_ch // 2 channels: no instance fits, the block's line
    is what is wrong."""
    source = _widths(formula="in_ch + out_ch")
    assert [(d.span.line, d.code) for d in _errors(source)] == [(line_of(source, "self.ops = double_conv("), "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 512 channels, but got 384"):
        _net(source)(torch.zeros(1, 1, 8, 8, 8))


def test_a_single_instance_given_a_wrong_argument_stays_in_the_block():
    """With no other instance of the line, nothing shows the formula right: the finding stays."""
    source = _widths(out=128).replace("        self.up1 = Up(128, 128, 32)\n", "") \
        .replace("return self.up1(self.up2(b, s2), s1)", "return self.up2(b, s2)")
    assert [(d.span.line, d.code) for d in _errors(source)] == [(line_of(source, "self.ops = double_conv("), "CL103")]
