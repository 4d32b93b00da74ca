"""torch.autograd.Function subclasses of quantized and binary nets, in the forms real code calls them:
`Fn.apply` and the instance form `Fn().apply` (DoReFa's `uniform_quantize(k)` returns `qfn().apply`
of a class local to the factory, closing over k), held as an attribute or called in place, whose
static forward returns `torch.sign`, `input.sign()`, `x.clamp(...)` or a rounding of its input
beside `ctx.save_for_backward`. Each shape is checked against torch."""

from __future__ import annotations

import pytest

from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch

torch = pytest.importorskip("torch")

SOURCE = '''import torch
import torch.nn as nn
import torch.nn.functional as F


def uniform_quantize(k):
    class qfn(torch.autograd.Function):
        @staticmethod
        def forward(ctx, input):
            if k == 32:
                out = input
            elif k == 1:
                out = torch.sign(input)
            else:
                n = float(2 ** k - 1)
                out = torch.round(input * n) / n
            return out

        @staticmethod
        def backward(ctx, grad_output):
            grad_input = grad_output.clone()
            return grad_input

    return qfn().apply


class weight_quantize_fn(nn.Module):
    def __init__(self, w_bit):
        super().__init__()
        self.w_bit = w_bit
        self.uniform_q = uniform_quantize(k=w_bit)

    def forward(self, x):
        if self.w_bit == 32:
            weight_q = x
        elif self.w_bit == 1:
            E = torch.mean(torch.abs(x)).detach()
            weight_q = self.uniform_q(x / E) * E
        else:
            weight = torch.tanh(x)
            max_w = torch.max(torch.abs(weight)).detach()
            weight = weight / 2 / max_w + 0.5
            weight_q = max_w * (2 * self.uniform_q(weight) - 1)
        return weight_q


class SignSTE(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.sign()

    @staticmethod
    def backward(ctx, g):
        input, = ctx.saved_tensors
        return g * (input.abs() <= 1).float()


class Clamp(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, lo, hi):
        return x.clamp(lo, hi)

    @staticmethod
    def backward(ctx, g):
        return g, None, None


class QConv(nn.Conv2d):
    def __init__(self, cin, cout, k, stride=1, padding=0, w_bit=1):
        super().__init__(cin, cout, k, stride, padding, bias=False)
        self.quantize_fn = weight_quantize_fn(w_bit=w_bit)

    def forward(self, input):
        weight_q = self.quantize_fn(self.weight)
        return F.conv2d(input, weight_q, self.bias, self.stride, self.padding, self.dilation, self.groups)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv2 = QConv(16, 32, 3, stride=2, padding=1, w_bit=1)
        self.conv3 = QConv(32, 32, 3, padding=1, w_bit=4)
        self.bn = nn.BatchNorm2d(32)
        self.sign = SignSTE.apply
        self.fc = nn.Linear(WIDTH, 10)

    def forward(self, x):
        x = self.sign(self.conv1(x))
        x = Clamp.apply(self.conv2(x), 0, 1)
        x = self.bn(SignSTE().apply(self.conv3(x)))
        return self.fc(x.flatten(1))


if __name__ == "__main__":
    print(Net()(torch.randn(2, 3, 32, 32)).shape)
'''


def test_every_form_of_apply_keeps_the_shape():
    assert_shapes_equal_torch(SOURCE.replace("WIDTH", "32 * 16 * 16"), (2, 3, 32, 32), "quantized.py")


def test_a_head_after_an_instance_apply_is_checked():
    assert_bug_found_at_its_line(SOURCE, {"WIDTH": "32 * 16 * 16"}, {"WIDTH": "32 * 8 * 8"}, (2, 3, 32, 32),
                                 line_of(SOURCE, "self.fc = nn.Linear"), "CL101", "quantized.py")
