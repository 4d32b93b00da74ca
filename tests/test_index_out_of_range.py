"""An int index past a dim of known size (`x[:, i]` in a loop over 3 channels of a 1-channel
input, `x[:, 1]`, `x[..., 5]` of a width of 4, a list index `x[:, [0, 2]]`) is CL112 at the index,
as torch raises IndexError there; an index of a dim whose size is not known, or within the size,
is no error. Each reported form fails in torch; each clean one runs."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

PICK = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, padding=1)

    def forward(self, x):
        y = self.conv(x)
        return y * INDEXED.unsqueeze(1)
'''

LOOP = '''
import torch
import torch.nn as nn
import torch.nn.functional as F

CHANNELS = 3


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.kv = nn.Parameter(torch.ones(1, 1, 5, 5) / 25.0)

    def forward(self, inp):
        for i in range(CHANNELS):
            out = F.conv2d(inp[:, i, :, :].unsqueeze(dim=1), self.kv, padding=2)
            feats = out if i == 0 else torch.cat((feats, out), dim=1)
        return feats


if __name__ == "__main__":
    Net()(torch.randn(2, FED, 16, 16))
'''

SIZE = (2, 1, 8, 4)


def _found(source: str, settings: Settings) -> list:
    return [(d.code, d.span.line) for d in lint_text(source, "net.py", settings).diagnostics if d.severity == "error"]


def _torch_raises(source: str, size: tuple) -> bool:
    torch = pytest.importorskip("torch")
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    try:
        namespace["Net"]()(torch.zeros(*size))
    except IndexError:
        return True
    return False


@pytest.mark.parametrize("indexed", ["x[:, 1]", "x[:, -2, :, :]", "x[..., 5].unsqueeze(-1)[:, 0]",
                                     "x[:, [0, 2]].sum(1)"])
def test_an_index_past_a_known_dim_is_reported(indexed):
    source = PICK.replace("INDEXED", indexed)
    assert _torch_raises(source, SIZE)
    assert _found(source, Settings(input_shapes={"Net": SIZE})) == [("CL112", line_of(source, "y * "))]


@pytest.mark.parametrize("indexed", ["x[:, 0]", "x[:, -1, :, :]", "x[..., 3].unsqueeze(-1)[:, 0]", "x[:, [0]].sum(1)"])
def test_an_index_within_the_dim_is_clean(indexed):
    source = PICK.replace("INDEXED", indexed)
    assert not _torch_raises(source, SIZE)
    assert _found(source, Settings(input_shapes={"Net": SIZE})) == []


UNSIZED = '''
import torch.nn as nn


class Net(nn.Module):
    def forward(self, x):
        return x[:, 1] * 2
'''


def test_an_index_of_a_dim_not_known_is_no_error():
    assert _found(UNSIZED, Settings()) == []
    assert _found(UNSIZED, Settings(input_shapes={"Net": SIZE})) == [("CL112", line_of(UNSIZED, "x[:, 1]"))]


def test_a_loop_over_more_channels_than_the_input_has_is_reported_at_the_index():
    source = LOOP.replace("FED", "1")
    assert _torch_raises(source, (2, 1, 16, 16))
    assert _found(source, Settings()) == [("CL112", line_of(source, "inp[:, i, :, :]"))]
    fed = LOOP.replace("FED", "3")
    assert not _torch_raises(fed, (2, 3, 16, 16))
    assert _found(fed, Settings()) == []
