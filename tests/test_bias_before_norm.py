"""CL206 only where BatchNorm is all that reads a biased conv's output: a pre-norm residual block's
identity path (`x + conv(norm(x))`), a second branch or a returned feature keeps the bias in the
output, as torch shows by changing it."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import built, filled

SOURCE = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.norm = nn.BatchNorm2d(dim)
        self.conv = nn.Conv2d(dim, dim, 3, padding=1)

    def forward(self, x):
        identity = x
        x = self.conv(self.norm(x))
        return BLOCK_OUT


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.blocks = nn.Sequential(Block(16), Block(16))

    def forward(self, x):
        return self.blocks(self.stem(x))
'''

RESIDUAL, PLAIN = {"BLOCK_OUT": "identity + x"}, {"BLOCK_OUT": "x"}

FORKED = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.bn = nn.BatchNorm2d(16)
        self.head = nn.Conv2d(16, 16, 1)

    def forward(self, x):
        y = self.stem(x)
        return OUT
'''


def _stem_bias_matters(source: str) -> bool:
    """Whether torch's output (BatchNorm in training mode, normalising by the batch) changes with the stem's bias."""
    torch = pytest.importorskip("torch")
    model = built(source, "net.py").train()
    x = torch.randn(4, 3, 8, 8)
    with torch.no_grad():
        before = model(x)
        model.stem.bias.add_(1.0)
        after = model(x)
    return not torch.allclose(before, after, atol=1e-4)


def _stem_warned(source: str) -> bool:
    result = lint_text(source, "net.py", Settings(input_shapes={"Net": (2, 3, 16, 16)}))
    return any(d.code == "CL206" and d.layer == "stem" for d in result.diagnostics)


@pytest.mark.parametrize("values", [RESIDUAL, PLAIN], ids=["pre-norm-residual", "norm-alone"])
def test_a_bias_is_wasted_only_where_batchnorm_alone_reads_it(values):
    source = filled(SOURCE, values)
    assert _stem_warned(source) == (not _stem_bias_matters(source))


@pytest.mark.parametrize("out", ["self.bn(y)", "self.bn(y) + self.head(y)", "self.bn(y) * y",
                                 "torch.cat([self.bn(y), y[:, :8]], 1)"])
def test_a_conv_output_read_beside_its_batchnorm_keeps_its_bias(out):
    source = FORKED.replace("OUT", out)
    assert _stem_warned(source) == (not _stem_bias_matters(source))
