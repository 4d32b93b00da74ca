"""Comparison and two-operand elementwise methods (`mem.gt(thresh)`, `x.ge(y)`, `torch.gt(x, 0.5)`,
`a.logical_and(b)`, `x.maximum(y)`, `x.clamp_min(0)`) keep the shape their operands broadcast to,
as the operators do: a spiking net thresholding its membrane with `input.gt(thresh).float()` keeps
its shapes through the time loop. Checked against torch."""

import pytest

from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, tapped

torch = pytest.importorskip("torch")

SIZE = (2, 3, 8, 8)

METHODS = tapped(init='''
    self.conv = nn.Conv2d(3, 4, 3, padding=1)
    self.scale = nn.Parameter(torch.zeros(4, 1, 1))
''', forward='''
    x = self.conv(x)
    y = self.scale
    return [self.a(x.gt(0.5)), self.b(x.ge(y)), self.c(x.lt(y)), self.d(x.le(0)), self.e(x.eq(y)),
            self.f(x.ne(0)), self.g(x.greater_equal(y)), self.h(torch.gt(x, 0.5)), self.i(torch.ne(x, y)),
            self.j(x.logical_and(y)), self.k(x.maximum(y)), self.l(x.clamp_min(0)), self.m(x.fmod(2)),
            self.n(x.clone().gt_(y))]
''')

SPIKING = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Spike(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.gt(0.5).float()

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output


def step(layer, x, mem, spike):
    mem = mem * 0.2 * (1. - spike) + layer(x)
    return mem, Spike.apply(mem)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(WIDTH, 16, 3, padding=1)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        n = x.size(0)
        m1 = s1 = torch.zeros(n, 8, 16, 16)
        m2 = s2 = torch.zeros(n, 16, 8, 8)
        total = torch.zeros(n, 10)
        for _ in range(3):
            m1, s1 = step(self.conv1, x, m1, s1)
            m2, s2 = step(self.conv2, F.avg_pool2d(s1, 2), m2, s2)
            total = total + self.fc(F.avg_pool2d(s2, 2).view(n, -1))
        return total / 3
'''

SPIKE_SIZE = (2, 3, 16, 16)


def test_comparison_methods_give_the_shapes_torch_gives():
    assert_shapes_equal_torch(METHODS, SIZE, "net.py")


def test_a_spiking_net_keeps_its_shapes_through_the_threshold():
    assert_shapes_equal_torch(SPIKING.replace("WIDTH", "8"), SPIKE_SIZE, "net.py")


def test_a_spiking_net_given_the_wrong_width_is_found_at_its_line():
    assert_bug_found_at_its_line(SPIKING, {"WIDTH": "8"}, {"WIDTH": "4"}, SPIKE_SIZE,
                                 line_of(SPIKING, "self.conv2 ="), "CL103", "net.py")
