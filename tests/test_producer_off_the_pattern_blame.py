"""A block's out-width edited off the pattern its stack keeps is reported where that width is
written, not at the next block's in_channels: a critic whose helper-built blocks double their
width (`features_d -> *2 -> *4 -> *8`) with the middle one's out written `features_d * 8`, and a
U-Net decoder stage giving half the width of the skip it is joined with where every other join
is of equal widths (one of seven pooled levels too, which 64 and 32 pixels shrink to nothing: tried
at a side it takes). Where no pattern shows (a plain two-layer mismatch, a consumer edited off the
progression), the consumer stays blamed. Each bug is checked to fail in torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

CRITIC = '''
import torch.nn as nn


class Critic(nn.Module):
    def __init__(self, channels_img, features_d):
        super().__init__()
        self.disc = nn.Sequential(
            nn.Conv2d(channels_img, features_d, kernel_size=4, stride=2, padding=1),
            nn.LeakyReLU(0.2),
            self._block(features_d, features_d * 2, 4, 2, 1),
            self._block(features_d * 2, PRODUCER, 4, 2, 1),
            self._block(CONSUMER, features_d * 8, 4, 2, 1),
            nn.Conv2d(features_d * 8, 1, kernel_size=4, stride=2, padding=0),
        )

    def _block(self, in_channels, out_channels, kernel_size, stride, padding):
        return nn.Sequential(
            nn.Conv2d(in_channels, out_channels, kernel_size, stride, padding, bias=False),
            nn.InstanceNorm2d(out_channels, affine=True),
            nn.LeakyReLU(0.2),
        )

    def forward(self, x):
        return self.disc(x)
'''

UNET = '''
import torch
import torch.nn as nn


def up(in_channels, out_channels):
    return nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(in_channels, out_channels, 3, padding=1),
                         nn.BatchNorm2d(out_channels), nn.ReLU())


class UNet(nn.Module):
    def __init__(self, start):
        super().__init__()
        self.e1 = nn.Conv2d(3, start, 3, padding=1)
        self.e2 = nn.Conv2d(start, start * 2, 4, 2, 1)
        self.e3 = nn.Conv2d(start * 2, start * 4, 4, 2, 1)
        self.e4 = nn.Conv2d(start * 4, start * 8, 4, 2, 1)
        self.d1 = up(start * 8, PRODUCER)
        self.d2 = up(start * 8, start * 2)
        self.d3 = up(start * 4, start)
        self.out = nn.Conv2d(start * 2, 3, 3, padding=1)

    def forward(self, x):
        e1 = self.e1(x)
        e2 = self.e2(e1)
        e3 = self.e3(e2)
        d = self.d1(self.e4(e3))
        d = self.d2(torch.cat((d, e3), 1))
        d = self.d3(torch.cat((d, e2), 1))
        return self.out(torch.cat((d, e1), 1))
'''

DEEP_UNET = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        widths = [3, 4, 8, 16, 32, 64, 128, 256]
        self.down = nn.ModuleList([self.stage(a, b) for a, b in zip(widths[:-1], widths[1:])])
        self.center = self.stage(256, 512)
        self.up7 = self.upsample(512, 256)
        self.up6 = self.upsample(256, 128)
        self.up5 = self.upsample(128, 64)
        self.up4 = self.upsample(64, 32)
        self.up3 = self.upsample(32, UPSAMPLED)
        self.up2 = self.upsample(16, 8)
        self.up1 = self.upsample(8, 4)
        self.dec7 = self.stage(512, 256)
        self.dec6 = self.stage(256, 128)
        self.dec5 = self.stage(128, 64)
        self.dec4 = self.stage(64, 32)
        self.dec3 = self.stage(32, 16)
        self.dec2 = self.stage(16, 8)
        self.dec1 = self.stage(8, 4)
        self.pool = nn.MaxPool2d(2)

    def stage(self, cin, cout):
        return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU())

    def upsample(self, cin, cout):
        return nn.Sequential(nn.ConvTranspose2d(cin, cout, 4, 2, 1, bias=False), nn.ReLU())

    def forward(self, x):
        skips = []
        for i, stage in enumerate(self.down):
            x = stage(x if i == 0 else self.pool(x))
            skips.append(x)
        out = self.center(self.pool(x))
        out = self.dec7(torch.cat((self.up7(out), skips[6]), 1))
        out = self.dec6(torch.cat((self.up6(out), skips[5]), 1))
        out = self.dec5(torch.cat((self.up5(out), skips[4]), 1))
        out = self.dec4(torch.cat((self.up4(out), skips[3]), 1))
        out = self.dec3(torch.cat((self.up3(out), skips[2]), 1))
        out = self.dec2(torch.cat((self.up2(out), skips[1]), 1))
        return self.dec1(torch.cat((self.up1(out), skips[0]), 1))
'''

TWO_LAYERS = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.conv1 = nn.Conv2d(3, PRODUCER, 3, padding=1)
        self.conv2 = nn.Conv2d(CONSUMER, 10, 3, padding=1)

    def forward(self, x):
        return self.conv2(self.conv1(x))
'''


def _critic(producer: str, consumer: str = "features_d * 4") -> str:
    return CRITIC.replace("PRODUCER", producer).replace("CONSUMER", consumer)


def _errors(source: str, model: str, shape=None) -> list:
    result = lint_text(source, "net.py", Settings(input_shapes={model: shape} if shape else {}))
    return [d for d in result.diagnostics if d.severity == "error"]


@pytest.mark.parametrize("shape", [None, (2, 3, 64, 64)])
def test_the_block_off_the_doubling_is_blamed_where_its_out_width_is_written(shape):
    source = _critic("features_d * 8")
    errors = _errors(source, "Critic", shape)
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line_of(source, "self._block(features_d * 2,"))]
    error = errors[0]
    assert source.splitlines()[error.span.line - 1][error.span.column - 1:].startswith("features_d * 8")
    assert error.fix == "Set out_channels to 4*features_d"
    assert "each double their width" in error.message


def test_a_halving_stack_of_transposed_convs_blames_its_producer_too():
    source = '''
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, noise, features_g):
        super().__init__()
        self.net = nn.Sequential(
            self._block(noise, features_g * 16, 4, 1, 0),
            self._block(features_g * 16, features_g * 8, 4, 2, 1),
            self._block(features_g * 8, features_g * 2, 4, 2, 1),
            self._block(features_g * 4, features_g * 2, 4, 2, 1),
            nn.ConvTranspose2d(features_g * 2, 3, kernel_size=4, stride=2, padding=1),
        )

    def _block(self, in_channels, out_channels, kernel_size, stride, padding):
        return nn.Sequential(nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride, padding, bias=False),
                             nn.BatchNorm2d(out_channels), nn.ReLU())

    def forward(self, x):
        return self.net(x)
'''
    errors = _errors(source, "Generator")
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line_of(source, "self._block(features_g * 8,"))]
    assert errors[0].fix == "Set out_channels to 4*features_g" and "each halve their width" in errors[0].message


def test_a_consumer_edited_off_the_progression_stays_blamed():
    source = _critic("features_d * 4", "features_d * 2")
    errors = _errors(source, "Critic")
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line_of(source, "features_d * 8, 4, 2, 1)"))]


def test_a_plain_two_layer_mismatch_stays_at_the_consumer():
    source = TWO_LAYERS.replace("PRODUCER", "width * 2").replace("CONSUMER", "width")
    errors = _errors(source, "Net")
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line_of(source, "self.conv2"))]


@pytest.mark.parametrize("shape", [None, (1, 3, 32, 32)])
def test_the_decoder_stage_narrower_than_its_skip_is_blamed(shape):
    source = UNET.replace("PRODUCER", "start * 2")
    errors = _errors(source, "UNet", shape)
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line_of(source, "self.d1 = up("))]
    error = errors[0]
    assert source.splitlines()[error.span.line - 1][error.span.column - 1:].startswith("start * 2")
    assert error.fix == "Set out_channels to 4*start"
    assert "every other join of the model is of equal widths" in error.message


def test_the_nets_with_the_widths_they_were_meant_to_have_are_clean():
    assert _errors(_critic("features_d * 4"), "Critic") == []
    assert _errors(_critic("features_d * 4"), "Critic", (2, 3, 64, 64)) == []
    assert _errors(UNET.replace("PRODUCER", "start * 4"), "UNet", (1, 3, 32, 32)) == []
    assert _errors(UNET.replace("PRODUCER", "start * 4"), "UNet") == []


def test_torch_agrees():
    torch = pytest.importorskip("torch")
    cases = [(_critic("features_d * 8"), "Critic", (3, 8), (2, 3, 64, 64), True),
             (_critic("features_d * 4"), "Critic", (3, 8), (2, 3, 64, 64), False),
             (_critic("features_d * 4", "features_d * 2"), "Critic", (3, 8), (2, 3, 64, 64), True),
             (UNET.replace("PRODUCER", "start * 2"), "UNet", (8,), (1, 3, 32, 32), True),
             (UNET.replace("PRODUCER", "start * 4"), "UNet", (8,), (1, 3, 32, 32), False),
             (TWO_LAYERS.replace("PRODUCER", "width * 2").replace("CONSUMER", "width"), "Net", (8,), (1, 3, 8, 8), True)]
    for source, model, arguments, shape, fails in cases:
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        net = namespace[model](*arguments)
        if fails:
            with pytest.raises(RuntimeError):
                net(torch.zeros(*shape))
        else:
            net(torch.zeros(*shape))
    # the consumer's edit the finding would ask for runs the critic too: only the pattern tells
    namespace = {}
    exec(compile(_critic("features_d * 8", "features_d * 8"), "net.py", "exec"), namespace)
    namespace["Critic"](3, 8)(torch.zeros(2, 3, 64, 64))


def test_the_upsample_narrower_than_its_skip_is_blamed_in_a_net_too_deep_for_small_sides():
    """Seven pools: at 64 and 32 pixels the model meets only a map too small, whatever the widths;
    at 128 the upsample given the skip's width runs it."""
    torch = pytest.importorskip("torch")
    wrong, right = DEEP_UNET.replace("UPSAMPLED", "8"), DEEP_UNET.replace("UPSAMPLED", "16")
    errors = _errors(wrong, "Net")
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line_of(wrong, "self.up3 = self.upsample("))]
    assert errors[0].fix == "Set out_channels to 16"
    assert "every other join of the model is of equal widths" in errors[0].message
    assert _errors(right, "Net") == []
    for source, fails in ((wrong, True), (right, False)):
        namespace: dict = {}
        exec(compile(source, "net.py", "exec"), namespace)
        if fails:
            with pytest.raises(RuntimeError):
                namespace["Net"]()(torch.zeros(1, 3, 128, 128))
        else:
            namespace["Net"]()(torch.zeros(1, 3, 128, 128))
