"""Python's builtins over a tensor, as torch defines them: abs(t) is Tensor.__abs__ (torch.abs),
pow(t, e) is `t ** e`; Bi-Real and ReActNet's binary convs scale their weights by
`torch.mean(abs(w), ...)`, and the layers after one are checked. Each case is checked against torch."""

from __future__ import annotations

import pytest

from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

torch = pytest.importorskip("torch")

SOURCE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class BinConv(nn.Module):
    def __init__(self, cin, cout, k=3, stride=1, padding=1):
        super().__init__()
        self.stride, self.padding = stride, padding
        self.weight = nn.Parameter(torch.rand(cout, cin, k, k) * 0.001)

    def forward(self, x):
        w = self.weight
        scale = torch.mean(SCALE, dim=(1, 2, 3), keepdim=True).detach()
        return F.conv2d(x, scale * torch.sign(w), stride=self.stride, padding=self.padding)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(3, 16, 3, padding=1)
        self.b = BinConv(16, 32, stride=2)
        self.bn = nn.BatchNorm2d(WIDTH)

    def forward(self, x):
        return self.bn(self.b(self.a(x)))
'''


@pytest.mark.parametrize("scale", ["abs(w)", "pow(w, 2)", "pow(2, w)", "abs(w) * pow(abs(w), 0.5)"])
def test_a_builtin_over_a_tensor_keeps_its_shape(scale):
    source = SOURCE.replace("SCALE", scale)
    assert_shapes_equal_torch(source.replace("WIDTH", "32"), (2, 3, 32, 32), "builtins.py")
    assert_bug_found_at_its_line(source, {"WIDTH": "32"}, {"WIDTH": "16"}, (2, 3, 32, 32),
                                 line_of(source, "self.bn = nn.BatchNorm2d"), "CL104", "builtins.py")
