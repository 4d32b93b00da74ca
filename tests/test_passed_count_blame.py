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
