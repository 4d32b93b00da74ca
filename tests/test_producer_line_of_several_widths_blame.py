"""A block's conv whose out_channels formula was edited (`Conv2d(planes, planes * 2)` for
`planes * 4`) in a net of several stages, each block built with its own planes: the norm after
it and the residual add both agree with each other and not with the conv, and the line's one edit
gives each stage its own width (256 in the first, 512 in the second), not one constant for all.
The finding is reported at the conv, once. Each bug is checked to fail in torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

RESNET = '''
import torch
import torch.nn as nn


class Bottleneck(nn.Module):
    def __init__(self, inplanes, planes, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv3 = nn.Conv2d(planes, planes * FACTOR, 1, bias=False)
        self.bn3 = nn.BatchNorm2d(planes * 4)
        self.downsample = downsample

    def forward(self, x):
        residual = x
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            residual = self.downsample(x)
        out += residual
        return torch.relu(out)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 64, 3, padding=1, bias=False)
        self.layer1 = Bottleneck(64, 64, downsample=nn.Sequential(
            nn.Conv2d(64, 256, 1, bias=False), nn.BatchNorm2d(256)))
        self.layer2 = Bottleneck(256, 128, downsample=nn.Sequential(
            nn.Conv2d(256, 512, 1, bias=False), nn.BatchNorm2d(512)))

    def forward(self, x):
        return self.layer2(self.layer1(self.stem(x)))
'''

SHAPE = (1, 3, 16, 16)


def _errors(source: str) -> list:
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": SHAPE}))
    return [d for d in result.diagnostics if d.severity == "error" and d.model == "Net"]


def test_the_conv_of_a_line_building_several_widths_is_blamed():
    errors = _errors(RESNET.replace("FACTOR", "2"))
    conv3 = line_of(RESNET, "FACTOR")
    # (the residual add after the norm, which torch never reaches, is no second finding)
    assert sorted(d.code for d in errors) == ["CL104"]
    assert {d.span.line for d in errors} == {conv3}
    norm = next(d for d in errors if d.code == "CL104")
    assert norm.fix == "Set out_channels to 256"
    assert "each other instance of the line 2 times its own width" in norm.message


def test_the_block_checked_on_its_own_does_not_keep_the_norm_blamed():
    """The block alone, for every planes, meets the same mismatch at its norm: the net, built with
    real numbers, blamed the conv, and that is what the file says."""
    source = RESNET.replace("FACTOR", "2")
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": SHAPE}))
    assert {d.span.line for d in result.diagnostics if d.severity == "error"} == {line_of(RESNET, "FACTOR")}


def test_the_net_with_the_width_it_was_meant_to_have_is_clean():
    assert _errors(RESNET.replace("FACTOR", "4")) == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    for factor, fails in (("2", True), ("4", False)):
        namespace: dict = {}
        exec(compile(RESNET.replace("FACTOR", factor), "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError):
                namespace["Net"]()(torch.zeros(*SHAPE))
        else:
            namespace["Net"]()(torch.zeros(*SHAPE))
