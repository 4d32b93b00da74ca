"""A model that runs out of evaluation steps (a factory's model whose constructor loops too long)
ends only itself: what runs after it, the inputs looked for in the file's other models, spends a
budget of its own, so those models are still checked and the file is not given up. Checked
against torch."""

from __future__ import annotations

import pytest

import convlint.evaluator.interpreter as interpreter
from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built

torch = pytest.importorskip("torch")

SMALL_BUDGET = 60_000  # the double loop below takes several times this

OVER_BUDGET_FACTORY = '''
import torch
import torch.nn as nn


class Costly(nn.Module):
    def __init__(self, width):
        super(Costly, self).__init__()
        total = 0
        for i in range(300):
            for j in range(300):
                total += (i * j) % 3
        self.conv = nn.Conv2d(3, width, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


def costly():
    return Costly(16)


class Other(nn.Module):
    def __init__(self):
        super(Other, self).__init__()
        self.conv = nn.Conv2d(3, 8, 3)
        self.fc = nn.Linear(WIDTH, 10)

    def forward(self, x):
        return self.fc(self.conv(x).mean((2, 3)))
'''


def test_a_model_over_the_step_budget_ends_only_itself(monkeypatch):
    monkeypatch.setattr(interpreter, "MAX_STEPS", SMALL_BUDGET)
    wrong = OVER_BUDGET_FACTORY.replace("WIDTH", "16")
    built(OVER_BUDGET_FACTORY.replace("WIDTH", "8"), "budget.py", lambda ns: ns["Other"]())(torch.zeros(1, 3, 8, 8))
    with pytest.raises(RuntimeError):
        built(wrong, "budget.py", lambda ns: ns["Other"]())(torch.zeros(1, 3, 8, 8))
    found = lint_text(wrong, "budget.py", Settings())
    errors = [(d.code, d.span.line) for d in found.diagnostics if d.severity == "error"]
    assert errors == [("CL101", line_of(OVER_BUDGET_FACTORY, "self.fc = nn.Linear"))]
    assert all(m.stopped for m in found.models if m.name in ("Costly", "costly"))
