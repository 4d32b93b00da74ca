"""Columns joined by a cat (MCNN's crowd-counting columns) built by calls of a conv wrapper, one call
passing the argument that breaks its column's size: a padding flag (`Conv2d(8, 8, 5,
same_padding=False)` of a wrapper padding `(k - 1) // 2 if same_padding else 0`) or a stride given to
one of three columns; the error is reported at that call's argument, not inside the wrapper or at
the cat; against torch."""

import pytest

from tests.torch_cases import assert_bug_found_at_its_line
from tests.source_lines import line_of

FLAGGED = '''
import torch
import torch.nn as nn


class Conv2d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size, same_padding=False):
        super().__init__()
        padding = (kernel_size - 1) // 2 if same_padding else 0
        self.conv = nn.Conv2d(in_channels, out_channels, kernel_size, padding=padding)

    def forward(self, x):
        return torch.relu(self.conv(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Sequential(Conv2d(1, 8, 5, same_padding=True), nn.MaxPool2d(2),
                               Conv2d(8, 8, 5, FLAG))  # the call
        self.b = nn.Sequential(Conv2d(1, 8, 3, same_padding=True), nn.MaxPool2d(2),
                               Conv2d(8, 8, 3, same_padding=True))
        self.fuse = Conv2d(16, 1, 1, same_padding=True)

    def forward(self, x):
        return self.fuse(torch.cat((self.a(x), self.b(x)), 1))


Net()(torch.zeros(2, 1, 32, 32))
'''


@pytest.mark.parametrize("flag", ["same_padding=", ""])
def test_a_padding_flag_a_call_gives_is_blamed_at_the_call(flag):
    assert_bug_found_at_its_line(FLAGGED, {"FLAG": flag + "True"}, {"FLAG": flag + "False"}, (2, 1, 32, 32),
                                 line_of(FLAGGED, "# the call"), "CL107", "net.py")


COLUMNS = '''
import torch
import torch.nn as nn


class ConvUnit(nn.Module):
    def __init__(self, cin, cout, k, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride, padding=(k - 1) // 2)

    def forward(self, x):
        return torch.relu(self.conv(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.column1 = nn.Sequential(ConvUnit(3, 16, 9), nn.MaxPool2d(2), ConvUnit(16, 32, 7), nn.MaxPool2d(2),
                                     ConvUnit(32, 8, 7))
        self.column2 = nn.Sequential(ConvUnit(3, 20, 7), nn.MaxPool2d(2), ConvUnit(20, 40, 5), nn.MaxPool2d(2),
                                     ConvUnit(40, 10, 5))
        self.column3 = nn.Sequential(ConvUnit(3, 24, 5STRIDE),  # the call
                                     nn.MaxPool2d(2), ConvUnit(24, 48, 3), nn.MaxPool2d(2),
                                     ConvUnit(48, 12, 3))
        self.merge = nn.Conv2d(30, 1, 1)

    def forward(self, x):
        return self.merge(torch.cat((self.column1(x), self.column2(x), self.column3(x)), 1))


Net()(torch.zeros(2, 3, 64, 64))
'''


def test_the_stride_one_of_three_columns_is_given_is_blamed_at_its_call():
    assert_bug_found_at_its_line(COLUMNS, {"STRIDE": ""}, {"STRIDE": ", stride=2"}, (2, 3, 64, 64),
                                 line_of(COLUMNS, "# the call"), "CL107", "net.py")
