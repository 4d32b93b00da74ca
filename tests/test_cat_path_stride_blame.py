"""A cat whose two paths scale the map differently because of one stride: a decoder's up-conv
left at stride 1 (it grows the map by a pixel where the encoder level halved it) or an encoder
pool given stride 1 before a 2x upsample is reported at that layer, with the stride that restores
the size; a stride-1 down conv beside a sibling path that halves, where either conv's stride may
be the one edited, stays at the cat and names both layers, never the sibling alone. Each form is
checked against torch: the bug raises, the fixed form runs."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, built, module_shapes

UNET_LEVEL = '''
import torch
import torch.nn as nn


class Up(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.up = nn.ConvTranspose3d(cin, cout // 2, kernel_size=2, stride=STRIDE)
        self.conv = nn.Conv3d(cout, cout, 3, padding=1)

    def forward(self, x, skip):
        return self.conv(torch.cat((self.up(x), skip), 1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv3d(1, 16, 3, padding=1)
        self.down = nn.Conv3d(16, 32, 2, stride=2)
        self.up = Up(32, 32)

    def forward(self, x):
        a = self.stem(x)
        return self.up(self.down(a), a)
'''

POOLED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 16, 3, padding=1)
        self.pool = nn.MaxPool2d(2, stride=STRIDE)
        self.mid = nn.Conv2d(16, 16, 3, padding=1)
        self.up = nn.Upsample(scale_factor=2)
        self.out = nn.Conv2d(32, 1, 1)

    def forward(self, x):
        a = self.stem(x)
        return self.out(JOIN)
'''

JOINS = {"torch.cat": "torch.cat([a, self.up(self.mid(self.pool(a)))], 1)",
         "torch.stack": "torch.stack([a, self.up(self.mid(self.pool(a)))], 1).flatten(1, 2)"}

PAN = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c4 = nn.Conv2d(3, 32, 3, stride=4, padding=1)
        self.c8 = nn.Conv2d(32, 64, 3, stride=DEEP, padding=1)
        self.down = nn.Conv2d(32, 64, 3, stride=DOWN, padding=1)
        self.fuse = nn.Conv2d(128, 64, 1)

    def forward(self, x):
        p4 = self.c4(x)
        deep = self.c8(p4)
        return self.fuse(torch.cat([self.down(p4), deep], dim=1))
'''

DECODER = '''
import torch
import torch.nn as nn


class Up(nn.Module):
    def __init__(self, cin, cout, stride=2):
        super().__init__()
        self.up = nn.ConvTranspose2d(cin, cout // 2, kernel_size=2, stride=stride)
        self.conv = nn.Conv2d(cout, cout, 3, padding=1)

    def forward(self, x, skip):
        return self.conv(torch.cat((self.up(x), skip), 1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 16, 3, padding=1)
        self.down1 = nn.Conv2d(16, 32, 2, stride=2)
        self.down2 = nn.Conv2d(32, 64, 2, stride=2)
        self.up2 = Up(64, 64)
        self.reduce = nn.Conv2d(64, 32, 1)
        self.up1 = Up(32, 32, stride=STRIDE)

    def forward(self, x):
        a = self.stem(x)
        b = self.down1(a)
        c = self.reduce(self.up2(self.down2(b), b))
        return self.up1(c, a)
'''

DECONV = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 16, 3, padding=1)
        self.down = nn.Conv2d(16, 16, 3, stride=2, padding=1)
        self.up = nn.ConvTranspose2d(16, 16, 3, stride=1, padding=1)
        self.out = nn.Conv2d(32, 1, 1)

    def forward(self, x):
        a = self.stem(x)
        return self.out(torch.cat([a, self.up(self.down(a))], 1))
'''

LATERAL = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c4 = nn.Conv2d(3, 32, 3, stride=4, padding=1)
        self.c8 = nn.Conv2d(32, 64, 3, stride=2, padding=1)
        self.up = nn.Upsample(scale_factor=2)
        self.lateral = nn.Conv2d(64, 64, 3, padding=1)
        self.down = nn.Conv2d(64, 64, 3, stride=DOWN, padding=1)
        self.fuse = nn.Conv2d(128, 64, 1)

    def forward(self, x):
        deep = self.c8(self.c4(x))
        return self.fuse(torch.cat([self.down(self.lateral(self.up(deep))), deep], dim=1))
'''


def _errors(source: str, shape=None, name: str = "Net") -> list:
    settings = Settings(input_shapes={name: shape}) if shape else Settings()
    return [d for d in lint_text(source, "model.py", settings).diagnostics if d.severity == "error"]


@pytest.mark.parametrize("shape", [None, (2, 1, 16, 16, 16)])
def test_a_decoder_up_conv_left_at_stride_1_is_reported_at_its_line(shape):
    (finding,) = _errors(UNET_LEVEL.replace("STRIDE", "1"), shape)
    assert (finding.code, finding.span.line) == ("CL107", 9)
    assert finding.message.startswith("up.up = ConvTranspose3d(32, 16, kernel_size=2) turns the ")
    assert "at stride 1, where the other path of torch.cat on line 13 needs it multiplied by 2, " \
           "the factor of down on line 20" in finding.message
    assert finding.fix.startswith("Give up.up stride=2: it then scales the ")
    assert 13 in {span.line for span in finding.related}


def test_torch_refuses_the_stride_1_up_conv_and_runs_the_stride_2_one():
    assert_bug_found_at_its_line(UNET_LEVEL, {"STRIDE": "2"}, {"STRIDE": "1"}, (2, 1, 16, 16, 16), 9, "CL107",
                                 "unet.py")
    shapes = module_shapes(built(UNET_LEVEL.replace("STRIDE", "2"), "unet.py"), (2, 1, 16, 16, 16))
    assert shapes["up"] == (2, 32, 16, 16, 16)


@pytest.mark.parametrize("op", ["torch.cat", "torch.stack"])
def test_an_encoder_pool_given_stride_1_before_an_upsample_is_reported_at_the_pool(op):
    source = POOLED.replace("JOIN", JOINS[op])
    (finding,) = _errors(source.replace("STRIDE", "1"), (2, 1, 32, 32))
    assert (finding.code, finding.span.line) == ("CL107", 10)
    assert "pool = MaxPool2d(2, stride=1) turns the height 32 into 31 at stride 1" in finding.message
    assert f"{op} on line 17 needs it divided by 2, the factor of up on line 12" in finding.message
    assert finding.fix.startswith("Give pool stride=2")
    assert _errors(source.replace("STRIDE", "2"), (2, 1, 32, 32)) == []


def test_torch_refuses_the_stride_1_pool_and_runs_the_stride_2_one():
    source = POOLED.replace("JOIN", JOINS["torch.cat"])
    assert_bug_found_at_its_line(source, {"STRIDE": "2"}, {"STRIDE": "1"}, (2, 1, 32, 32), 10, "CL107", "pooled.py")
    with pytest.raises(RuntimeError, match="stack expects each tensor to be equal size"):
        module_shapes(built(POOLED.replace("JOIN", JOINS["torch.stack"]).replace("STRIDE", "1"), "p.py"), (2, 1, 32, 32))
    shapes = module_shapes(built(POOLED.replace("JOIN", JOINS["torch.stack"]).replace("STRIDE", "2"), "p.py"),
                           (2, 1, 32, 32))
    assert shapes["out"] == (2, 1, 32, 32)


@pytest.mark.parametrize("shape", [None, (2, 3, 64, 64)])
def test_a_stride_either_path_may_have_lost_stays_at_the_cat_and_names_both(shape):
    (finding,) = _errors(PAN.replace("DEEP", "2").replace("DOWN", "1"), shape)
    assert (finding.code, finding.span.line) == ("CL107", 17)  # the cat: not c8, right if down lost its stride
    assert "and either down on line 11 given stride=2 or c8 on line 10 given stride=1 makes it run" in finding.message
    assert finding.fix.startswith("Give down stride=2 (line 11) or give c8 stride=1 (line 10), whichever is the one")
    assert {10, 11} <= {span.line for span in finding.related}


def test_torch_refuses_the_pan_paths_of_two_strides_and_runs_either_fix():
    torch = pytest.importorskip("torch")
    x = torch.zeros(2, 3, 64, 64)
    with pytest.raises(RuntimeError, match="Sizes of tensors must match except in dimension 1"):
        built(PAN.replace("DEEP", "2").replace("DOWN", "1"), "pan.py")(x)
    for deep, down in (("2", "2"), ("1", "1")):
        source = PAN.replace("DEEP", deep).replace("DOWN", down)
        assert built(source, "pan.py")(x).shape[1] == 64
        assert _errors(source) == [] and _errors(source, (2, 3, 64, 64)) == []


def test_a_stride_1_down_conv_after_a_lateral_path_is_reported_at_its_stride():
    # (the other path is the very map the lateral path upsamples: only this path's layers can
    # change, and of them the conv whose `stride=1` is written out)
    assert_bug_found_at_its_line(LATERAL, {"DOWN": "2"}, {"DOWN": "1"}, (2, 3, 64, 64), 13, "CL107", "lateral.py")


def test_an_up_conv_whose_stride_a_caller_passes_is_reported_at_that_call():
    # (the Up line is right for up2: the call building up1 with stride=1 is the line to change)
    (finding,) = _errors(DECODER.replace("STRIDE", "1"), (2, 1, 32, 32))
    assert (finding.code, finding.span.line) == ("CL107", 24)
    assert finding.message.startswith("up1.up = ConvTranspose2d(32, 16, kernel_size=2) turns the height 16 into 17")
    assert_bug_found_at_its_line(DECODER, {"STRIDE": "2"}, {"STRIDE": "1"}, (2, 1, 32, 32), 24, "CL107", "decoder.py")


def test_a_stride_1_deconv_after_a_strided_conv_names_both_edits_at_the_cat():
    torch = pytest.importorskip("torch")
    (finding,) = _errors(DECONV, (2, 1, 32, 32))
    assert (finding.code, finding.span.line) == ("CL107", 16)  # not down alone: up may be the edit
    assert "either down on line 10 given stride=1 or up on line 11 given stride=2, output_padding=1 makes it run" \
        in finding.message
    x = torch.zeros(2, 1, 32, 32)
    with pytest.raises(RuntimeError, match="Sizes of tensors must match except in dimension 1"):
        built(DECONV, "deconv.py")(x)
    for fixed in (DECONV.replace("16, 3, stride=2, padding=1", "16, 3, stride=1, padding=1"),
                  DECONV.replace("stride=1, padding=1)", "stride=2, padding=1, output_padding=1)")):
        assert fixed != DECONV and built(fixed, "deconv.py")(x).shape == (2, 1, 32, 32)
        assert _errors(fixed, (2, 1, 32, 32)) == []
