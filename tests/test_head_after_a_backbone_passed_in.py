"""A head applied to what a backbone passed to the constructor gives (`self.head(self.backbone(x))`,
the backbone's shape not followed): whatever its rank, an nn.Linear's output ends in its
out_features, and a norm or an activation after it keeps that, so a Linear further on that takes
another count is an error for every backbone; what changes the last dim (a cat, a view, a slice)
leaves it unknown, and a backbone giving tokens (N x L x C, a BatchNorm1d over L) stays clean."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_bug_found_at_its_line, filled

SOURCE = '''
import torch
import torch.nn as nn


class Predictor(nn.Module):
    def __init__(self, in_dim, mid_dim, out_dim):
        super().__init__()
        self.l1 = nn.Sequential(nn.Linear(in_dim, mid_dim), nn.BatchNorm1d(mid_dim), nn.ReLU(inplace=True))
        self.l2 = nn.Linear(WIDTH, out_dim)

    def forward(self, x):
        return self.l2(self.l1(x))


class Net(nn.Module):
    def __init__(self, backbone):
        super().__init__()
        self.backbone = backbone
        self.predictor = Predictor(96, 24, 96)

    def forward(self, x):
        return self.predictor(self.backbone(x))
'''


def with_backbone(namespace):
    import torch.nn as nn

    return namespace["Net"](nn.Sequential(nn.Conv2d(3, 96, 3), nn.AdaptiveAvgPool2d(1), nn.Flatten()))


def test_a_linear_of_the_wrong_count_after_the_head_is_found():
    clean = assert_bug_found_at_its_line(SOURCE, {"WIDTH": "mid_dim"}, {"WIDTH": "in_dim"}, (2, 3, 8, 8),
                                         line_of(SOURCE, "nn.Linear(WIDTH"), "CL101", "net.py", build=with_backbone)
    assert clean is not None
    broken = lint_text(filled(SOURCE, {"WIDTH": "in_dim"}), "net.py", Settings())
    (finding,) = [d for d in broken.diagnostics if d.code == "CL101"]
    assert "gives 24 per sample" in finding.message and "for every backbone" in finding.message


TOKENS = '''
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, backbone):
        super().__init__()
        self.backbone = backbone
        self.proj = nn.Linear(64, 32)
        self.norm = nn.BatchNorm1d(5)
        self.out = nn.Linear(WIDTH, 4)

    def forward(self, x):
        h = self.norm(self.proj(self.backbone(x)))
        h = CHANGE
        return self.out(h)
'''


@pytest.mark.parametrize(("change", "width"), [
    ("h", "32"), ("torch.cat([h, h], -1)", "64"), ("h.view(2, 5, 4, 8).sum(-2)", "8"), ("h[..., :10]", "10"),
    ("h.transpose(1, 2)", "5"), ("torch.relu(h).flatten(1)", "160"),
])
def test_a_backbone_giving_tokens_is_clean(change, width):
    torch = pytest.importorskip("torch")
    source = filled(TOKENS, {"CHANGE": change, "WIDTH": width})
    namespace: dict = {}
    exec(compile(source, "tokens.py", "exec"), namespace)
    net = namespace["Net"](torch.nn.Linear(7, 64)).eval()
    assert tuple(net(torch.zeros(2, 5, 7)).shape)[-1] == 4
    assert not [d for d in lint_text(source, "tokens.py", Settings()).diagnostics if d.severity == "error"]
