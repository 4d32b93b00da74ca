"""A local bound once to a width (`feature_num = 16`) that layers of the same constructor read
directly and get (`nn.BatchNorm2d(feature_num)` after the conv giving it), and that is also passed
to a block whose layer refuses it (`Memory(50, fea_dim=feature_num)` where 32 channels arrive): the
number is right for the layers reading it, so the call passing it to the block is the line to
change, not the binding."""

from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line

MEMORY = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Memory(nn.Module):
    def __init__(self, slots, fea_dim):
        super().__init__()
        self.weight = nn.Parameter(torch.empty(slots, fea_dim))

    def forward(self, x):
        att = torch.softmax(F.linear(x, self.weight), dim=1)
        return F.linear(att, self.weight.t())


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        feature_num = 16
        feature_num_x2 = 32
        self.enc = nn.Sequential(nn.Conv2d(3, feature_num, 3, padding=1), nn.BatchNorm2d(feature_num), nn.ReLU(),
                                 nn.Conv2d(feature_num, feature_num_x2, 3, padding=1), nn.BatchNorm2d(feature_num_x2))
        self.mem = Memory(50, fea_dim=WIDTH)
        self.dec = nn.Sequential(nn.Linear(feature_num_x2, feature_num), nn.BatchNorm1d(feature_num),
                                 nn.ReLU(), nn.Linear(feature_num, 3))

    def forward(self, x):
        return self.dec(self.mem(F.adaptive_avg_pool2d(self.enc(x), 1).flatten(1)))
'''


def test_the_call_passing_the_local_to_the_block_is_blamed():
    assert_bug_found_at_its_line(MEMORY, {"WIDTH": "feature_num_x2"}, {"WIDTH": "feature_num"}, (2, 3, 8, 8),
                                 line_of(MEMORY, "self.mem = Memory("), "CL101", "memory.py")
