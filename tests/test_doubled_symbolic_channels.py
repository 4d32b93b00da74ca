"""A conv fed channels that are a multiple of a size of the input no one gave (an EdgeConv's
`torch.cat((centre - neighbour, neighbour), dim)` over a point cloud's D features: 2*D channels)
that no size makes its in_channels (3, odd) is an error for every input, as a product of a
flattened map is (never_equal): torch refuses whatever D is. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line

EDGE = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, k=8):
        super().__init__()
        self.k = k
        self.conv = nn.Sequential(nn.Conv2d(WIDTH, 64, 1), nn.ReLU())

    def forward(self, x):
        b, p, d = x.size()
        nbr = x.unsqueeze(2).expand(b, p, self.k, d)
        centre = x.unsqueeze(2).expand(b, p, self.k, d)
        feat = torch.cat((centre - nbr, nbr), dim=3).permute(0, 3, 1, 2)
        return self.conv(feat).max(dim=-1)[0]
'''

TRIPLED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(WIDTH, 16, 1)

    def forward(self, x):
        b, p, d = x.shape
        feat = torch.cat([x, x * x, x.abs()], dim=2).transpose(1, 2)
        return self.conv(feat)
'''


@pytest.mark.parametrize("source, right, wrong, size", [
    (EDGE, "6", "3", (2, 128, 3)),  # 2*D channels: never odd
    (TRIPLED, "6", "4", (2, 10, 2)),  # 3*D channels: never 4
], ids=["doubled", "tripled"])
def test_channels_no_input_size_gives_are_an_error_for_every_size(source, right, wrong, size):
    line = next(n for n, written in enumerate(source.splitlines(), 1) if "WIDTH" in written)
    assert_bug_found_at_its_line(source, {"WIDTH": right}, {"WIDTH": wrong}, size, line, "CL103", "edge.py")
    found = [d for d in lint_text(source.replace("WIDTH", wrong), "edge.py", Settings()).diagnostics
             if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL103", line)]
