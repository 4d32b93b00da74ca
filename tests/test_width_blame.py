"""Blame the layer that sets the wrong width: a residual add that breaks on the channels is
reported at the layer whose out_channels, given the other operand's, makes the model run."""

import pytest

from convlint.pipeline import Settings, lint_text

TCN = '''
import torch
import torch.nn as nn


class TemporalBlock(nn.Module):
    def __init__(self, in_channels=16, hidden=64, kernel_size=3, dilation=1):
        super().__init__()
        self.conv1x1 = nn.Conv1d(in_channels, hidden, 1)
        self.act = nn.PReLU()
        self.dwconv = nn.Conv1d(hidden, hidden, kernel_size, groups=hidden, padding=dilation, dilation=dilation)
        self.end_conv1x1 = nn.Conv1d(hidden, hidden, 1)  # must project back to in_channels

    def forward(self, x):
        y = self.dwconv(self.act(self.conv1x1(x)))
        return x + self.end_conv1x1(y)


class Separator(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(*[TemporalBlock(dilation=2 ** i) for i in range(3)])

    def forward(self, x):
        return self.blocks(x)


out = Separator()(torch.zeros(2, 16, 100))
'''

NO_SHORTCUT = '''
import torch
import torch.nn as nn


class Basic(nn.Module):
    def __init__(self, inplanes, planes):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(planes)
        self.conv2 = nn.Conv2d(planes, planes, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(planes)

    def forward(self, x):
        return x + self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))


class Widening(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.layer = nn.Sequential(Basic(16, 16), Basic(16, 32))  # the widening block lacks a projection

    def forward(self, x):
        return self.layer(self.stem(x))


out = Widening()(torch.zeros(2, 3, 16, 16))
'''


def _errors(source: str):
    return [d for d in lint_text(source, "model.py", Settings()).diagnostics if d.severity == "error"]


def test_the_projection_that_should_give_back_the_input_width_is_blamed():
    (finding,) = _errors(TCN)
    assert (finding.code, finding.span.line) == ("CL107", 12)
    assert "given out_channels=16 makes it run" in finding.message
    assert finding.related[0].line == 16  # the add it breaks


def test_a_widening_block_without_its_projection_is_blamed_at_the_width_its_call_passes():
    """A widening block without its projection shortcut: conv2 and bn2, sized from the same planes,
    are one producer; given the input's 16 they run the model, and `Basic(16, 32)` passes that
    width, so its 32 is reported, the add related (as where conv2 has no norm after it)."""
    (finding,) = _errors(NO_SHORTCUT)
    call = next(n for n, line in enumerate(NO_SHORTCUT.splitlines(), 1) if "Basic(16, 32)" in line)
    assert (finding.code, finding.span.line) == ("CL107", call)
    assert "passing 16 makes it run" in finding.message
    assert 15 in [r.line for r in finding.related]


def test_torch_refuses_both():
    torch = pytest.importorskip("torch")
    for source in (TCN, NO_SHORTCUT):
        with pytest.raises(RuntimeError, match="must match the size of tensor b"):
            exec(compile(source, "model.py", "exec"), {})
    fixed: dict = {}
    exec(compile(TCN.replace("nn.Conv1d(hidden, hidden, 1)", "nn.Conv1d(hidden, in_channels, 1)"), "m.py", "exec"), fixed)
    assert fixed["out"].shape == (2, 16, 100)
