"""`x = x.view(-1, x.size(-3), x.size(-2), x.size(-1))` at the start of forward: image-quality and
multi-crop nets take a stack of patches (B x P x C x H x W) or a plain batch, and make every leading
dim one before the convs. Before the first layer the input's rank is not known; the view keeps its
last k sizes whatever it is (spelled one by one or starred, `*x.shape[-3:]`), so the analysis goes on from the first layer's rank (it stopped there,
and a head counted for the global pools after it went unchecked without an input size)."""

from __future__ import annotations

import pytest

from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

VIEWS = {
    "size": "x.view(-1, x.size(-3), x.size(-2), x.size(-1))",
    "shape": "x.reshape(-1, x.shape[-3], x.shape[-2], x.shape[-1])",
    "size_tuple": "x.view((-1, x.size()[-3], x.size()[-2], x.size()[-1]))",
    "starred_shape": "x.view(-1, *x.shape[-3:])",
    "starred_size": "x.reshape(-1, *x.size()[-3:])",
}

SOURCE = """
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 20, kernel_size=5)
        self.fc1 = nn.Linear(FEATURES, 64)
        self.fc2 = nn.Linear(64, 1)

    def forward(self, x):
        x = VIEW
        x = self.conv(x)
        hi = F.max_pool2d(x, (x.size(-2), x.size(-1)))
        lo = -F.max_pool2d(-x, (x.size(-2), x.size(-1)))
        h = torch.cat((hi, lo), 1).squeeze(3).squeeze(2)
        return self.fc2(F.relu(self.fc1(h)))
"""


@pytest.mark.parametrize("view", sorted(VIEWS))
def test_a_head_after_the_view_is_checked_with_no_input_size(view):
    source = filled(SOURCE, {"VIEW": VIEWS[view]})
    clean = assert_bug_found_at_its_line(source, {"FEATURES": "40"}, {"FEATURES": "20"}, (2, 3, 1, 24, 24),
                                         line_of(source, "FEATURES"), "CL101", "patches.py")
    (model,) = [m for m in clean.models if m.name == "Net"]
    assert model.input_shape.rank == 4  # the fewest dims the view runs on: N x 1 x H x W


@pytest.mark.parametrize("size", [(2, 3, 1, 24, 24), (6, 1, 24, 24)])
def test_shapes_equal_torch_for_a_stack_of_patches_and_a_plain_batch(size):
    source = filled(SOURCE, {"VIEW": VIEWS["size"], "FEATURES": "40"})
    assert_shapes_equal_torch(source, size, "patches.py")

