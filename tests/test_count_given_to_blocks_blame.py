"""A count kept on the module (`self.in_filters4 = ...` of a MultiResUNet) that blocks are given
too, read by a layer that should read another (`in_channels=self.in_filters4` where the deeper
stage's `self.in_filters5` arrives): the blocks built from the count, through a unit of
their own, run, so the layer's line is
the one to change, not the line computing the count."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built

SOURCE = '''
import torch.nn as nn


class Unit(nn.Module):
    def __init__(self, input_features, num_of_filters):
        super().__init__()
        self.conv = nn.Conv2d(in_channels=input_features, out_channels=num_of_filters, kernel_size=3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Block(nn.Module):
    def __init__(self, input_features, filters):
        super().__init__()
        self.unit = Unit(input_features=input_features, num_of_filters=filters)

    def forward(self, x):
        return self.unit(x)


class Net(nn.Module):
    def __init__(self, filters=8):
        super().__init__()
        self.stem = nn.Conv2d(3, filters, 3, padding=1)
        self.in_filters4 = int(filters * 0.5) + int(filters * 0.5)
        self.path4 = Block(input_features=self.in_filters4, filters=filters)
        self.block5 = Block(input_features=self.in_filters4, filters=filters * 2)
        self.in_filters5 = int(filters * 2 * 0.5) + int(filters * 2 * 0.5)
        self.up = nn.ConvTranspose2d(in_channels=READ, out_channels=filters, kernel_size=2, stride=2)

    def forward(self, x):
        x = self.path4(self.stem(x))
        return self.up(self.block5(x))
'''


def _errors(source: str, shapes=None):
    result = lint_text(source, "net.py", Settings(input_shapes=shapes or {}))
    return {(d.code, d.span.line) for d in result.diagnostics if d.severity == "error"}


@pytest.mark.parametrize("shapes", [{}, {"Net": (1, 3, 16, 16)}], ids=["symbolic", "given"])
def test_the_layer_reading_the_shared_count_is_reported(shapes):
    assert _errors(SOURCE.replace("READ", "self.in_filters5"), shapes) == set()
    assert _errors(SOURCE.replace("READ", "self.in_filters4"), shapes) == {("CL103", 31)}
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input\\[1, 16, 16, 16\\] to have 8 channels"):
        built(SOURCE.replace("READ", "self.in_filters4"), "net.py", lambda ns: ns["Net"]())(torch.zeros(1, 3, 16, 16))


def test_a_count_only_the_layer_reads_is_reported_where_it_is_computed():
    source = SOURCE.replace("READ", "self.in_filters5").replace("int(filters * 2 * 0.5) + int(filters * 2 * 0.5)",
                                                                "int(filters * 3 * 0.5) + int(filters * 3 * 0.5)")
    assert _errors(source) == {("CL103", 30)}
