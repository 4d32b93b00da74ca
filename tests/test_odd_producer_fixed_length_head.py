"""The odd producer's width (a skip conv giving `ch * 2` where every other layer takes or gives
`ch`) is blamed where it is written even when a head sized for one input length follows the
consumer (`Flatten()` then `Linear(ch * 40, n)`): at the trial lengths that head refuses the map
before and after the edit alike, which is no vote against the edit; against torch."""

from tests.torch_cases import assert_bug_found_at_its_line, filled
from tests.source_lines import line_of

SOURCE = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, ch, dilation):
        super().__init__()
        self.conv = nn.Conv1d(ch, ch, 3, padding=dilation, dilation=dilation)
        self.skip = nn.Conv1d(ch, SKIP, 1)  # the skip

    def forward(self, x):
        y = torch.tanh(self.conv(x))
        return x + y, self.skip(y)


class Net(nn.Module):
    def __init__(self, ch=16, n_layers=3):
        super().__init__()
        self.inp = nn.Conv1d(1, ch, 1)
        self.blocks = nn.ModuleList([Block(ch, 2 ** i) for i in range(n_layers)])
        self.head = nn.Sequential(nn.ReLU(), nn.Conv1d(HEAD, ch, 1)TAIL)  # the head

    def forward(self, x):
        x = self.inp(x)
        skips = []
        for b in self.blocks:
            x, s = b(x)
            skips.append(s)
        return self.head(sum(skips))
'''

TAIL = ", nn.Flatten(), nn.Linear(ch * 40, 3)"


def test_the_odd_skip_width_is_blamed_past_a_fixed_length_head():
    source = filled(SOURCE, {"TAIL": TAIL, "HEAD": "ch"})
    assert_bug_found_at_its_line(source, {"SKIP": "ch"}, {"SKIP": "ch * 2"}, (2, 1, 40),
                                 line_of(source, "# the skip"), "CL103", "net.py")


def test_without_the_head_it_was_blamed_alike():
    source = filled(SOURCE, {"TAIL": "", "HEAD": "ch"})
    assert_bug_found_at_its_line(source, {"SKIP": "ch"}, {"SKIP": "ch * 2"}, (2, 1, 40),
                                 line_of(source, "# the skip"), "CL103", "net.py")


def test_a_consumers_own_typo_stays_at_the_consumer():
    source = filled(SOURCE, {"TAIL": TAIL, "SKIP": "ch"})
    assert_bug_found_at_its_line(source, {"HEAD": "ch"}, {"HEAD": "ch * 2"}, (2, 1, 40),
                                 line_of(source, "# the head"), "CL103", "net.py")
