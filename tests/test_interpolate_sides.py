"""F.interpolate / nn.Upsample with a `size` or `scale_factor` tuple of another length than the
input's dims after (N, C): torch refuses it whatever the mode (CL108 at the call)."""

from __future__ import annotations

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled

GATE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, ch=8):
        super().__init__()
        self.main = nn.Conv2d(ch, ch, 1)
        self.short = nn.Conv2d(ch, ch, 1)

    def forward(self, x):
        out = self.main(x)
        gate = torch.sigmoid(self.short(F.avg_pool2d(x, 2)))
        return out * F.interpolate(gate, RESIZE, mode="MODE")
'''
UPSAMPLE = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.up = nn.Upsample(RESIZE)

    def forward(self, x):
        return self.up(self.conv(x))
'''
RIGHT = {"RESIZE": "size=(out.shape[-2], out.shape[-1])", "MODE": "nearest"}
CASES = [
    (GATE, {"RESIZE": "size=(out.shape[-2], out.shape[-2], out.shape[-1])", "MODE": "nearest"}, RIGHT, 16),
    (GATE, {"RESIZE": "size=(out.shape[-2], out.shape[-2], out.shape[-1])", "MODE": "bilinear"},
     {**RIGHT, "MODE": "bilinear"}, 16),
    (GATE, {"RESIZE": "scale_factor=(2, 2, 2)", "MODE": "nearest"},
     {"RESIZE": "scale_factor=(2, 2)", "MODE": "nearest"}, 16),
    (UPSAMPLE, {"RESIZE": "size=(16, 16, 16)"}, {"RESIZE": "size=(16, 16)"}, 9),
    (UPSAMPLE, {"RESIZE": "scale_factor=(2.0,)"}, {"RESIZE": "scale_factor=(2.0, 2.0)"}, 9),
]


@pytest.mark.parametrize("source,wrong,right,line", CASES)
def test_size_of_another_rank_is_reported_at_the_call(source, wrong, right, line):
    torch = pytest.importorskip("torch")
    x = torch.zeros(2, 8 if source is GATE else 3, 16, 16)
    with pytest.raises(ValueError, match="must have the same number of spatial dimensions"):
        built(filled(source, wrong), "up.py")(x)
    built(filled(source, right), "up.py")(x)
    for settings in (Settings(), Settings(input_shapes={"Net": tuple(x.shape)})):
        found = lint_text(filled(source, wrong), "up.py", settings).diagnostics
        assert ("CL108", line) in {(d.code, d.span.line) for d in found if d.severity == "error"}
        clean = lint_text(filled(source, right), "up.py", settings).diagnostics
        assert not [d for d in clean if d.severity == "error"]


def test_the_message_says_how_many_entries_the_tensor_needs():
    wrong = filled(GATE, CASES[0][1])
    (found,) = [d for d in lint_text(wrong, "up.py", Settings(input_shapes={"Net": (2, 8, 16, 16)})).diagnostics
                if d.code == "CL108"]
    assert "size has 3 entries" in found.fix and "give it 2 for this 4D tensor" in found.fix
