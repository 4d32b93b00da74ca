"""A row written as a literal and unpacked into names on the way to a layer (a nested loop target
`for i, (cin, cout, k) in enumerate(cfg)`, `cin, cout, k = cfg[-1]`, `depth, cin, cout = dims` of a
tuple a caller passed): a wrong count is reported at the row's number, not at the layer's line or
the helper's call; against torch."""

import pytest

from tests.torch_cases import assert_bug_found_at_its_line, filled
from tests.source_lines import line_of

TABLE = '''
import torch
import torch.nn as nn
from collections import OrderedDict


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.cfg = [
            (6, 64, 4, 2, 1),
            (64, 128, 4, 2, 1),
            (CIN, 256, 4, 2, 1),  # the row
            (256, 512, 4, 1, 1),
            (LAST, 1, 3, 1, 1),  # the last row
        ]
        layers = OrderedDict()
        LOOP
            layers[f"conv{i}"] = nn.Conv2d(cin, cout, k, s, p, bias=False)
            layers[f"act{i}"] = nn.LeakyReLU(0.2)
        cin, cout, k, s, p = self.cfg[-1]
        layers["out"] = nn.Conv2d(cin, cout, k, s, p)
        self.model = nn.Sequential(layers)

    def forward(self, x):
        return self.model(x)
'''

LOOPS = {
    "enumerate": "for i, (cin, cout, k, s, p) in enumerate(self.cfg[:-1]):",
    "zip": "for i, (cin, cout, k, s, p) in zip(range(9), self.cfg[:-1]):",
    "enumerate-list-target": "for i, [cin, cout, k, s, p] in enumerate(self.cfg[:-1]):",
}


@pytest.mark.parametrize("loop", sorted(LOOPS))
def test_a_row_unpacked_by_a_nested_loop_target_is_blamed_at_its_number(loop):
    source = filled(TABLE, {"LOOP": LOOPS[loop], "LAST": "512"})
    assert_bug_found_at_its_line(source, {"CIN": "128"}, {"CIN": "64"}, (2, 6, 64, 64),
                                 line_of(source, "# the row"), "CL103", "net.py")


def test_a_row_unpacked_by_an_assignment_is_blamed_at_its_number():
    source = filled(TABLE, {"LOOP": LOOPS["enumerate"], "CIN": "128"})
    assert_bug_found_at_its_line(source, {"LAST": "512"}, {"LAST": "256"}, (2, 6, 64, 64),
                                 line_of(source, "# the last row"), "CL103", "net.py")


HELPER = '''
from functools import partial
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = self._block('conv1', (2, 1, 32))
        self.conv2 = self._block('conv2', (2, CIN, 64))  # the call
        self.conv3 = self._block('conv3', [1, 64, 8])

    def forward(self, x):
        return self.conv3(self.conv2(self.conv1(x)))

    @classmethod
    def _block(cls, name, dims):
        UNPACK
        block = nn.Sequential()
        for i in range(depth):
            block.add_module('{}_{}'.format(name, i + 1), cls._layer(cin if i == 0 else cout, cout))
        return block

    @staticmethod
    def _layer(cin, cout):
        conv = partial(nn.Conv2d, padding=1)
        return nn.Sequential(conv(in_channels=cin, out_channels=cout, kernel_size=3), nn.ReLU())
'''


@pytest.mark.parametrize("unpack", ["depth, cin, cout = dims", "(depth, cin, cout) = dims",
                                    "[depth, cin, cout] = dims"])
def test_a_tuple_a_caller_passed_unpacked_in_a_helper_is_blamed_at_the_callers_number(unpack):
    source = filled(HELPER, {"UNPACK": unpack})
    assert_bug_found_at_its_line(source, {"CIN": "32"}, {"CIN": "16"}, (2, 1, 8, 8),
                                 line_of(source, "# the call"), "CL103", "net.py")
