"""A conv before PixelShuffle(r) giving out the wrong multiple of its input's width is reported
where that width is written, not at the layer after the shuffle that it leaves short."""

import pytest

from convlint.pipeline import Settings, lint_text

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
