"""A path of a condition not known that reads an attribute of a tensor's method
(`x.contiguous.view(...)`, the call's parentheses left out) raises AttributeError there, as
`raise` would: what the other path gives is kept, so a recurrent head after the branch is
still checked. Inside a try the error may be caught: nothing is assumed there."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import built, filled, module_shapes

CRNN = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, hidden=24):
        super().__init__()
        self.conv = nn.Conv2d(1, 16, 3, padding=1)
        self.pool = nn.AvgPool2d((1, 32))
        self.rnn = nn.GRU(16, hidden, bidirectional=True, batch_first=True)
        self.head = nn.Linear(WIDTH, 5)

    def forward(self, x):
        x = self.pool(self.conv(x))
        n, c, t, f = x.size()
        if f != 1:
            x = x.permute(0, 2, 1, 3)
            x = x.contiguous.view(n, t, c * f)
        else:
            x = x.squeeze(-1).permute(0, 2, 1)
        x, _ = self.rnn(x)
        return self.head(x)
'''


def test_the_other_path_is_kept_and_checked():
    torch = pytest.importorskip("torch")
    broken = filled(CRNN, {"WIDTH": "hidden"})
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "crnn.py"), (2, 1, 20, 32))
    with pytest.raises(AttributeError):  # the other path, at a size that takes it
        module_shapes(built(filled(CRNN, {"WIDTH": "2 * hidden"}), "crnn.py"), (2, 1, 20, 64))
    del torch
    found = {(d.code, d.span.line) for d in lint_text(broken, "crnn.py", Settings()).diagnostics
             if d.severity == "error"}
    assert ("CL101", line_of(CRNN, "self.head =")) in found


def test_the_right_width_is_clean():
    right = filled(CRNN, {"WIDTH": "2 * hidden"})
    model = built(right, "crnn.py")
    assert module_shapes(model, (2, 1, 20, 32))["head"] == (2, 20, 5)
    assert not [d for d in lint_text(right, "crnn.py", Settings()).diagnostics if d.severity == "error"]


def test_inside_a_try_nothing_is_assumed():
    caught = filled(CRNN, {"WIDTH": "hidden"}).replace(
        "            x = x.contiguous.view(n, t, c * f)\n",
        "            try:\n                x = x.contiguous.view(n, t, c * f)\n"
        "            except AttributeError:\n                x = x.reshape(n, t, c * f)\n")
    assert not [d for d in lint_text(caught, "crnn.py", Settings()).diagnostics if d.severity == "error"]
