"""A parameter whose sizes the constructor writes out in the wrong order (a capsule layer's
`nn.Parameter(torch.randn(1, 1152, 10, 16, 8))` for an 8 -> 16 map read by `torch.matmul(u, self.W)`,
a bias added to a map): the error is reported at the parameter's sizes, where swapping two of them
makes the model run, not at the op, which is right for the shape meant; against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line
from tests.source_lines import line_of

CAPSULES = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.W = nn.Parameter(torch.randn(1, 32, 10, SIZES))  # the parameter

    def forward(self, u):
        u = u.unsqueeze(2).unsqueeze(2)
        return torch.matmul(u, self.W).squeeze(3).sum(dim=1)


Net()(torch.zeros(2, 32, 8))
'''


def test_a_matmul_parameter_written_transposed_is_blamed_at_its_sizes():
    assert_bug_found_at_its_line(CAPSULES, {"SIZES": "8, 16"}, {"SIZES": "16, 8"}, (2, 32, 8),
                                 line_of(CAPSULES, "# the parameter"), "CL107", "net.py")
    (error,) = [d for d in lint_text(CAPSULES.replace("SIZES", "16, 8"), "net.py", Settings()).diagnostics
                if d.severity == "error"]
    assert "Swap the parameter's sizes 16 and 8" in error.fix


BIAS = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.bias = nn.Parameter(torch.zeros(SIZES))  # the parameter

    def forward(self, x):
        return self.conv(x) + self.bias


Net()(torch.zeros(2, 3, 8, 8))
'''


def test_a_bias_parameter_written_transposed_is_blamed_at_its_sizes():
    assert_bug_found_at_its_line(BIAS, {"SIZES": "1, 16, 1, 1"}, {"SIZES": "1, 1, 16, 1"}, (2, 3, 8, 8),
                                 line_of(BIAS, "# the parameter"), "CL107", "net.py")


def test_an_op_no_swap_of_the_parameter_fixes_stays_at_the_op():
    wrong = CAPSULES.replace("SIZES", "16, 9")
    found = [d for d in lint_text(wrong, "net.py", Settings()).diagnostics if d.severity == "error"]
    assert [d.span.line for d in found] == [line_of(wrong, "torch.matmul")]
