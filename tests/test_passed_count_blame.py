"""A block built from one line by two callers, one passing the wrong count: where the other
instance fits and no name the block's line could read instead fits both, the caller's argument
is the line to change, proved by a rerun that gives the failing layer the count that arrives."""

import pytest

from convlint.pipeline import Settings, lint_text

TWO_DECODERS = '''
import torch
import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self, in_channel, out_channel, channel):
        super().__init__()
        blocks = [nn.Conv2d(in_channel, channel, 3, padding=1)]
        blocks.append(nn.ReLU(inplace=True))
        blocks.append(nn.ConvTranspose2d(channel, out_channel, 4, stride=2, padding=1))
        self.blocks = nn.Sequential(*blocks)

    def forward(self, x):
        return self.blocks(x)


class Codec(nn.Module):
    def __init__(self, in_channel=3, channel=32, embed_dim=16):
        super().__init__()
        self.enc = nn.Conv2d(in_channel, embed_dim, 4, stride=2, padding=1)
        self.dec_t = Decoder(embed_dim, embed_dim, channel)
        self.dec = Decoder(
            embed_dim + embed_dim,
            in_channel,
            channel,
        )

    def forward(self, x):
        top = self.dec_t(self.enc(x))
        return self.dec(torch.cat([top, top], 1))
'''


def _error_lines(source: str) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, "codec.py", Settings()).diagnostics
            if d.severity == "error"]


def _ran(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "codec.py", "exec"), namespace)
    return namespace


def test_the_caller_argument_is_wrong_where_the_count_that_arrives_is_another_parameter_by_chance():
    """channel = 32 is what arrives at the failing Decoder: its line could read `channel`, but the
    Decoder built before it gets 16 channels with channel = 32, so that read would break it."""
    assert _error_lines(TWO_DECODERS) == []
    source = TWO_DECODERS.replace("            embed_dim + embed_dim,", "            embed_dim,")
    assert _error_lines(source) == [(24, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.*to have 16 channels, but got 32"):
        _ran(source)["Codec"]()(torch.zeros(1, 3, 16, 16))
    assert _ran(TWO_DECODERS)["Codec"]()(torch.zeros(1, 3, 16, 16)).shape == (1, 3, 32, 32)


def test_a_block_line_reading_a_parameter_that_fits_both_instances_stays_blamed():
    """`Conv2d(out_channel, ...)` where in_channel is meant: the first Decoder (in = out = 16) fits by
    chance, and reading in_channel fits both: the line is what to change."""
    source = TWO_DECODERS.replace("nn.Conv2d(in_channel, channel", "nn.Conv2d(out_channel, channel")
    assert _error_lines(source) == [(9, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.*to have 3 channels, but got 32"):
        _ran(source)["Codec"]()(torch.zeros(1, 3, 16, 16))


HELPER_OF_EQUAL_WIDTHS = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, c=8):
        super().__init__()
        self.enc = nn.Conv2d(3, c, 3, padding=1)
        self.down = nn.Conv2d(c, 2 * c, 3, stride=2, padding=1)
        self.up = nn.Sequential(nn.Upsample(scale_factor=2), nn.Conv2d(2 * c, c, 1))
        self.dec = self.block(CIN, 2 * c)
        self.post = nn.Conv2d(2 * c, c, 1)
        self.dec2 = self.block(c, c)

    def block(self, cin, cout):
        return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.InstanceNorm2d(cout), nn.LeakyReLU())

    def forward(self, x):
        e = self.enc(x)
        d = self.up(self.down(e))
        return self.dec2(self.post(self.dec(torch.cat([d, e], 1))))
'''


def test_a_helper_whose_other_calls_pass_equal_widths_is_not_blamed_for_the_caller():
    """`self.block(c, 2 * c)` where the concatenation gives 2c: the helper's conv is the only reader
    of `cin`, so it reading `cout` instead would leave `cin` unused; the call is what to change,
    although its other call (`block(c, c)`) fits either reading."""
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(HELPER_OF_EQUAL_WIDTHS.replace("CIN", "c"), "helper.py", "exec"), namespace)
    with pytest.raises(RuntimeError, match="expected input.* to have 8 channels, but got 16"):
        namespace["Net"]()(torch.zeros(1, 3, 16, 16))
    exec(compile(HELPER_OF_EQUAL_WIDTHS.replace("CIN", "2 * c"), "helper.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(1, 3, 16, 16)).shape == (1, 8, 16, 16)
    found = [(d.code, d.span.line) for d in lint_text(HELPER_OF_EQUAL_WIDTHS.replace("CIN", "c"), "helper.py",
                                                      Settings()).diagnostics if d.severity == "error"]
    assert found == [("CL103", 12)]
    assert not [d for d in lint_text(HELPER_OF_EQUAL_WIDTHS.replace("CIN", "2 * c"), "helper.py",
                                     Settings()).diagnostics if d.severity == "error"]


SYMBOLIC_STAGES = '''
import torch.nn as nn
import torch.nn.functional as F


class Basic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cin)
        self.shortcut = nn.Sequential()
        if cin != cout:
            self.shortcut.add_module('conv', nn.Conv2d(cin, cout, 1, stride=stride, bias=False))

    def forward(self, x):
        y = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(y + self.shortcut(x))


class Net(nn.Module):
    def __init__(self, depth, base, n_classes):
        super().__init__()
        n_blocks = (depth - 2) // 6
        widths = [base, base * 2, base * 4]
        self.conv = nn.Conv2d(3, widths[0], 3, padding=1, bias=False)
        self.stage1 = self._make_stage(widths[0], widths[0], n_blocks, 1)
        self.stage2 = self._make_stage(widths[0], widths[1], n_blocks, 2)
        self.stage3 = self._make_stage(widths[1], widths[2], n_blocks, 2)
        self.fc = nn.Linear(widths[2], n_classes)

    def _make_stage(self, cin, cout, n_blocks, stride):
        stage = nn.Sequential()
        for index in range(n_blocks):
            if index == 0:
                stage.add_module(f'block{index}', Basic(cin, cout, stride))
            else:
                stage.add_module(f'block{index}', Basic(cout, cout, 1))
        return stage

    def forward(self, x):
        x = self.stage3(self.stage2(self.stage1(self.conv(x))))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))
'''


def test_a_block_reading_its_other_symbolic_width_is_blamed_on_its_own_line():
    """Nothing builds the net: its widths are `base`, `2*base`, `4*base`. The widening block of a
    stage normalises `cin` where `cout` arrives; `cout` is the other width its calls pass, as 32
    would be beside 16: the block reads the wrong parameter (every non-widening block fits
    either way), so its own line is blamed, not each stage's call."""
    found = [(d.span.line, d.code) for d in lint_text(SYMBOLIC_STAGES, "stages.py", Settings()).diagnostics
             if d.severity == "error"]
    line = next(i for i, t in enumerate(SYMBOLIC_STAGES.splitlines(), 1) if "self.bn2 = " in t)
    assert found == [(line, "CL104")]
    right = SYMBOLIC_STAGES.replace("self.bn2 = nn.BatchNorm2d(cin)", "self.bn2 = nn.BatchNorm2d(cout)")
    assert [d for d in lint_text(right, "stages.py", Settings()).diagnostics if d.severity == "error"] == []
    torch = pytest.importorskip("torch")
    for source, fails in ((SYMBOLIC_STAGES, True), (right, False)):
        namespace: dict = {}
        exec(compile(source, "stages.py", "exec"), namespace)
        model = namespace["Net"](20, 16, 10)
        if fails:
            with pytest.raises(RuntimeError, match="running_mean should contain"):
                model(torch.zeros(2, 3, 32, 32))
        else:
            assert model(torch.zeros(2, 3, 32, 32)).shape == (2, 10)
