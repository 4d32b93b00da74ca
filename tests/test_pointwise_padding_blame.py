"""A 1x1 shortcut conv written one argument a line, whose padding makes the residual add fail
(`nn.Conv2d(cin,\\n cout,\\n kernel_size=1,\\n stride=2,\\n padding=1)` beside a 3x3 stride-2
path): a 1x1 window reads no neighbour, so its padding, only a border of bias, is the slip: the
finding is on the `padding=` line its help names, not on `kernel_size=`."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

BLOCK = '''
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, kernel_size=3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(cout, cout, kernel_size=3, stride=1, padding=1)
        self.shortcut = nn.Conv2d(cin,
                                  cout,
                                  kernel_size=1,
                                  stride=2,
                                  padding=PADDING,
                                  bias=False)

    def forward(self, x):
        return self.conv2(F.relu(self.conv1(x))) + self.shortcut(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 16, 3, padding=1)
        self.stage = Block(16, 32)

    def forward(self, x):
        return self.stage(self.stem(x))
'''

PADDING_LINE = 15


def _found(source: str) -> list:
    return [d for d in lint_text(source, "block.py", Settings()).diagnostics if d.severity == "error"]


def _runs(source: str) -> None:
    module_shapes(built(source, "block.py", lambda namespace: namespace["Net"]()), (2, 1, 16, 16))


def test_the_right_padding_runs_clean():
    source = filled(BLOCK, {"PADDING": "0"})
    _runs(source)
    assert _found(source) == []


def test_the_padding_line_is_blamed():
    wrong = filled(BLOCK, {"PADDING": "1"})
    with pytest.raises(RuntimeError, match="must match the size"):
        _runs(wrong)
    found = _found(wrong)
    assert [(d.code, d.span.line) for d in found] == [("CL107", PADDING_LINE)]
    assert "padding=0" in (found[0].fix or "")
