"""torch.var_mean / torch.std_mean (a pair: the var or std, and the mean, each reduced as x.var is)
and x.var / x.std / x.mean over a dim, a list of dims, every element, with keepdim and an unbiased
flag or correction=: the shapes torch gives, so a weight-standardized conv (an nn.Conv2d subclass
applying `(w - m) / torch.sqrt(v + eps)` of `v, m = torch.var_mean(w, dim=[1, 2, 3], keepdim=True)`)
keeps its shape. Checked against torch."""

import pytest

from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, tapped

torch = pytest.importorskip("torch")

SIZE = (2, 3, 8, 8)

REDUCTIONS = tapped(forward='''
    v, m = torch.var_mean(x, dim=[1, 2, 3], keepdim=True)
    s, n = torch.std_mean(x, (2, 3), unbiased=False)
    w, _ = torch.var_mean(x, 1, True, True)
    return [self.a(v), self.b(m), self.c(s), self.d(n), self.e(w),
            self.f(torch.var_mean(x)[0]), self.g(torch.var_mean(x, dim=1, correction=0)[1]),
            self.h(x.var(False)), self.i(x.var(1, True)), self.j(x.std(1, True, True)),
            self.k(x.mean(dim=None, keepdim=True)), self.l(x.var(dim=None, keepdim=True)),
            self.m(torch.var(x, 1, True, True)), self.n(x.std([1, -1], keepdim=True))]
''')

STD_CONV = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class StdConv2d(nn.Conv2d):
    def forward(self, x):
        w = self.weight
        v, m = torch.var_mean(w, dim=[1, 2, 3], keepdim=True, unbiased=False)
        w = (w - m) / torch.sqrt(v + 1e-10)
        return F.conv2d(x, w, self.bias, self.stride, self.padding, self.dilation, self.groups)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = StdConv2d(3, 16, 3, padding=1)
        self.conv2 = StdConv2d(WIDTH, 32, 3, stride=2, padding=1)
        self.head = nn.Linear(32 * 4 * 4, 10)

    def forward(self, x):
        return self.head(self.conv2(F.relu(self.conv1(x))).flatten(1))
'''


def test_reductions_give_the_shapes_torch_gives():
    assert_shapes_equal_torch(REDUCTIONS, SIZE, "net.py")


def test_a_weight_standardized_conv_keeps_its_shapes():
    assert_shapes_equal_torch(STD_CONV.replace("WIDTH", "16"), SIZE, "net.py")


def test_a_weight_standardized_conv_given_the_wrong_width_is_found_at_its_line():
    assert_bug_found_at_its_line(STD_CONV, {"WIDTH": "16"}, {"WIDTH": "32"}, SIZE,
                                 line_of(STD_CONV, "self.conv2 ="), "CL103", "net.py")
