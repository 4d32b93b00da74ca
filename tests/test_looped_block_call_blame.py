"""A block built once whose shared unit runs in a loop counted by an argument
(`for _ in range(self.num_residual_unit): out = self.residual_unit(out) + x`), given the wrong
width at its call (`RecursiveBlock(64, num_residual_unit)` after a conv giving 128): the block
checked on its own, with its loop run once, shows its layers fed what they read, so the call's
argument is reported, whether the model's own count is given or tried. A unit whose line is wrong
keeps the finding. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

RECURSIVE = '''
import torch
from torch import nn


class RecursiveBlock(nn.Module):
    def __init__(self, num_channels, num_residual_unit):
        super().__init__()
        self.num_residual_unit = num_residual_unit
        self.residual_unit = nn.Sequential(
            nn.ReLU(True),
            nn.Conv2d(UNIT_IN, num_channels, 3, 1, 1, bias=False),
            nn.ReLU(True),
            nn.Conv2d(num_channels, num_channels, 3, 1, 1, bias=False),
        )

    def forward(self, x):
        out = x
        for _ in range(self.num_residual_unit):
            out = self.residual_unit(out)
            out = torch.add(out, x)
        return out


class Net(nn.Module):
    def __init__(self, num_residual_unit COUNT):
        super().__init__()
        self.conv1 = nn.Sequential(nn.ReLU(True), nn.Conv2d(1, 128, 3, 1, 1, bias=False))
        self.trunk = RecursiveBlock(WIDTH, num_residual_unit)
        self.conv2 = nn.Sequential(nn.ReLU(True), nn.Conv2d(128, 1, 3, 1, 1, bias=False))

    def forward(self, x):
        out = self.trunk(self.conv1(x))
        return torch.add(x, self.conv2(out))
'''


def _source(width: int = 128, count: str = "", unit_in: str = "num_channels") -> str:
    return RECURSIVE.replace("WIDTH", str(width)).replace(" COUNT", count).replace("UNIT_IN", unit_in)


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def _net(source: str, count: int = 3):
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace["Net"](count)


@pytest.mark.parametrize("count", ["", "=3"])
def test_a_wrong_width_at_the_call_of_a_looped_block_is_reported_at_the_call(count):
    """The loop count required (each count tried) or given: the 64 of the call is the edit."""
    source = _source(width=64, count=count)
    call = line_of(source, "self.trunk = RecursiveBlock(")
    found = _errors(source)
    widths = [d for d in found if d.code == "CL103"]
    assert [(d.span.line, d.span.column) for d in widths] == [(call, source.splitlines()[call - 1].index("64") + 1)]
    assert widths[0].layer == "trunk.residual_unit.1"
    assert line_of(source, "nn.Conv2d(num_channels, num_channels, 3") in [r.line for r in widths[0].related]
    assert _errors(_source(count=count)) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.* to have 64 channels, but got 128"):
        _net(source)(torch.zeros(1, 1, 8, 8))
    assert _net(_source(count=count))(torch.zeros(1, 1, 8, 8)).shape == (1, 1, 8, 8)


def test_a_unit_line_wrong_for_every_width_stays_in_the_block():
    """`nn.Conv2d(num_channels // 2, ...)`: the block on its own fails the same way, its line is the edit."""
    source = _source(count="=3", unit_in="num_channels // 2")
    widths = [d for d in _errors(source) if d.code == "CL103"]
    assert [d.span.line for d in widths] == [line_of(source, "nn.Conv2d(num_channels // 2,")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="expected input.* to have 64 channels, but got 128"):
        _net(source)(torch.zeros(1, 1, 8, 8))
