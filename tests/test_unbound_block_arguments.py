"""Block files whose constructors have required arguments nothing in the file gives (a GhostNet or
MobileNet block file): analysed with the arguments as symbols, a view of a flattened map that asks
for another count, and a squeeze-excite whose Linear takes another width than the channels it is
fed, are errors for every value. Checked against torch at many values."""

import pytest
from hypothesis import given, settings, strategies as st

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

torch = pytest.importorskip("torch")

RESHAPE = '''
import torch.nn as nn


class Reshape(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.proj = nn.Conv2d(ch, ch, 1)

    def forward(self, x):
        b, c, h, w = x.shape
        y = self.proj(x).flatten(2)
        return y.view(b, c, h, WIDE)
'''

SE = '''
import torch.nn as nn


class SE(nn.Module):
    def __init__(self, inp, reduction=4):
        super().__init__()
        sq = max(inp // reduction, 1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Linear(FEATURES, sq), nn.ReLU(), nn.Linear(sq, inp), nn.Sigmoid())

    def forward(self, x):
        b, c, _, _ = x.size()
        y = self.pool(x).view(b, c)
        y = self.fc(y).view(b, c, 1, 1)
        return x * y
'''


def _errors(source: str) -> list:
    return [(d.span.line, d.code) for d in lint_text(source, "block.py", Settings()).diagnostics
            if d.severity == "error"]


def _runs(source: str, name: str, argument: int, size: tuple) -> bool:
    namespace: dict = {}
    exec(compile(source, "block.py", "exec"), namespace)
    try:
        namespace[name](argument)(torch.zeros(*size))
    except RuntimeError:
        return False
    return True


def test_a_view_of_a_flattened_map_asking_half_its_width_is_an_error_for_every_size():
    wrong = RESHAPE.replace("WIDE", "w // 2")
    assert _errors(wrong) == [(line_of(wrong, "y.view("), "CL102")]
    assert _errors(RESHAPE.replace("WIDE", "w")) == []
    assert _errors(RESHAPE.replace("WIDE", "-1")) == []


@settings(max_examples=15, deadline=None)
@given(ch=st.integers(1, 12), h=st.integers(1, 9), w=st.integers(1, 9))
def test_torch_refuses_the_half_width_view_and_runs_the_whole(ch, h, w):
    assert not _runs(RESHAPE.replace("WIDE", "w // 2"), "Reshape", ch, (2, ch, h, w))
    assert _runs(RESHAPE.replace("WIDE", "w"), "Reshape", ch, (2, ch, h, w))


def test_a_squeeze_excite_linear_of_half_the_channels_is_an_error_for_every_width():
    wrong = SE.replace("FEATURES", "inp // 2")
    assert _errors(wrong) == [(line_of(wrong, "self.fc(y).view("), "CL102")]
    assert _errors(SE.replace("FEATURES", "inp")) == []


def test_a_width_some_values_make_right_is_no_error():
    # inp // 4 * 4 is inp whenever inp is a multiple of 4: the block runs there
    assert _errors(SE.replace("FEATURES", "inp // 4 * 4")) == []
    assert _runs(SE.replace("FEATURES", "inp // 4 * 4"), "SE", 16, (2, 16, 5, 5))


@settings(max_examples=15, deadline=None)
@given(inp=st.integers(1, 64), channels=st.integers(1, 64))
def test_torch_refuses_the_half_width_squeeze_excite_at_any_input(inp, channels):
    assert not _runs(SE.replace("FEATURES", "inp // 2"), "SE", inp, (2, channels, 4, 4))
    assert _runs(SE.replace("FEATURES", "inp"), "SE", inp, (2, inp, 4, 4))
