"""An expand torch refuses of a module's own parameter, sized by an argument of the call building
the module (a hand-written instance norm's `nn.Parameter(torch.ones(dim))` broadcast with
`.expand_as(x)`), is reported once, at that argument, where the model built with the width the
expand needs runs: the module is right, its call passed the wrong width."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

NORM = '''
import torch
import torch.nn as nn


class InstanceNormalization(nn.Module):
    def __init__(self, dim, eps=1e-9):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(SIZE))
        self.shift = nn.Parameter(torch.zeros(SIZE))
        self.eps = eps

    def forward(self, x):
        n = x.size(2) * x.size(3)
        t = x.view(x.size(0), x.size(1), n)
        mean = torch.mean(t, 2).unsqueeze(2).unsqueeze(3).expand_as(x)
        var = torch.var(t, 2).unsqueeze(2).unsqueeze(3).expand_as(x) * ((n - 1) / float(n))
        scale_broadcast = self.scale.unsqueeze(1).unsqueeze(1).unsqueeze(0)
        scale_broadcast = scale_broadcast.expand_as(x)
        shift_broadcast = self.shift.unsqueeze(1).unsqueeze(1).unsqueeze(0)
        shift_broadcast = shift_broadcast.expand_as(x)
        out = (x - mean) / torch.sqrt(var + self.eps)
        return out * scale_broadcast + shift_broadcast


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 3, padding=1)
        self.norm = InstanceNormalization(WIDTH)

    def forward(self, x):
        return self.norm(self.conv(x))
'''


def _net(width: str, size: str = "dim") -> str:
    return NORM.replace("WIDTH", width).replace("SIZE", size)


def _errors(source: str) -> list[tuple[int, int, str]]:
    return [(d.span.line, d.span.column, d.code) for d in lint_text(source, "net.py", Settings()).diagnostics
            if d.severity == "error"]


def _ran(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    return namespace


def test_a_norm_built_for_another_width_is_blamed_once_at_its_call():
    """InstanceNormalization(128) after a conv giving 64: its scale and shift both refuse to expand;
    one finding, at the 128, where 64 runs."""
    source = _net("128")
    call = source.splitlines()[line_of(source, "self.norm =") - 1]
    assert _errors(source) == [(line_of(source, "self.norm ="), call.index("128") + 1, "CL107")]
    fix = next(d.fix for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error")
    assert fix == "Give norm 64 there, the width of the map its parameter is expanded to"
    assert _errors(_net("64")) == []
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=r"expanded size of the tensor \(64\) must match the existing size \(128\)"):
        _ran(source)["Net"]()(torch.zeros(1, 3, 8, 8))
    assert _ran(_net("64"))["Net"]()(torch.zeros(1, 3, 8, 8)).shape == (1, 64, 8, 8)


def test_a_parameter_of_a_width_no_argument_gives_stays_at_its_expands():
    """The parameter's 128 written in the module (`torch.ones(128)`): no argument of its call
    sizes it, so the expands themselves are where torch stops."""
    source = _net("64", "128")
    assert _errors(source) == [(line_of(source, "scale_broadcast = scale_broadcast.expand_as"), 27, "CL107"),
                               (line_of(source, "shift_broadcast = shift_broadcast.expand_as"), 27, "CL107")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match=r"expanded size of the tensor \(64\) must match the existing size \(128\)"):
        _ran(source)["Net"]()(torch.zeros(1, 3, 8, 8))
