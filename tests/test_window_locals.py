"""A padding, stride or dilation computed in a local before the layer that reads it (a TCN's
`pad = dilation * (kernel_size - 1) // 2`) is reported where the local is computed, as counts are;
against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

TCN = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, channels=16, hidden=32, kernel_size=3, dilation=2, causal=False):
        super().__init__()
        self.conv1x1 = nn.Conv1d(channels, hidden, 1)
        pad = (dilation * (kernel_size OP 1)) // 2 if not causal else (
            dilation * (kernel_size - 1))
        self.dconv = nn.Conv1d(
            hidden, hidden, kernel_size,
            groups=hidden, padding=pad, dilation=dilation)
        self.sconv = nn.Conv1d(hidden, channels, 1)
        self.causal = causal
        self.pad = pad

    def forward(self, x):
        y = self.dconv(self.conv1x1(x))
        if self.causal:
            y = y[:, :, :-self.pad]
        return x + self.sconv(y)
'''


def test_a_padding_computed_in_a_local_is_reported_where_it_is_computed():
    source = TCN.replace("OP", "+")
    errors = [d for d in lint_text(source, "tcn.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line_of(source, "pad = (dilation"))]
    assert [d for d in lint_text(TCN.replace("OP", "-"), "tcn.py", Settings()).diagnostics
            if d.severity == "error"] == []


def test_torch_refuses_the_wrong_padding():
    torch = pytest.importorskip("torch")
    for op, fails in (("-", False), ("+", True)):
        namespace: dict = {}
        exec(compile(TCN.replace("OP", op), "tcn.py", "exec"), namespace)
        net = namespace["Block"]()
        if fails:
            with pytest.raises(RuntimeError, match="must match the size of tensor b"):
                net(torch.zeros(2, 16, 50))
        else:
            assert tuple(net(torch.zeros(2, 16, 50)).shape) == (2, 16, 50)


MOBILE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_dw(inp, oup, stride):
    return nn.Sequential(
        nn.Conv2d(inp, inp, 3, stride, 1, groups=inp, bias=False), nn.BatchNorm2d(inp), nn.ReLU(inplace=True),
        nn.Conv2d(inp, oup, 1, 1, 0, bias=False), nn.BatchNorm2d(oup), nn.ReLU(inplace=True))


class Net(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.model = nn.Sequential(
            nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1, bias=False), nn.BatchNorm2d(32), nn.ReLU(inplace=True)),
            conv_dw(32, 64, 2),
            conv_dw(64, 64, 1),
            conv_dw(64, 128, 1))
        self.fc = nn.Linear(128, num_classes)

    def forward(self, x):
        x = self.model(x)
        x = F.avg_pool2d(x, WINDOW)
        x = x.view(-1, 128)
        return self.fc(x)


if __name__ == "__main__":
    Net()(torch.randn(2, 3, 64, 64))
'''


def test_a_functional_pool_window_too_large_is_its_own_line_not_a_stride_of_the_stack():
    """`conv_dw(32, 64, 2)` beside calls passing stride 1 would make the map fit the window too, but
    a window refused at the pool is the pool's: the stride stays the design."""
    source = MOBILE.replace("WINDOW", "18")
    errors = [d for d in lint_text(source, "mobile.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL105", line_of(source, "F.avg_pool2d(x, 18)"))]
    assert [d for d in lint_text(MOBILE.replace("WINDOW", "16"), "mobile.py", Settings()).diagnostics
            if d.severity == "error"] == []


def test_torch_refuses_the_window():
    torch = pytest.importorskip("torch")
    for window, fails in (("16", False), ("18", True)):
        namespace: dict = {}
        exec(compile(MOBILE.replace("WINDOW", window), "mobile.py", "exec"), namespace)
        net = namespace["Net"]()
        if fails:
            with pytest.raises(RuntimeError, match="Output size is too small"):
                net(torch.zeros(2, 3, 64, 64))
        else:
            assert tuple(net(torch.zeros(2, 3, 64, 64)).shape) == (2, 10)
