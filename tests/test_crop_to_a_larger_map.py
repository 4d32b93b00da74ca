"""A slice `x[:, :, :n]` gives min(size, n): a crop to a skip's size (`crop_like` of FlowNet-style
decoders) is the upsampled map's own size wherever the skip is never smaller, so a map that comes
back too small is found with no input size given; a crop of a map never smaller is the skip's size."""

import pytest

from convlint.evaluator.tensor_ops import _sliced_size
from convlint.shapes import dim_add, dim_floordiv, dim_mul
from convlint.symbolic import evaluate
from convlint.values import Sym
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

DECODER = '''
import torch
import torch.nn as nn


def crop_like(x, target):
    if x.size()[2:] == target.size()[2:]:
        return x
    return x[:, :, :target.size(2), :target.size(3)]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(6, 32, 3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(64, 64, 3, stride=2, padding=PAD)
        self.deconv3 = nn.ConvTranspose2d(64, 32, 4, stride=2, padding=1)
        self.out = nn.Conv2d(64 + 32, 2, 3, padding=1)

    def forward(self, x):
        c2 = self.conv2(self.conv1(x))
        up = CROP
        return self.out(torch.cat([c2, up], dim=1))
'''

CROPS = ["crop_like(self.deconv3(self.conv3(c2)), c2)",
         "self.deconv3(self.conv3(c2))[:, :, :c2.size(2), :c2.size(3)]",
         "self.deconv3(self.conv3(c2))[..., :c2.shape[-2], :c2.shape[-1]]"]


@pytest.mark.parametrize("crop", CROPS)
def test_a_crop_cannot_grow_a_map_that_comes_back_too_small(crop):
    source = DECODER.replace("CROP", crop)
    assert_bug_found_at_its_line(source, {"PAD": "1"}, {"PAD": "0"}, (2, 6, 64, 64), 17, "CL107", "flownet.py")
    assert_shapes_equal_torch(source.replace("PAD", "1"), (2, 6, 64, 64), "flownet.py")
    assert_shapes_equal_torch(source.replace("PAD", "1"), (2, 6, 50, 70), "flownet.py")


H = Sym("H")


def test_a_slice_is_never_claimed_longer_than_the_dim():
    """min(size, stop): the size where the stop never falls short of it, the stop where the size
    always covers it, else a size of its own (never one of the two taken on trust)."""
    small = dim_add(dim_mul(dim_floordiv(dim_add(H, 7), 8), 2), -2)  # 2*((H+7)/8)-2, below (H+3)/4
    skip = dim_floordiv(dim_add(H, 3), 4)
    large = dim_mul(dim_floordiv(dim_add(H, 7), 8), 2)  # 2*((H+7)/8), at least (H+3)/4
    assert _sliced_size(small, slice(None, skip)) == small
    assert _sliced_size(large, slice(None, skip)) == skip
    half = dim_floordiv(H, 2)
    crossing = _sliced_size(half, slice(None, 5))  # H/2 above 5 for some H, below for others
    assert crossing not in (half, 5)
    assert _sliced_size(16, slice(None, 20)) == 16 and _sliced_size(16, slice(None, 10)) == 10
    for h in range(1, 200):  # what the two claims rest on
        assert evaluate(small, h) <= evaluate(skip, h) <= evaluate(large, h)
        assert len(range(evaluate(small, h))[:evaluate(skip, h)]) == evaluate(small, h)
