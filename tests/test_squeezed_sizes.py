"""x.squeeze(d) of an input size not known: torch drops the dim only where it is 1. Where the
model fails on every other size of it too, the size is taken as 1 and the finding reported with
no options; where another size runs, the squeeze stays unknown and is listed as not followed."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

# the IMU layout N x C x T x 1 of a conv-then-LSTM net: squeezed to N x 64 x T, then steps of 64
SQUEEZE_THEN_LSTM = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_ch=6, num_classes=11):
        super().__init__()
        blocks = []
        for i in range(2):
            blocks.append(nn.Sequential(nn.Conv2d(in_ch if i == 0 else 64, 64, (5, 1), padding=(2, 0)), nn.ReLU()))
        self.convs = nn.ModuleList(blocks)
        self.lstm = nn.LSTM(WIDTH, 16, batch_first=True)
        self.out = nn.Linear(16, num_classes)

    def forward(self, x):
        for conv in self.convs:
            x = conv(x)
        x = x.squeeze(3).transpose(1, 2)
        x, _ = self.lstm(x)
        return self.out(x)
'''

# after the squeeze, a Linear on the last dim: a size of 32 there (kept by squeeze) runs
SQUEEZE_THEN_LINEAR = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(6, 64, (5, 1), padding=(2, 0))
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        x = self.conv(x).squeeze(3).transpose(1, 2)
        return self.fc(x)
'''


def _errors(source):
    return {(d.code, d.span.line) for d in lint_text(source, "squeezed.py", Settings()).diagnostics
            if d.severity == "error"}


def test_a_squeezed_size_every_value_of_which_fails_is_taken_as_1():
    wrong = filled(SQUEEZE_THEN_LSTM, {"WIDTH": "32"})
    for side in (1, 3):  # squeezed or kept, torch refuses it
        with pytest.raises((RuntimeError, ValueError)):  # (a 4-D input: ValueError)
            module_shapes(built(wrong, "squeezed.py"), (2, 6, 20, side))
    (found,) = [d for d in lint_text(wrong, "squeezed.py", Settings()).diagnostics if d.severity == "error"]
    assert (found.code, found.span.line) == ("CL109", 12)
    assert "Nx6xHx1 from line 18: x.squeeze(3)" in found.message
    right = filled(SQUEEZE_THEN_LSTM, {"WIDTH": "64"})
    assert module_shapes(built(right, "squeezed.py"), (2, 6, 20, 1))["out"] == (2, 20, 11)
    assert _errors(right) == set()


def test_a_squeezed_size_another_value_of_which_runs_stays_unknown_and_listed():
    model = built(SQUEEZE_THEN_LINEAR, "squeezed.py")
    with pytest.raises(RuntimeError):
        module_shapes(model, (2, 6, 20, 1))
    assert module_shapes(model, (2, 6, 20, 32))["fc"] == (2, 20, 64, 10)
    result = lint_text(SQUEEZE_THEN_LINEAR, "squeezed.py", Settings())
    assert [d for d in result.diagnostics if d.severity == "error"] == []
    (net,) = [m for m in result.models if m.name == "Net"]
    assert any(u.why.startswith("x.squeeze(3) of a size not known") and u.span.line == 12 for u in net.unresolved)
