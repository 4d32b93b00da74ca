"""A `try` whose body reads a local not bound yet (a WaveNet's skip sum started in the loop:
`try: skip = skip[:, :, -s.size(2):]` / `except: skip = 0`): on the first iteration Python raises
NameError and the handler runs; convlint follows it so, and the sum keeps its shape."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_shapes_equal_torch, built, module_shapes

WAVENET = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, ch=16, skip_ch=64, n=3):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv1d(ch, ch, 2) for _ in range(n)])
        self.skips = nn.ModuleList([nn.Conv1d(ch, skip_ch, 1) for _ in range(n)])
        self.end = nn.Conv1d(skip_ch, 64, 1)
        self.head = nn.Linear(FEATURES, 10)

    def forward(self, x):
        for i in range(len(self.convs)):
            x = torch.tanh(self.convs[i](x))
            s = self.skips[i](x)
            try:
                skip = skip[:, :, -s.size(2):]
            HANDLER
                skip = 0
            skip = s + skip
        return self.head(self.end(torch.relu(skip)).flatten(1))
'''
SIZE = (2, 16, 40)
HANDLERS = ["except:", "except NameError:", "except Exception as e:", "except (ValueError, NameError):"]


def source(features: int, handler: str = "except:") -> str:
    return WAVENET.replace("FEATURES", str(features)).replace("HANDLER", handler)


@pytest.mark.parametrize("handler", HANDLERS)
def test_the_sum_started_in_the_handler_keeps_its_shape(handler):
    assert_shapes_equal_torch(source(64 * 37, handler), SIZE, "wavenet.py")
    (model,) = lint_text(source(64 * 37, handler), "wavenet.py", Settings(input_shapes={"Net": SIZE})).models
    assert not model.unresolved


def test_a_count_after_the_sum_is_checked():
    wrong = source(64 * 40)
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        module_shapes(built(wrong, "wavenet.py"), SIZE)
    found = [d for d in lint_text(wrong, "wavenet.py", Settings(input_shapes={"Net": SIZE})).diagnostics
             if d.severity == "error"]
    assert [(d.code, d.span.line) for d in found] == [("CL101", 12)], [d.message for d in found]


def test_a_handler_not_catching_name_error_is_not_taken():
    # Python would stop there: convlint does not follow a path that does not run
    (model,) = lint_text(source(64 * 37, "except ValueError:"), "wavenet.py",
                         Settings(input_shapes={"Net": SIZE})).models
    end = next(c for c in model.calls if c.node.label == "end")
    assert end.output.shape.dims[0] != 2 or end.output.shape.dims[2] != 37


LATER_LINE = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        try:
            y = self.pool(self.conv(x))
            total = total + y
        except NameError:
            total = y
        return total
'''


def test_the_lines_before_the_one_raising_keep_their_effect():
    assert_shapes_equal_torch(LATER_LINE, (2, 3, 16, 16), "later.py")
    (model,) = lint_text(LATER_LINE, "later.py", Settings(input_shapes={"Net": (2, 3, 16, 16)})).models
    assert model.calls[-1].output.shape.dims == (2, 8, 8, 8)
