"""What a channel finding says must be true: a torch.cat along the height or width into a conv adds up
sizes that are no channels (the conv is given each operand's channels), and where along the channels the
maps would give just the conv's in_channels, the cat's dim is the slip and the cat's line is blamed; a
block line that gives out fewer channels than the layers after it take is asked to be larger (not "-8
smaller"); and a shared helper's conv, right at every other instance, is not asked to read another
parameter when a call gave one instance the wrong count. Each bug is checked to fail in torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled

DECODER = '''
import torch
import torch.nn as nn


class Fuse(nn.Module):
    def __init__(self, low, high, out):
        super().__init__()
        self.lift = nn.ConvTranspose2d(low, high, kernel_size=2, stride=2)
        self.mix = nn.Conv2d(IN_CHANNELS, out, kernel_size=3, padding=1)

    def forward(self, deep, skip):
        deep = self.lift(deep)
        joined = torch.cat((skip, deep), dim=DIM)
        return self.mix(joined)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 24, 3, padding=1)
        self.down = nn.Conv2d(24, 40, 3, stride=2, padding=1)
        self.fuse = Fuse(40, 24, 12)

    def forward(self, x):
        s = self.stem(x)
        return self.fuse(self.down(s), s)
'''

DENSE = '''
import torch
import torch.nn as nn


class Grow(nn.Module):
    def __init__(self, cin, k):
        super().__init__()
        self.squeeze = nn.Conv2d(cin, 2 * k, 1)
        self.expand = nn.Conv2d(2 * k, GROWN, 3, padding=1)

    def forward(self, x):
        return torch.cat([x, self.expand(torch.relu(self.squeeze(x)))], 1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Conv2d(3, 32, 3, padding=1)
        self.blocks = nn.Sequential(Grow(32, 12), Grow(44, 12), Grow(56, 12))
        self.tail = nn.Conv2d(68, 2, 1)

    def forward(self, x):
        return self.tail(self.blocks(self.head(x)))
'''

HELPER = '''
import torch
import torch.nn as nn


class ConvNormAct(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.norm = nn.BatchNorm2d(cout)

    def forward(self, x):
        return torch.relu(self.norm(self.conv(x)))


class Level(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.pool = nn.MaxPool2d(2)
        self.a = ConvNormAct(cin, cout)
        self.b = ConvNormAct(cout, cout)

    def forward(self, x):
        return self.b(self.a(self.pool(x)))


class Rise(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.up = nn.ConvTranspose2d(cin, cout, 2, stride=2)
        self.a = ConvNormAct(cin, cout)

    def forward(self, low, skip):
        return self.a(torch.cat([skip, self.up(low)], dim=1))


class Net(nn.Module):
    def __init__(self, ch=8):
        super().__init__()
        self.first = Level(3, ch * 2)
        self.second = Level(ch * 2, SECOND)
        self.bottom = Level(ch * 4, ch * 8)
        self.rise = Rise(ch * 8, ch * 4)

    def forward(self, x):
        s = self.second(self.first(x))
        return self.rise(self.bottom(s), s)
'''


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def test_a_cat_along_the_height_is_blamed_at_its_dim():
    source = filled(DECODER, {"IN_CHANNELS": "high + high", "DIM": "2"})
    errors = _errors(source)
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line_of(source, "torch.cat("))]
    assert errors[0].fix == "Join along dim 1 in the torch.cat"
    assert "joins along dim 2" in errors[0].message and "not the channels" in errors[0].message


def test_a_cat_along_the_width_that_no_channel_count_explains_stays_at_the_conv():
    """48 in_channels, 24 + 24 along the channels would be 48 too; 40 is neither: the conv's line."""
    source = filled(DECODER, {"IN_CHANNELS": "40", "DIM": "-1"})
    errors = _errors(source)
    assert [(d.code, d.span.line) for d in errors] == [("CL103", line_of(source, "self.mix = "))]
    assert "joins along dim -1" in errors[0].message
    assert "channels in all" not in errors[0].fix  # (the sizes it adds up are widths, no channels)


def test_the_cat_along_the_channels_is_clean():
    assert _errors(filled(DECODER, {"IN_CHANNELS": "high + high", "DIM": "1"})) == []


def test_a_block_line_giving_out_fewer_channels_is_asked_to_be_larger():
    source = filled(DENSE, {"GROWN": "k // 2"})
    errors = _errors(source)
    assert errors and all(d.span.line == line_of(source, "k // 2, 3") for d in errors)
    assert errors[0].fix == "Make this width 6 larger"
    assert "6 channels fewer than the layers after it take" in errors[0].message
    assert _errors(filled(DENSE, {"GROWN": "k"})) == []


def test_a_shared_helper_right_elsewhere_is_not_asked_to_read_another_parameter():
    source = filled(HELPER, {"SECOND": "ch * 2"})
    errors = _errors(source)
    assert errors and not any(d.span.line == line_of(source, "self.conv = nn.Conv2d(cin") for d in errors)
    assert not any("Read the parameter" in (d.fix or "") for d in errors)
    assert [(d.span.line, d.fix) for d in errors] == [(line_of(source, "Level(ch * 2, ch * 2)"),
                                                       "Set out_channels to 32")]
    assert _errors(filled(HELPER, {"SECOND": "ch * 4"})) == []


@pytest.mark.parametrize("source, size, fails", [
    (filled(DECODER, {"IN_CHANNELS": "high + high", "DIM": "2"}), (1, 1, 16, 16), True),
    (filled(DECODER, {"IN_CHANNELS": "40", "DIM": "-1"}), (1, 1, 16, 16), True),
    (filled(DECODER, {"IN_CHANNELS": "high + high", "DIM": "1"}), (1, 1, 16, 16), False),
    (filled(DENSE, {"GROWN": "k // 2"}), (1, 3, 8, 8), True),
    (filled(DENSE, {"GROWN": "k"}), (1, 3, 8, 8), False),
    (filled(HELPER, {"SECOND": "ch * 2"}), (1, 3, 32, 32), True),
    (filled(HELPER, {"SECOND": "ch * 4"}), (1, 3, 32, 32), False),
])
def test_torch_agrees(source, size, fails):
    torch = pytest.importorskip("torch")
    model = built(source, "net.py")
    if fails:
        with pytest.raises(RuntimeError):
            model(torch.zeros(size))
    else:
        model(torch.zeros(size))
