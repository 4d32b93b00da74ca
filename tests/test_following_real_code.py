"""Forms real training code takes that convlint follows: a gradient-reversal autograd.Function
before a model's first layer, checked against torch (the bug raises, the fixed code runs)."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import filled

GRADIENT_REVERSAL = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class GradReverse(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, constant):
        ctx.constant = constant
        return x.RETURNED

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output.neg() * ctx.constant, None

    @staticmethod
    def grad_reverse(x, constant):
        return GradReverse.apply(x, constant)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(768, 100)
        self.fc2 = nn.Linear(WIDTH, 2)

    def forward(self, feat, constant):
        feat = REVERSED
        return F.log_softmax(self.fc2(F.relu(self.fc1(feat))), 1)
'''


def _errors(source: str, settings: Settings | None = None) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "dann.py", settings or Settings()).diagnostics
            if d.severity == "error"}


def _runs(source: str, *args) -> None:
    namespace: dict = {}
    exec(compile(source, "dann.py", "exec"), namespace)
    namespace["Net"]()(*args)


@pytest.mark.parametrize("returned", ["view_as(x)", "reshape_as(x)"])
@pytest.mark.parametrize("reversed_", ["GradReverse.apply(feat, constant)", "GradReverse.grad_reverse(feat, constant)"])
def test_gradient_reversal_before_the_first_layer_keeps_the_symbolic_input(returned, reversed_):
    """DANN's domain classifier: forward(feat, constant) reverses the gradient first; the Function
    returns its input (x.view_as(x)), so fc1 still tells the input's size, with no options."""
    torch = pytest.importorskip("torch")
    source = filled(GRADIENT_REVERSAL, {"RETURNED": returned, "REVERSED": reversed_})
    wrong, right = filled(source, {"WIDTH": "50"}), filled(source, {"WIDTH": "100"})
    with pytest.raises(RuntimeError):
        _runs(wrong, torch.zeros(2, 768), 1.0)
    _runs(right, torch.zeros(2, 768), 1.0)
    assert ("CL101", line_of(wrong, "nn.Linear(50, 2)")) in _errors(wrong)
    assert not _errors(right)


COLLAPSED_AXIS = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.spatial = nn.Conv3d(1, 8, kernel_size=(1, 7, 7))
        self.spectral = nn.Conv3d(8, 8, kernel_size=(7, 1, 1), padding=(3, 0, 0))
        self.pool = nn.MaxPool3d(kernel_size=(2, 1, 1))
        self.later = nn.Conv3d(8, 8, kernel_size=LATER)
        self.fc = nn.Linear(8 * 12, 5)

    def forward(self, x):
        x = self.later(self.pool(self.spectral(self.spatial(x))))
        return self.fc(x.flatten(1))
'''


@pytest.mark.parametrize("later, reported", [("(1, 1, 1)", False), ("(3, 1, 1), padding=(1, 0, 0)", False),
                                             ("(1, 3, 3), padding=(0, 1, 1)", True)])
def test_collapsed_dim_counts_only_layers_that_read_it(later, reported):
    """HybridSN-like 3-D nets collapse the spatial dims with a 7x7 kernel and then convolve the
    spectral axis only ((7, 1, 1)): those layers lose nothing; one with a 3x3 window on the
    1x1 map (padding makes it run) is still noted."""
    torch = pytest.importorskip("torch")
    source = filled(COLLAPSED_AXIS, {"LATER": later})
    namespace: dict = {}
    exec(compile(source, "hybrid.py", "exec"), namespace)
    depth = 24
    assert namespace["Net"]()(torch.zeros(2, 1, depth, 7, 7)).shape == (2, 5)
    result = lint_text(source, "hybrid.py", Settings(input_shapes={"Net": (2, 1, depth, 7, 7)}))
    notes = [d for d in result.diagnostics if d.code == "CL209"]
    assert bool(notes) == reported
    if reported:
        assert notes[0].span.line == line_of(source, "self.spatial =")
