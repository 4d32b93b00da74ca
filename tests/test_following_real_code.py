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
