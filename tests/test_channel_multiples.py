"""The input's channels C reaching a layer only as a multiple (`torch.cat([x, x * 2, x - 1, x * x], 1)`
of 4*C before a pool, a later conv of 12): k*C + b against the count n solves C = (n - b) / k,
so a later cat of 3 + 4*C against 12 is an error with no options; where no whole C >= 1 gives n
(4*C against 10, 3 + 4*C against 12) the layer is reported as it is for a count known."""

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, built, module_shapes

import pytest

TWO_STAGE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.MaxPool2d(2)
        self.stage1 = nn.Conv2d(FIRST, 3, 3, padding=1)
        self.up = nn.Upsample(scale_factor=2)
        self.stage2 = nn.Conv2d(SECOND, 3, 3, padding=1)

    def forward(self, x):
        feats = torch.cat([x, x * 2, x - 1, x * x], dim=1)
        out1 = self.stage1(self.pool(feats))
        y = torch.cat([self.up(out1), feats], dim=1)
        return self.stage2(y)
'''


def errors(source: str, settings: Settings | None = None) -> list:
    return [(d.code, d.span.line) for d in lint_text(source, "net.py", settings or Settings()).diagnostics
            if d.severity == "error"]


def test_the_first_conv_solves_the_channels_of_a_cat_of_the_input():
    clean = assert_bug_found_at_its_line(TWO_STAGE, {"FIRST": "12", "SECOND": "15"},
                                         {"FIRST": "12", "SECOND": "12"}, (2, 3, 32, 32), 12, "CL103", "net.py")
    (model,) = clean.models
    assert model.input_shape.dims[1] == 3  # 4*C == 12
    right = TWO_STAGE.replace("FIRST", "12").replace("SECOND", "15")
    assert_shapes_equal_torch(right, (2, 3, 32, 32), "net.py")


def test_a_multiple_no_whole_channel_count_gives_is_an_error():
    torch = pytest.importorskip("torch")
    source = TWO_STAGE.replace("FIRST", "10").replace("SECOND", "15")  # 4*C is never 10
    for channels in (2, 3):
        with pytest.raises(RuntimeError):
            module_shapes(built(source, "net.py"), (2, channels, 32, 32))
    assert ("CL103", 10) in errors(source)
    del torch


def test_a_count_a_multiple_solves_is_clean_whatever_the_multiple():
    for first, second, channels in (("8", "11", 2), ("12", "15", 3), ("4", "7", 1)):
        source = TWO_STAGE.replace("FIRST", first).replace("SECOND", second)
        assert errors(source) == [], (first, second)
        module_shapes(built(source, "net.py"), (2, channels, 32, 32))


PAIR = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.pool = nn.AvgPool2d(2)
        self.conv = nn.Conv2d(WIDTH, 8, 3, padding=1)

    def forward(self, x):
        return self.conv(self.pool(torch.cat([x, x * x], 1)))
'''


def test_a_cat_of_the_input_with_itself_is_twice_its_channels():
    assert errors(PAIR.replace("WIDTH", "6")) == []
    assert errors(PAIR.replace("WIDTH", "7")) == [("CL103", 10)]  # 2*C is never 7
    with pytest.raises(RuntimeError):
        module_shapes(built(PAIR.replace("WIDTH", "7"), "net.py"), (2, 3, 8, 8))
    assert_shapes_equal_torch(PAIR.replace("WIDTH", "6"), (2, 3, 8, 8), "net.py")
