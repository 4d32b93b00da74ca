"""A conv before PixelShuffle(r) giving out the wrong multiple of its input's width is reported
where that width is written, not at the layer after the shuffle that it leaves short."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

UPSAMPLER = '''
import math
import torch
import torch.nn as nn


def default_conv(in_channels, out_channels, kernel_size, bias=True):
    return nn.Conv2d(
        in_channels, out_channels, kernel_size,
        padding=(kernel_size // 2), bias=bias)


class Upsampler(nn.Sequential):
    def __init__(self, conv, scale, n_feats):
        m = []
        for _ in range(int(math.log(scale, 2))):
            m.append(conv(n_feats, 4 * n_feats, 3))
            m.append(nn.PixelShuffle(2))
        super().__init__(*m)


class SR(nn.Module):
    def __init__(self, n_feats=16, scale=SCALE, conv=default_conv):
        super().__init__()
        self.head = conv(3, n_feats, 3)
        self.body = conv(n_feats, n_feats, 3)
        self.tail = nn.Sequential(Upsampler(conv, scale, n_feats), conv(n_feats, 3, 3))

    def forward(self, x):
        x = self.head(x)
        x = x + self.body(x)
        return self.tail(x)
'''


def _errors(source: str) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, "sr.py", Settings()).diagnostics
            if d.severity == "error"]


def _ran(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "sr.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("scale", [2, 4])
def test_an_upsampler_conv_giving_2c_before_pixel_shuffle_2_is_wrong_where_2c_is_written(scale):
    """`conv(n_feats, 2 * n_feats)` then PixelShuffle(2): n_feats / 2 channels reach the conv after
    it, which expects n_feats; given 4 * n_feats (what the shuffle needs) the model runs."""
    right = UPSAMPLER.replace("SCALE", str(scale))
    assert _errors(right) == []
    source = right.replace("4 * n_feats", "2 * n_feats")
    found = lint_text(source, "sr.py", Settings()).diagnostics
    assert [(d.span.line, d.code) for d in found if d.severity == "error"] == [(17, "CL103")]
    assert "out_channels to 64" in found[0].fix
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 16 channels, but got 8"):
        _ran(source)["SR"]()(torch.zeros(1, 3, 8, 8))
    assert _ran(right)["SR"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 3, 8 * scale, 8 * scale)


def test_a_layer_after_the_shuffle_reading_the_wrong_width_stays_blamed():
    """The upsampler right, the last conv expecting twice the channels: scaling the upsampler conv
    cannot make it run, so the last conv's own count is what is wrong."""
    source = UPSAMPLER.replace("SCALE", "2").replace("conv(n_feats, 3, 3))", "conv(2 * n_feats, 3, 3))")
    assert _errors(source) == [(27, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 32 channels, but got 16"):
        _ran(source)["SR"]()(torch.zeros(1, 3, 8, 8))


SUB_PIXEL = '''
import torch.nn as nn


class Espcn(nn.Module):
    def __init__(self, out_channels=1, channels=16, upscale_factor=3):
        super().__init__()
        out_channels = int(out_channels * (upscale_factor ** 2))
        self.features = nn.Sequential(nn.Conv2d(1, channels, 5, 1, 2), nn.Tanh())
        self.sub_pixel = nn.Sequential(
            nn.Conv2d(channels, out_channels, 3, 1, 1),
            nn.PixelShuffle(upscale_factor),
        )

    def forward(self, x):
        return self.sub_pixel(self.features(x))
'''


@pytest.mark.parametrize("count", ["int(out_channels * (upscale_factor ** 2))", "out_channels * upscale_factor ** 2",
                                   "upscale_factor * upscale_factor"])
def test_a_shuffle_factor_departing_from_a_local_count_sized_for_it_is_reported_at_the_shuffle(count):
    """The sub-pixel conv's count bound to a local a line earlier (`out_channels = int(out_channels *
    (upscale_factor ** 2))`) is written for the factor as much as the count written inline: the
    doubled factor of the shuffle is what departs, and the report is there."""
    right = SUB_PIXEL.replace("int(out_channels * (upscale_factor ** 2))", count)
    assert _errors(right) == []
    source = right.replace("nn.PixelShuffle(upscale_factor)", "nn.PixelShuffle(upscale_factor * 2)")
    found = [d for d in lint_text(source, "sr.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.span.line, d.code) for d in found] == [(line_of(source, "nn.PixelShuffle("), "CL110")]
    assert "written for a factor of 3" in found[0].message
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="is not divisible by 36"):
        _ran(source)["Espcn"]()(torch.zeros(1, 1, 8, 8))
    assert _ran(right)["Espcn"]()(torch.zeros(1, 1, 8, 8)).shape == (1, 1, 24, 24)


def test_a_local_count_whose_factor_was_rebound_since_keeps_the_report_at_the_conv():
    """The factor rebound after the count was computed: the formula no longer gives the count, so
    what the conv is sized for is not known and the report stays at the count's line."""
    source = SUB_PIXEL.replace("        self.features", "        upscale_factor = 2\n        self.features") \
        .replace("nn.PixelShuffle(upscale_factor)", "nn.PixelShuffle(upscale_factor * 3)")
    assert _errors(source) == [(line_of(source, "nn.Conv2d(channels, out_channels"), "CL110")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="is not divisible by 36"):
        _ran(source)["Espcn"]()(torch.zeros(1, 1, 8, 8))
