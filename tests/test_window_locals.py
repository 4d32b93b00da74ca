"""A padding, stride or dilation computed in a local before the layer that reads it (a TCN's
`pad = dilation * (kernel_size - 1) // 2`) is reported where the local is computed, as counts are;
against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

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


def _line(source: str, text: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if text in line)


def test_a_padding_computed_in_a_local_is_reported_where_it_is_computed():
    source = TCN.replace("OP", "+")
    errors = [d for d in lint_text(source, "tcn.py", Settings()).diagnostics if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", _line(source, "pad = (dilation"))]
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
