"""Tensors made with the shape of the input before a layer set its rank (`torch.ones_like(x)`,
`torch.zeros(x.size())`, `x.new_ones(x.shape)`, a mask of `x[:, :1]`): the input's shape, settled
with it, so a map made from them is checked with no input size given."""

import pytest

from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

MASKED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.w = torch.ones(1, 3, 3, 3)
        self.b = nn.Conv2d(3, 1, 3, padding=1)

    def forward(self, x):
        return F.conv2d(MAKER, self.w, stride=STRIDE, padding=1) + self.b(x)
'''

MAKERS = ["torch.ones_like(x)", "torch.zeros_like(x, dtype=torch.float32)", "torch.full_like(x, 0.5)",
          "torch.rand_like(x)", "torch.randn_like(x)", "torch.empty_like(x).fill_(1)", "torch.ones(x.size())",
          "torch.zeros(x.shape)", "x.new_ones(x.shape)", "x.new_zeros(x.size())", "x.new(x.size()).fill_(1)"]


@pytest.mark.parametrize("maker", MAKERS)
def test_a_map_made_like_the_input_keeps_its_shape(maker):
    source = MASKED.replace("MAKER", maker)
    assert_bug_found_at_its_line(source, {"STRIDE": "1"}, {"STRIDE": "2"}, (2, 3, 32, 32), 14, "CL107",
                                 "masked.py")


MASK_FIRST = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.image = nn.Conv2d(3, 8, 3, stride=STRIDE, padding=1)
        self.mask = nn.Conv2d(1, 8, 3, padding=1)

    def forward(self, x):
        mask = torch.ones_like(x[:, :1])
        return self.image(x) * self.mask(mask)
'''


def test_a_mask_made_before_the_first_layer_settles_with_the_input():
    """`torch.ones_like(x[:, :1])` read before the image conv gave the input its rank: N x 1 x H x W."""
    clean = assert_bug_found_at_its_line(MASK_FIRST, {"STRIDE": "1"}, {"STRIDE": "2"}, (2, 3, 16, 16), 9, "CL107",
                                         "mask_first.py")
    (model,) = clean.models
    assert [str(c.input.shape) for c in model.calls if c.node.path == "mask"] == ["Nx1xHxW"]
    assert_shapes_equal_torch(MASK_FIRST.replace("STRIDE", "1"), (2, 3, 16, 16), "mask_first.py")
