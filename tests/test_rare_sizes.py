"""With no input size, a join whose two paths are equal only for sizes of one parity or remainder
that no common input size has (a decoder's ConvTranspose2d(kernel_size=3, stride=2) giving
2*(H/2)+1 beside a skip of H: odd H only) is a CL213 warning at the layer that is one pixel off,
else at the join; a classic U-Net level (even H only), a decoder resized, padded or cropped to its
skip, and a given input size are not. Each model is run in torch: the flagged ones stop at every
common size and run at the sizes the message names; the silent ones run at common sizes."""

import pytest

from convlint import symbolic
from convlint.pipeline import Settings, lint_text
from convlint.values import Sym

torch = pytest.importorskip("torch")

HEADER = '''
import torch
import torch.nn as nn
import torch.nn.functional as F
'''

# the repro's form: MaxPool2d(2) then a transposed conv of kernel 3 and no padding: 2*(H/2)+1 against H
UNET = HEADER + '''

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = nn.Conv2d(1, 8, 3, padding=1)
        self.enc2 = nn.Conv2d(8, 16, 3, padding=1)
        self.pool = nn.MaxPool2d(2, 2)
        self.up = UP
        self.dec = nn.Conv2d(16, 8, 3, padding=1)

    def forward(self, x):
        x1 = F.relu(self.enc1(x))
        x2 = F.relu(self.enc2(self.pool(x1)))
        y = JOINED
        y = torch.cat([y, x1], dim=1)
        return self.dec(y)
'''
UP_LINE = 13
CAT_LINE = 20
ODD_UP = "nn.ConvTranspose2d(16, 8, kernel_size=3, stride=2)"
EVEN_UP = "nn.ConvTranspose2d(16, 8, kernel_size=2, stride=2)"

SIGNAL = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.encode = nn.Conv1d(2, 8, 5, padding=2)
        self.pool = nn.MaxPool1d(2)
        self.up = UP
        self.head = nn.Conv1d(8, 2, 1)

    def forward(self, x):
        skip = self.encode(x)
        return self.head(self.up(self.pool(skip)) + skip)
'''

# the transposed conv of kernel 3 at the second level: 2*(H/4)+1 against H/2, equal where H/2 is odd
TWO_LEVELS = HEADER + '''

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 8, 3, padding=1)
        self.enc1 = nn.Conv2d(8, 8, 3, padding=1)
        self.enc2 = nn.Conv2d(8, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.up2 = nn.ConvTranspose2d(8, 8, 3, stride=2)
        self.up1 = nn.ConvTranspose2d(16, 8, 2, stride=2)

    def forward(self, x):
        x0 = self.stem(x)
        x1 = self.enc1(self.pool(x0))
        x2 = self.enc2(self.pool(x1))
        y = torch.cat([self.up2(x2), x1], dim=1)
        return torch.cat([self.up1(y), x0], dim=1)
'''

# upsampled, then padded one pixel too far on the right and bottom: no layer is one off, the join is reported
PADDED = HEADER + '''

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Conv2d(3, 8, 2, stride=2)
        self.head = nn.Conv2d(11, 3, 3, padding=1)

    def forward(self, x):
        y = F.interpolate(self.down(x), scale_factor=2)
        y = F.pad(y, (0, 1, 0, 1))
        return self.head(torch.cat([y, x], dim=1))
'''

# a four-level U-Net: every join is equal only for H a multiple of 16 (32, 64, 224...): silent
CLASSIC = HEADER + '''

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.downs = nn.ModuleList([nn.Conv2d(8, 8, 3, padding=1) for _ in range(4)])
        self.ups = nn.ModuleList([nn.ConvTranspose2d(8, 8, 2, stride=2) for _ in range(4)])
        self.fuse = nn.ModuleList([nn.Conv2d(16, 8, 3, padding=1) for _ in range(4)])

    def forward(self, x):
        skips = [self.stem(x)]
        for down in self.downs:
            skips.append(down(self.pool(skips[-1])))
        y = skips.pop()
        for up, fuse in zip(self.ups, self.fuse):
            y = fuse(torch.cat([up(y), skips.pop()], 1))
        return y
'''


def lint(source: str, **shapes):
    return lint_text(source, "model.py", Settings(input_shapes=shapes)).diagnostics


def runs(source: str, size: tuple) -> bool:
    namespace: dict = {}
    exec(compile(source, "model.py", "exec"), namespace)
    try:
        namespace["Net"]()(torch.zeros(*size))
    except RuntimeError as error:
        assert "Sizes of tensors must match" in str(error) or "must match the size" in str(error), error
        return False
    return True


def unet(up: str, joined: str = "self.up(x2)") -> str:
    return UNET.replace("UP", up).replace("JOINED", joined)


def test_a_decoder_of_kernel_3_fits_odd_sizes_only_and_is_a_warning_at_its_line():
    source = unet(ODD_UP)
    for side in (32, 64, 224, 256):
        assert not runs(source, (1, 1, side, side))
    assert runs(source, (1, 1, 33, 33)) and runs(source, (1, 1, 65, 65))
    (found,) = lint(source)
    assert (found.code, found.severity, found.span.line) == ("CL213", "warning", UP_LINE)
    assert CAT_LINE in {span.line for span in found.related}
    assert "turns the height H/2 into 2*(H/2)+1" in found.message
    assert "joins 2*(H/2)+1 (from up) with H (from enc1): they are equal only for odd H and W" in found.message
    assert "at 32x32 it gets 33 against 32, which torch refuses" in found.message
    assert found.fix.startswith("Use padding=1, output_padding=1 in up")
    fixed = unet("nn.ConvTranspose2d(16, 8, kernel_size=3, stride=2, padding=1, output_padding=1)")
    assert runs(fixed, (1, 1, 32, 32)) and lint(fixed) == []


def test_given_an_input_size_the_join_is_checked_at_it_instead():
    source = unet(ODD_UP)
    at_32 = lint(source, Net=(2, 1, 32, 32))
    assert ("CL107", UP_LINE) in {(d.code, d.span.line) for d in at_32}
    assert "CL213" not in {d.code for d in at_32}
    assert not [d for d in lint(source, Net=(2, 1, 33, 33)) if d.code in ("CL107", "CL213")]


def test_a_classic_unet_fits_even_sizes_and_is_silent():
    source = unet(EVEN_UP)
    assert runs(source, (1, 1, 32, 32)) and not runs(source, (1, 1, 33, 33))
    assert lint(source) == []
    assert runs(CLASSIC, (1, 1, 64, 64)) and runs(CLASSIC, (1, 1, 224, 224)) and not runs(CLASSIC, (1, 1, 72, 72))
    assert lint(CLASSIC) == []


@pytest.mark.parametrize("joined", [
    "F.interpolate(self.up(x2), size=x1.shape[2:])",
    "F.interpolate(self.up(x2), size=(x1.size(2), x1.size(3)), mode='bilinear')",
    "self.up(x2)[:, :, :x1.size(2), :x1.size(3)]",
])
def test_a_decoder_resized_or_cropped_to_its_skip_is_silent(joined):
    source = unet(ODD_UP, joined)
    assert runs(source, (1, 1, 32, 32)) and runs(source, (1, 1, 33, 33))
    assert [d.code for d in lint(source)] == []


def test_a_decoder_padded_to_its_skip_is_silent():
    joined = ("self.up(x2)\n        dy, dx = x1.size(2) - y.size(2), x1.size(3) - y.size(3)\n"
              "        y = F.pad(y, [dx // 2, dx - dx // 2, dy // 2, dy - dy // 2])")
    source = unet(EVEN_UP, joined)
    assert runs(source, (1, 1, 32, 32)) and runs(source, (1, 1, 33, 33))
    assert lint(source) == []


def test_conv1d_decoders():
    odd = SIGNAL.replace("UP", "nn.ConvTranspose1d(8, 8, 3, stride=2)")
    assert not runs(odd, (2, 2, 16000)) and runs(odd, (2, 2, 16001))
    (found,) = lint(odd)
    assert (found.code, found.span.line) == ("CL213", 10)
    assert "equal only for odd L" in found.message and "at a length of 32 it gets 33 against 32" in found.message
    even = SIGNAL.replace("UP", "nn.ConvTranspose1d(8, 8, 2, stride=2)")
    assert runs(even, (2, 2, 16000)) and lint(even) == []
    assert [d.code for d in lint(odd, Net=(2, 2, 16000))].count("CL107") == 1
    assert not [d for d in lint(odd, Net=(2, 2, 16001)) if d.code in ("CL107", "CL213")]


def test_a_deeper_decoder_fits_one_remainder_by_4():
    for side in (32, 64, 96, 224, 256):
        assert not runs(TWO_LEVELS, (1, 1, side, side))
    assert runs(TWO_LEVELS, (1, 1, 34, 34)) and runs(TWO_LEVELS, (1, 1, 66, 66))
    (found,) = lint(TWO_LEVELS)
    assert (found.code, found.span.line) == ("CL213", 14)
    assert "equal only for H and W whose remainder by 4 is 2 or 3" in found.message


def test_without_a_layer_one_pixel_off_the_join_is_reported():
    assert not runs(PADDED, (1, 3, 64, 64)) and runs(PADDED, (1, 3, 65, 65))
    (found,) = lint(PADDED)
    assert (found.code, found.span.line) == ("CL213", 16)
    assert "torch.cat on line 16 joins 2*(H/2)+1 (from F.pad) with H (from the input)" in found.message


def test_where_two_sides_are_equal():
    h = Sym("H")
    half = Sym("H", divisor=2)
    odd = Sym(half, scale=2, offset=1)
    assert symbolic.rare_sizes(odd, h) == (2, frozenset({1}), 32)
    assert symbolic.rare_sizes(Sym(half, scale=2), h) is None  # even H: 32 runs
    assert symbolic.rare_sizes(Sym("H", offset=-2), h) is None  # never equal: CL107's
    assert symbolic.rare_sizes(h, h) is None
    eighth = Sym("H", divisor=8)
    # H/8 against 2*(H/16)+1: equal where H/8 is odd; 28 (3 against 3) is among the sizes of use
    assert symbolic.rare_sizes(Sym(Sym("H", divisor=16), scale=2, offset=1), eighth) is None
    quarter = Sym("L", divisor=4)
    assert symbolic.rare_sizes(Sym(quarter, scale=4, offset=1), Sym("L")) == (4, frozenset({1}), 32)
