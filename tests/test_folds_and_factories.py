"""functools.reduce, the operator module's functions and a conv subclass's own _conv_forward, as
real model code writes "same" padding and feature counts: every module's output shape equals
torch's (forward hooks), the one-line bug each model is written to show is found at its line with
no options, and the correct variant stays clean."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, assert_shapes_equal_torch, filled

torch = pytest.importorskip("torch")

# "same" padding folded with operator.__add__ over the kernel's sides, in a Conv2d subclass whose
# forward calls the base's _conv_forward on the padded input (the sleep-staging nets' form)
REDUCE_SAME_PADDING = '''
import torch.nn as nn
from functools import reduce
from operator import __add__


class SamePadConv(nn.Conv2d):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pad = nn.ZeroPad2d(reduce(__add__, [(k // 2 + (k - 2 * (k // 2)) - 1, k // 2)
                                                 for k in self.kernel_size[::-1]]))

    def forward(self, x):
        return self._conv_forward(self.pad(x), self.weight, self.bias)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = SamePadConv(1, 8, (6, 1), (2, 1), bias=False)
        self.c2 = SamePadConv(WIDTH, 8, (5, 1))
        self.fc = nn.Linear(8 * 50, 4)

    def forward(self, x):
        return self.fc(self.c2(self.c1(x)).flatten(1))
'''

# a feature count folded with operator.mul, a lambda with an initial value, and a function of the file
REDUCE_FEATURES = '''
import functools
import operator
import torch.nn as nn
import torch.nn.functional as F


def widen(total, item):
    return total + [item, item]


class Net(nn.Module):
    def __init__(self, grid=(4, 2)):
        super().__init__()
        self.pads = functools.reduce(widen, (1, 0), [])
        self.conv = nn.Conv2d(3, 6, 3)
        self.pool = nn.AdaptiveAvgPool2d(grid)
        self.fc = nn.Linear(functools.reduce(operator.mul, (WIDTH, *grid)), 10)
        self.out = nn.Linear(10, functools.reduce(lambda a, b: a + b, [1, 2, 3], 4))

    def forward(self, x):
        x = self.pool(self.conv(F.pad(x, self.pads)))
        return self.out(self.fc(x.flatten(1)))
'''

CASES = {  # source, input size, right and wrong fillings, the line and code of the bug
    "reduce_same_padding": (REDUCE_SAME_PADDING, (2, 1, 100, 1), {"WIDTH": "8"}, {"WIDTH": "4"}, 21, "CL103"),
    "reduce_features": (REDUCE_FEATURES, (2, 3, 16, 16), {"WIDTH": "6"}, {"WIDTH": "3"}, 18, "CL101"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_module_shape_equals_torch(case):
    source, size, right, _, _, _ = CASES[case]
    assert_shapes_equal_torch(filled(source, right), size, "folds.py")


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_bug_is_found_at_its_line_with_no_options(case):
    source, size, right, wrong, line, code = CASES[case]
    assert_bug_found_at_its_line(source, right, wrong, size, line, code, "folds.py")


def test_a_fold_over_values_not_known_is_unknown_and_listed():
    source = '''
import functools
import operator
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, sides):
        super().__init__()
        self.pad = nn.ZeroPad2d(functools.reduce(operator.add, [(s, s) for s in sides]))
        self.conv = nn.Conv2d(3, 8, 3)

    def forward(self, x):
        return self.conv(self.pad(x))
'''
    result = lint_text(source, "folds.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (model,) = [m for m in result.models if m.name == "Net"]
    assert any(u.span.line == 10 and "functools.reduce over" in u.why for u in model.unresolved)
