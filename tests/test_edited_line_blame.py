"""A residual add or a skip cat broken by one edit is reported at the line edited, against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

OPTION_A = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class LambdaLayer(nn.Module):
    def __init__(self, lambd):
        super().__init__()
        self.lambd = lambd

    def forward(self, x):
        return self.lambd(x)


class Block(nn.Module):
    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or inplanes != planes:
            self.shortcut = LambdaLayer(
                lambda x: F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, planes // PAD, planes // PAD), "constant", 0))

    def forward(self, x):
        out = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        out += self.shortcut(x)
        return F.relu(out)


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, 1, 1, bias=False)
        self.layer1 = Block(16, 16)
        self.layer2 = Block(16, 32, stride=2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, num_classes)

    def forward(self, x):
        x = self.layer2(self.layer1(F.relu(self.conv1(x))))
        return self.fc(self.pool(x).flatten(1))
'''


def _errors(source: str, **settings) -> list[tuple[str, int]]:
    result = lint_text(source, "model.py", Settings(**settings))
    return [(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"]


def _runs(source: str, model: str, shape: tuple, *args) -> bool:
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "model.py", "exec"), namespace)
    try:
        namespace[model](*args)(torch.zeros(*shape))
    except RuntimeError:
        return False
    return True


def test_a_channel_pad_of_the_wrong_amount_is_blamed_at_the_pad():
    """Option A's shortcut pads the block's input with zero channels: its amounts, not the add,
    are what to change where the main path's convs agree on the block's width."""
    broken = OPTION_A.replace("PAD", "2")
    result = lint_text(broken, "model.py", Settings())
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(broken, "lambda x: F.pad"))]
    assert errors[0].related[0].line == line_of(broken, "out += self.shortcut(x)")
    assert "Pad 8 channels on each side" in errors[0].fix
    assert _errors(OPTION_A.replace("PAD", "4")) == []


def test_a_wrong_width_of_the_main_path_stays_off_the_pad():
    """conv2 giving another width than it reads: the pad is not the one number to change."""
    broken = OPTION_A.replace("PAD", "4").replace("nn.Conv2d(planes, planes, 3, 1, 1", "nn.Conv2d(planes, 2 * planes, 3, 1, 1") \
        .replace("self.bn2 = nn.BatchNorm2d(planes)", "self.bn2 = nn.BatchNorm2d(2 * planes)")
    lines = [line for _, line in _errors(broken)]
    assert lines and line_of(broken, "lambda x: F.pad") not in lines
    assert not _runs(broken, "Net", (2, 3, 32, 32))


def test_torch_refuses_the_option_a_edit():
    assert not _runs(OPTION_A.replace("PAD", "2"), "Net", (2, 3, 32, 32))
    assert _runs(OPTION_A.replace("PAD", "4"), "Net", (2, 3, 32, 32))


UNET = '''
import torch
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, input_nc=3, output_nc=3, ngf=8):
        super().__init__()
        self.conv1 = nn.Conv2d(input_nc, ngf, 4, 2, 1)
        self.conv2 = nn.Conv2d(ngf, ngf * 2, 4, 2, 1)
        self.conv3 = nn.Conv2d(ngf * 2, ngf * 4, LEVEL3)
        self.conv4 = nn.Conv2d(ngf * 4, ngf * 8, 4, 2, 1)
        self.dconv1 = nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1)
        self.dconv2 = nn.ConvTranspose2d(ngf * 4 * 2, ngf * 2, 4, 2, 1)
        self.dconv3 = nn.ConvTranspose2d(ngf * 2 * 2, ngf, 4, 2, 1)
        self.dconv4 = nn.ConvTranspose2d(ngf * 2, output_nc, 4, 2, 1)
        self.act = nn.LeakyReLU(0.2, True)

    def forward(self, x):
        e1 = self.conv1(x)
        e2 = self.conv2(self.act(e1))
        e3 = self.conv3(self.act(e2))
        e4 = self.conv4(self.act(e3))
        d1 = torch.cat((self.dconv1(self.act(e4)), e3), 1)
        d2 = torch.cat((self.dconv2(self.act(d1)), e2), 1)
        d3 = torch.cat((self.dconv3(self.act(d2)), e1), 1)
        return torch.tanh(self.dconv4(self.act(d3)))
'''


@pytest.mark.parametrize("level", ["3, 1, 1", "4, 4, 1"])
def test_the_encoder_level_that_scales_otherwise_is_blamed_for_a_later_cat(level):
    """One encoder conv of a U-Net edited to another window: the cat that fails is levels later,
    its maps scaled by every conv between; the conv whose window no other conv has, given the
    stride of the three that halve alike, makes both paths scale alike."""
    broken = UNET.replace("LEVEL3", level)
    result = lint_text(broken, "model.py", Settings())
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(broken, "self.conv3 = "))]
    assert "Use kernel_size=4, stride=2, padding=1 in conv3" in errors[0].fix
    assert errors[0].related[0].line in (line_of(broken, "d1 = torch.cat"), line_of(broken, "d2 = torch.cat"))
    assert not _runs(broken, "Generator", (2, 3, 64, 64))


def test_a_unet_whose_levels_all_halve_is_clean_and_two_odd_levels_stay_at_the_cat():
    assert _errors(UNET.replace("LEVEL3", "4, 2, 1")) == []
    assert _runs(UNET.replace("LEVEL3", "4, 2, 1"), "Generator", (2, 3, 64, 64))
    # two levels that keep the size: neither stands out, the cat is the finding
    broken = UNET.replace("LEVEL3", "3, 1, 1").replace("nn.Conv2d(ngf, ngf * 2, 4, 2, 1)", "nn.Conv2d(ngf, ngf * 2, 3, 1, 1)")
    assert [code for code, _ in _errors(broken)] == ["CL107"]
    assert _errors(broken)[0][1] > line_of(broken, "def forward")
    assert not _runs(broken, "Generator", (2, 3, 64, 64))


SAME_PAD = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, in_planes, out_planes, stride):
        super().__init__()
        self.bn_0 = nn.BatchNorm2d(in_planes)
        self.conv_0 = nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride, padding=0, bias=False)
        self.bn_1 = nn.BatchNorm2d(out_planes)
        self.conv_1 = nn.Conv2d(out_planes, out_planes, kernel_size=3, stride=1, padding=1, bias=False)
        self.has_shortcut = in_planes != out_planes
        self.shortcut = nn.Conv2d(in_planes, out_planes, 1, stride=stride, bias=False) if self.has_shortcut else None
        self._stride = stride

    def forward(self, x):
        out = F.relu(self.bn_0(x))
        v = out
        if self._stride == 1:
            v = F.pad(v, SAME)
        elif self._stride == 2:
            v = F.pad(v, (0, 1, 0, 1))
        out = self.conv_0(v)
        out = self.conv_1(F.relu(self.bn_1(out)))
        return torch.add(self.shortcut(x) if self.has_shortcut else x, out)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.init_conv = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        self.block = nn.Sequential(Block(16, 32, 1), Block(32, 32, 1), Block(32, 64, 2))

    def forward(self, x):
        return self.block(self.init_conv(x))
'''


def test_a_manual_same_pad_that_loses_a_row_is_blamed_at_the_pad():
    """F.pad before an unpadded conv is the block's padding: the pad's amounts, not the conv
    (whose 3x3 kernel the block's other conv shares), are what to change."""
    broken = SAME_PAD.replace("SAME", "(0, 1, 0, 1)")
    result = lint_text(broken, "model.py", Settings())
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(broken, "v = F.pad(v, (0, 1, 0, 1))"))]
    assert "(1, 1)" in errors[0].fix
    assert not _runs(broken, "Net", (2, 3, 32, 32))


def test_a_manual_same_pad_of_the_right_amounts_is_clean():
    assert _errors(SAME_PAD.replace("SAME", "(1, 1, 1, 1)")) == []
    assert _runs(SAME_PAD.replace("SAME", "(1, 1, 1, 1)"), "Net", (2, 3, 32, 32))


def test_an_edited_kernel_after_a_pad_stays_at_the_conv():
    """The kernel no other conv has is the edit, not the pad before it."""
    broken = SAME_PAD.replace("SAME", "(1, 1, 1, 1)").replace("kernel_size=3, stride=stride, padding=0",
                                                              "kernel_size=5, stride=stride, padding=0")
    lines = [line for _, line in _errors(broken)]
    assert lines and line_of(broken, "v = F.pad(v, (1, 1, 1, 1))") not in lines
    assert not _runs(broken, "Net", (2, 3, 32, 32))


def test_a_stride_the_caller_dropped_beside_a_shortcut_that_subsamples_is_blamed_at_the_call():
    """Option A's shortcut subsamples (x[:, :, ::2, ::2]) wherever the widths differ: the caller's
    `stride=1`, which the block's first conv takes, is the edit, not the add."""
    broken = OPTION_A.replace("PAD", "4").replace("Block(16, 32, stride=2)", "Block(16, 32, stride=1)")
    result = lint_text(broken, "model.py", Settings())
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(broken, "Block(16, 32, stride=1)"))]
    assert "layer2.conv1 on line" in errors[0].message and "given stride=2 makes it run" in errors[0].message
    assert not _runs(broken, "Net", (2, 3, 32, 32))
