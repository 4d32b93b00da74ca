"""A gated block with only required constructor arguments (WaveNet's residual block): the gate's
`a, b = x.split(x.size(1) // 2, dim=1)` gives two halves wherever the unpack does not raise; a
path of a condition not known that surely fails its assert raises there; a torch layer subclass
handing `*args, **kwargs` to its base is traced from the call that builds it. A 1x1 conv sized
for the whole gate, not its half, is then an error for every width, at the line passing it."""

import pytest

from convlint.pipeline import Settings, lint_text

GATED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class IncConv1d(nn.Conv1d):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.buffer = None


def conv1d(in_channels, out_channels, kernel_size, **kwargs):
    m = IncConv1d(in_channels, out_channels, kernel_size, **kwargs)
    return nn.utils.weight_norm(m)


def conv1x1(in_channels, out_channels):
    return conv1d(in_channels, out_channels, kernel_size=1, padding=0)


class GatedBlock(nn.Module):
    def __init__(self, residual_channels, gate_channels, kernel_size, cin_channels=-1, dilation=1):
        super().__init__()
        padding = (kernel_size - 1) * dilation
        self.conv = conv1d(residual_channels, gate_channels, kernel_size, padding=padding, dilation=dilation)
        self.cond = conv1x1(cin_channels, gate_channels) if cin_channels > 0 else None
        gate_out_channels = gate_channels // 2
        self.out = conv1x1(gate_out_channels, residual_channels)
        self.skip = conv1x1(gate_out_channels, residual_channels)

    def forward(self, x, c=None):
        residual = x
        x = self.conv(x)
        x = x[:, :, :residual.size(-1)]
        a, b = x.split(x.size(1) // 2, dim=1)
        if c is not None:
            assert self.cond is not None
            ca, cb = self.cond(c).split(x.size(1) // 2, dim=1)
            a, b = a + ca, b + cb
        x = torch.tanh(a) * torch.sigmoid(b)
        return (self.out(x) + residual) * 0.5, self.skip(x)
'''

WRONG = ("self.out = conv1x1(gate_out_channels, residual_channels)",
         "self.out = conv1x1(gate_channels, residual_channels)")
# the same block without the conditioning path, and built of plain torch layers
UNCONDITIONED = GATED.replace("        if c is not None:\n            assert self.cond is not None\n", "        if False:\n")
PLAIN = GATED.replace("m = IncConv1d(", "m = nn.Conv1d(")


def _errors(source: str) -> list[tuple[int, str]]:
    return [(d.span.line, d.code) for d in lint_text(source, "gated.py", Settings()).diagnostics
            if d.severity == "error"]


def _ran(source: str) -> dict:
    namespace: dict = {}
    exec(compile(source, "gated.py", "exec"), namespace)
    return namespace


@pytest.mark.parametrize("source", [GATED, UNCONDITIONED, PLAIN], ids=["gated", "unconditioned", "plain"])
def test_a_conv_sized_for_the_whole_gate_is_wrong_for_every_width_at_the_call(source):
    assert _errors(source) == []
    wrong = source.replace(*WRONG)
    assert _errors(wrong) == [(29, "CL103")]
    torch = pytest.importorskip("torch")
    with pytest.raises(RuntimeError, match="to have 32 channels, but got 16"):
        _ran(wrong)["GatedBlock"](16, 32, 3)(torch.zeros(1, 16, 50))
    out, skip = _ran(source)["GatedBlock"](16, 32, 3)(torch.zeros(1, 16, 50))
    assert out.shape == skip.shape == (1, 16, 50)


def test_a_split_in_halves_unpacked_in_two_is_two_halves_or_raises():
    """What the proof rests on: torch gives an odd width a third piece, which two names refuse."""
    torch = pytest.importorskip("torch")
    x = torch.zeros(1, 7, 4)
    assert len(x.split(x.size(1) // 2, dim=1)) == 3
    with pytest.raises(ValueError):
        a, b = x.split(x.size(1) // 2, dim=1)
    a, b = torch.zeros(1, 8, 4).split(4, dim=1)
    assert a.shape == b.shape == (1, 4, 4)


def test_a_split_not_unpacked_into_as_many_names_stays_unknown():
    """`parts = x.split(C // 2)` kept whole (or unpacked with a star) may hold a third piece: its
    pieces are not known, so a conv after it is never an error."""
    source = GATED.replace(*WRONG).replace("a, b = x.split(x.size(1) // 2, dim=1)",
                                           "a, *b = x.split(x.size(1) // 2, dim=1)\n        b = b[0]")
    assert _errors(source) == []
