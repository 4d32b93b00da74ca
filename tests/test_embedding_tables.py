"""nn.Embedding as real models build and call it: an Embedding gives the index tensor's shape plus
its width, so an index of unknown rank (a label `y` given to forward beside the image) gives a
result of unknown rank, never a guessed one."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

torch = pytest.importorskip("torch")


def errors(source: str, settings: Settings | None = None) -> list:
    return [d for d in lint_text(source, "m.py", settings or Settings()).diagnostics if d.severity == "error"]


def run(source: str, *inputs, name: str = "Net"):
    """The model `name()` of the source run by torch on these inputs: its output."""
    namespace: dict = {}
    exec(compile(source, "m.py", "exec"), namespace)
    return namespace[name]().eval()(*inputs)


# a conditional instance norm: per-class scale and shift looked up by the label y
LABEL_NORM = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self, ch=3, nf=32, num_classes=10):
        super().__init__()
        self.nf = nf
        self.begin = nn.Conv2d(ch, nf, 3, padding=1)
        self.norm = nn.InstanceNorm2d(nf, affine=False)
        self.embed = nn.Embedding(num_classes, nf * 3)
        self.embeds = nn.ModuleList([nn.Embedding(num_classes, nf * 3)])
        self.table = nn.Parameter(torch.randn(num_classes, nf * 3))
        self.conv = nn.Conv2d(nf, nf, 3, padding=1)

    def forward(self, x, y):
        h = self.begin(x)
        means = torch.mean(h, dim=(2, 3))
        gamma, alpha, beta = LOOKUP.chunk(3, dim=-1)
        h = self.norm(h) + means[..., None, None] * alpha[..., None, None]
        h = gamma.view(-1, self.nf, 1, 1) * h + beta.view(-1, self.nf, 1, 1)
        return self.conv(h)
'''
LOOKUPS = ["self.embed(y)", "self.embeds[0](y)", "F.embedding(y, self.table)",
           "self.embed(y[:, None]).squeeze(1)", "self.embed(y.view(-1))"]


@pytest.mark.parametrize("lookup", LOOKUPS)
def test_an_embedding_of_a_label_of_unknown_rank_is_of_unknown_rank(lookup):
    """forward(x, y), y the labels [B]: the lookup is [B, 3 nf], which torch runs; the rank of y is
    not known to convlint, so that of the lookup is not either: no rank error is made of it."""
    source = LABEL_NORM.replace("LOOKUP", lookup)
    assert tuple(run(source, torch.zeros(2, 3, 8, 8), torch.zeros(2, dtype=torch.long)).shape) == (2, 32, 8, 8)
    assert errors(source) == []
    assert errors(source, Settings(input_shapes={"Net": (2, 3, 8, 8)})) == []
