"""Module names built with a format spec (`(f'unit{i:02d}', Unit(c, c)) for i in range(2, n + 1)`
in an OrderedDict handed to nn.Sequential) are the names Python writes, so each unit is a child of
its own, named as torch names it, and a finding about one names it (body.unit03.conv). Checked
against torch."""

import pytest

from tests.torch_cases import assert_shapes_equal_torch

torch = pytest.importorskip("torch")

SOURCE = '''
from collections import OrderedDict

import torch.nn as nn


class Unit(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(OrderedDict(
            [('unit01', Unit(3, 8))] + [(f'unit{i:02d}', Unit(8, 8)) for i in range(2, 5)] +
            [(f'{"tail"!s:>6}', Unit(8, 4)), (f'x{7:x}', nn.ReLU())]))

    def forward(self, x):
        return self.body(x)
'''


def test_names_written_with_a_format_spec_are_torchs():
    assert_shapes_equal_torch(SOURCE, (2, 3, 8, 8), "net.py")
