"""A block that concatenates two of its own branches, each sized by an argument of its call, then
builds a layer for one branch only (`BatchNorm2d(o1)` after `cat((e1(x), e3(x)))`, a SqueezeNet fire
expand): the count the call passes sizes that branch too, so no value of it fixes the layer
(o1 == o1 + o3): the layer's own line is reported, not the caller's argument; against torch."""

from tests.torch_cases import assert_bug_found_at_its_line
from tests.source_lines import line_of

SOURCE = '''
import torch
import torch.nn as nn


class Expand(nn.Module):
    def __init__(self, cin, o3, o1):
        super().__init__()
        self.e1 = nn.Conv2d(cin, o1, 1)
        self.e3 = nn.Conv2d(cin, o3, 3, padding=1)
        self.after = LAYER  # the layer

    def forward(self, x):
        return self.after(torch.relu(torch.cat((self.e1(x), self.e3(x)), 1)))


class Fire(nn.Module):
    def __init__(self, cin, sq, out):
        super().__init__()
        self.squeeze = nn.Conv2d(cin, sq, 1)
        self.expand = Expand(sq, HALF3, HALF1)

    def forward(self, x):
        return self.expand(torch.relu(self.squeeze(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 32, 3, 2), Fire(32, 16, 64), Fire(64, 16, 64))

    def forward(self, x):
        return self.features(x)
'''


def test_a_norm_for_one_of_two_joined_branches_is_blamed_at_its_line():
    assert_bug_found_at_its_line(SOURCE, {"LAYER": "nn.BatchNorm2d(o1 + o3)", "HALF3": "out // 2", "HALF1": "out // 2"},
                                 {"LAYER": "nn.BatchNorm2d(o1)", "HALF3": "out // 2", "HALF1": "out // 2"},
                                 (2, 3, 32, 32), line_of(SOURCE, "# the layer"), "CL104", "net.py")


def test_a_conv_for_one_of_two_joined_branches_of_other_widths_is_blamed_at_its_line():
    assert_bug_found_at_its_line(SOURCE, {"LAYER": "nn.Conv2d(o1 + o3, o1 + o3, 1)", "HALF3": "out // 4", "HALF1": "out - out // 4"},
                                 {"LAYER": "nn.Conv2d(o1, o1 + o3, 1)", "HALF3": "out // 4", "HALF1": "out - out // 4"},
                                 (2, 3, 32, 32), line_of(SOURCE, "# the layer"), "CL103", "net.py")
