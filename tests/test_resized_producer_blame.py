"""A channel mismatch at an add whose operand went through F.interpolate / F.upsample / F.pad (ops
that keep the channels) is reported at the conv or transposed conv whose out_channels is wrong,
as for a direct add, against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line

SOURCE = '''import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Conv2d(3, 64, 3, stride=2, padding=1)
        self.deep = nn.Conv2d(64, 128, 3, stride=2, padding=1)
        self.up = UP
        self.post = nn.Conv2d(64, 64, 3, padding=1)

    def forward(self, x):
        s = self.enc(x)
        u = self.up(self.deep(s))
        u = RESIZE
        s = torch.add(u, s)
        return self.post(s) + s
'''
UPS = ["nn.ConvTranspose2d(128, WIDTH, 3, stride=2)", "nn.Conv2d(128, WIDTH, 1)"]
RESIZES = [
    "F.upsample(u, s.size()[2:], mode='bilinear')",
    "F.interpolate(u, size=s.shape[2:], mode='bilinear', align_corners=False)",
    "F.interpolate(F.pad(u, (0, 1, 0, 1), mode='replicate'), size=(s.shape[2], s.shape[3]))",
    "F.interpolate(F.avg_pool2d(u, 2), s.shape[-2:], mode='nearest')",
]


@pytest.mark.parametrize("up", UPS)
@pytest.mark.parametrize("resize", RESIZES)
def test_the_layer_whose_width_is_wrong_is_blamed_through_a_resize(up, resize):
    source = SOURCE.replace("UP", up).replace("RESIZE", resize)
    assert_bug_found_at_its_line(source, {"WIDTH": "64"}, {"WIDTH": "32"}, (2, 3, 32, 32), 11, "CL107", "resized.py")


def test_a_resize_called_twice_follows_each_call_back_to_its_own_input():
    """Functional calls share a label (`F.interpolate`): the one that made the operand is found by
    its output, not the first call of that label (whose input is deep's)."""
    source = SOURCE.replace("UP", "nn.Conv2d(128, WIDTH, 1)").replace(
        "u = self.up(self.deep(s))", "d = self.deep(s)\n        a = F.interpolate(d, size=s.shape[2:])\n"
        "        u = self.up(d)").replace("RESIZE", RESIZES[1]).replace("self.post(s) + s", "self.post(s) + s, a")
    assert_bug_found_at_its_line(source, {"WIDTH": "64"}, {"WIDTH": "32"}, (2, 3, 32, 32), 11, "CL107", "resized.py")

