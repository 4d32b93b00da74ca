"""A cat of branches that should keep the map's size, one of which passes a stride-1 window
written with a padding that shortens it (an InceptionTime module's MaxPool1d(3, stride=1,
padding=0) before its 1x1 conv), beside a branch the size steps cannot follow back (an LSTM over
the permuted input): reported at that padding, where giving the padding that keeps the size runs
the model, not at the cat. Checked against torch: the written padding raises, the kept one runs."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled, module_shapes

torch = pytest.importorskip("torch")

INCEPTION_WITH_LSTM = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, in_ch, width=8):
        super().__init__()
        self.bottleneck = nn.Conv1d(in_ch, width, 1)
        self.branches = nn.ModuleList([nn.Conv1d(width, width, k, padding="same") for k in (3, 5, 9)])
        self.pool = nn.MaxPool1d(kernel_size=3, stride=1, padding=PADDING)
        self.pool_conv = nn.Conv1d(in_ch, width, 1)
        self.lstm = nn.LSTM(in_ch, width, batch_first=True)

    def forward(self, x):
        y = self.bottleneck(x)
        outs = [branch(y) for branch in self.branches]
        outs.append(self.pool_conv(self.pool(x)))
        seq, _ = self.lstm(x.permute(0, 2, 1))
        outs.append(seq.permute(0, 2, 1))
        return torch.cat(outs, dim=1)
'''

# the same branch as a wider average pool, given the padding of a 3-wide one
WIDER = INCEPTION_WITH_LSTM.replace(
    "nn.MaxPool1d(kernel_size=3, stride=1, padding=PADDING)", "nn.AvgPool1d(5, stride=1, padding=PADDING)")


def _errors(source: str) -> set:
    return {(d.code, d.span.line) for d in lint_text(source, "branches.py", Settings()).diagnostics
            if d.severity == "error"}


@pytest.mark.parametrize("source, build, size, right", [
    (INCEPTION_WITH_LSTM, lambda ns: ns["Net"](4), (2, 4, 30), "1"),
    (WIDER, lambda ns: ns["Net"](4), (2, 4, 30), "2"),
])
def test_the_padding_that_shortens_one_branch_is_blamed(source, build, size, right):
    broken = filled(source, {"PADDING": "0" if source is INCEPTION_WITH_LSTM else "1"})
    assert broken != source
    with pytest.raises(RuntimeError):
        module_shapes(built(broken, "branches.py", build), size)
    fixed = filled(source, {"PADDING": right})
    module_shapes(built(fixed, "branches.py", build), size)
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "padding=" in text and "stride=1" in text)
    found = _errors(broken)
    assert ("CL107", line) in found
    assert _errors(fixed) == set()
