"""A window or count defaulting to a sentinel below 0 (`kernel_size=-1`), of a block that builds its
conv only where callers give one (XNOR-Net's BinConv2d doubles as a binary Linear: the conv under
`if not self.Linear:`): checked on its own at its defaults, the conv of -1 is what only the
sentinel makes, listed and not reported; a caller that takes the conv branch without a size is an
error at its conv, and an axis default (`dim=-1`) is a value. Each case is checked against torch."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_shapes_equal_torch, built, module_shapes

torch = pytest.importorskip("torch")

SOURCE = '''
import torch
import torch.nn as nn


class BinLayer(nn.Module):
    def __init__(self, cin, cout, kernel_size=-1, stride=-1, padding=-1, Linear=False):
        super().__init__()
        self.Linear = Linear
        if not TEST:
            self.bn = nn.BatchNorm2d(cin)
            self.conv = nn.Conv2d(cin, cout, kernel_size=kernel_size, stride=stride, padding=padding)
        else:
            self.bn = nn.BatchNorm1d(cin)
            self.linear = nn.Linear(cin, cout)

    def forward(self, x):
        x = torch.sign(self.bn(x))
        return self.linear(x) if self.Linear else self.conv(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 8, 5)
        self.b2 = BinLayer(8, 16, SIZES)
        self.fc = BinLayer(16 * 20 * 20, 10, Linear=True)

    def forward(self, x):
        x = self.b2(self.c1(x))
        return self.fc(x.view(x.size(0), -1))
'''
GIVEN = "kernel_size=5, stride=1, padding=0"


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "sentinel.py", Settings()).diagnostics
            if d.severity == "error"}


@pytest.mark.parametrize("test", ["self.Linear", "Linear"])
def test_a_sentinel_only_the_default_build_meets_is_not_reported(test):
    source = SOURCE.replace("TEST", test).replace("SIZES", GIVEN)
    module_shapes(built(source, "sentinel.py"), (2, 1, 28, 28))  # torch runs it
    assert _errors(source) == set()
    assert_shapes_equal_torch(source, (2, 1, 28, 28), "sentinel.py")
    result = lint_text(source, "sentinel.py", Settings())
    (block,) = [m for m in result.models if m.name == "BinLayer"]
    assert any("kernel_size=-1" in u.why for u in block.unresolved)


def test_a_caller_that_takes_the_conv_without_a_size_is_an_error_at_the_conv():
    source = SOURCE.replace("TEST", "self.Linear").replace("SIZES", "Linear=False")
    with pytest.raises(RuntimeError):
        module_shapes(built(source, "sentinel.py"), (2, 1, 28, 28))
    assert ("CL106", line_of(source, "self.conv = nn.Conv2d")) in _errors(source)


AXIS = '''
import torch.nn as nn


class Head(nn.Module):
    def __init__(self, cin, pool=-1):
        super().__init__()
        self.pool = nn.MaxPool2d(pool)
        self.fc = nn.Linear(cin, 10)

    def forward(self, x):
        return self.fc(self.pool(x).flatten(1))
'''


def test_a_negative_default_not_named_as_a_window_stays_an_error():
    # (`pool` may be anything: a value, not a sentinel for what callers give)
    assert ("CL106", line_of(AXIS, "self.pool =")) in _errors(AXIS)
