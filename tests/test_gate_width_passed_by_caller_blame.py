"""A squeeze-excitation gate built from a reduced width its caller passes (`SE(hidden, cin // 4)`
in an inverted-residual block), whose last conv or Linear gives that reduced width instead of the
gate's own: the caller's count is right (the reduce layer gives it), so `x * self.se(x)` is
reported at the gate's last layer, given the gate's width at each instance; against torch."""

import pytest

from tests.torch_cases import built, filled, module_shapes
from convlint.pipeline import Settings, lint_text

CONV = '''
import torch
import torch.nn as nn


class SE(nn.Module):
    def __init__(self, ch, red):
        super().__init__()
        self.se = nn.Sequential(
            nn.AdaptiveAvgPool2d(1),
            nn.Conv2d(ch, red, 1),
            nn.ReLU(),
            nn.Conv2d(red, OUT, 1),  # the gate's width
            nn.Sigmoid(),
        )

    def forward(self, x):
        return x * self.se(x)
'''

LINEAR = '''
import torch
import torch.nn as nn


class SE(nn.Module):
    def __init__(self, ch, red):
        super().__init__()
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Linear(ch, red), nn.ReLU(), nn.Linear(red, OUT), nn.Sigmoid())  # the gate's width

    def forward(self, x):
        b, c, _, _ = x.size()
        y = self.fc(self.pool(x).view(b, c)).view(b, -1, 1, 1)
        return x * y
'''

NET = '''

class MBConv(nn.Module):
    def __init__(self, cin, cout, t):
        super().__init__()
        hidden = cin * t
        self.expand = nn.Conv2d(cin, hidden, 1)
        self.se = SE(hidden, max(1, cin // 4))
        self.project = nn.Conv2d(hidden, cout, 1)

    def forward(self, x):
        return self.project(self.se(self.expand(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        blocks, cin = [nn.Conv2d(3, 16, 3, 1, 1)], 16
        for t, c in [(1, 24), (6, 32)]:
            blocks.append(MBConv(cin, c, t))
            cin = c
        self.blocks = nn.Sequential(*blocks)

    def forward(self, x):
        return self.blocks(x)
'''


@pytest.mark.parametrize("gate", [CONV, LINEAR], ids=["conv", "linear"])
def test_the_gates_last_layer_giving_the_callers_reduced_width_is_blamed(gate):
    source = gate + NET
    with pytest.raises(RuntimeError, match="must match the size of tensor b"):
        module_shapes(built(filled(source, {"OUT": "red"}), "se.py"), (2, 3, 32, 32))
    module_shapes(built(filled(source, {"OUT": "ch"}), "se.py"), (2, 3, 32, 32))
    assert not [d for d in lint_text(filled(source, {"OUT": "ch"}), "se.py", Settings()).diagnostics
                if d.severity == "error"]
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "# the gate's width" in text)
    (finding,) = [d for d in lint_text(filled(source, {"OUT": "red"}), "se.py", Settings()).diagnostics
                  if d.severity == "error"]
    assert (finding.code, finding.span.line) == ("CL107", line)
    assert "given out_" in finding.message and "=ch (16 here, each other instance its own ch)" in finding.message
