"""A tuple of sizes known only as symbols compared with numbers (`x.shape[-2:] != (28, 28)`) is
not known: Python's own == of a symbol and a number says False, which made a guard
`if x.shape[-2:] != (28, 28) and x.ndim == 4: raise` look as if it refused every 4-D input, so
convlint tried a 3-D one and reported the conv on it (a false CL105)."""

import pytest

from convlint.evaluator.interpreter import compare
from convlint.pipeline import Settings, lint_text
from convlint.values import Sym

torch = pytest.importorskip("torch")

GUARDED = """import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3)
        self.fc = nn.Linear(8 * 26 * 26, 10)

    def forward(self, x):
        if GUARD:
            raise ValueError("expects 28x28")
        return self.fc(self.conv(x).flatten(1))
"""

GUARDS = ["x.shape[-2:] != (28, 28) and x.ndim == 4", "tuple(x.shape[-2:]) != (28, 28) and x.dim() == 4",
          "x.shape[-2:] != torch.Size([28, 28]) and len(x.shape) == 4"]


@pytest.mark.parametrize("guard", GUARDS)
def test_a_guard_on_sizes_and_rank_together_raises_no_false_error(guard):
    source = GUARDED.replace("GUARD", guard)
    namespace: dict = {}
    exec(compile(source, "guarded.py", "exec"), namespace)
    assert namespace["Net"]()(torch.zeros(2, 1, 28, 28)).shape == (2, 10)
    errors = [d for d in lint_text(source, "guarded.py", Settings()).diagnostics if d.severity == "error"]
    assert errors == []


def test_tuples_of_symbols_compare_item_by_item():
    height = Sym("H")
    assert compare("NotEqual", (height, 28), (28, 28)) is None  # H may be 28
    assert compare("Equal", (height, 28), (height, 28)) is True
    assert compare("NotEqual", (height, 27), (height, 28)) is True  # an item surely unequal
    assert compare("Equal", (height,), (28, 28)) is False  # lengths differ
    assert compare("LessThan", (height,), (28,)) is None
    assert compare("Equal", (1, 2), (1, 2)) is True
