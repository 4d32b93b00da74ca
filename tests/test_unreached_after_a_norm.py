"""A bottleneck whose expansion conv gives the block's input width (`Conv2d(b, indim, 1)` where
`BatchNorm2d(outdim)` follows): torch stops at the norm, so the block's `out + short` after it is
never reached. One finding, at the conv, not a second one at the add."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of
from tests.torch_cases import assert_shapes_equal_torch, built, filled

SOURCE = '''
import torch
import torch.nn as nn


class Bottleneck(nn.Module):
    def __init__(self, indim, outdim, stride):
        super().__init__()
        b = outdim // 4
        self.reduce = nn.Conv2d(indim, b, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm2d(b)
        self.mid = nn.Conv2d(b, b, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(b)
        self.expand = nn.Conv2d(b, EXPANDED, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm2d(outdim)
        self.shortcut = nn.Conv2d(indim, outdim, 1, stride=stride, bias=False)

    def forward(self, x):
        short = self.shortcut(x)
        out = torch.relu(self.bn1(self.reduce(x)))
        out = torch.relu(self.bn2(self.mid(out)))
        out = self.bn3(self.expand(out))
        return torch.relu(out + short)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        layers = [nn.Conv2d(3, 64, 7, 2, 3)]
        indim = 64
        for outdim in [256, 512]:
            layers.append(Bottleneck(indim, outdim, 2))
            indim = outdim
        self.trunk = nn.Sequential(*layers)

    def forward(self, x):
        return self.trunk(x)
'''


def test_the_right_block_matches_torch():
    assert_shapes_equal_torch(filled(SOURCE, {"EXPANDED": "outdim"}), (2, 3, 64, 64), "block.py")


@pytest.mark.parametrize("settings", [Settings(), Settings(input_shapes={"Net": (2, 3, 64, 64)})],
                         ids=["no-options", "input-shape"])
def test_the_add_after_the_refusing_norm_is_not_a_second_finding(settings):
    torch = pytest.importorskip("torch")
    wrong = filled(SOURCE, {"EXPANDED": "indim"})
    with pytest.raises(RuntimeError, match="running_mean should contain 64 elements not 256"):
        built(wrong, "block.py")(torch.zeros(2, 3, 64, 64))
    errors = {(d.code, d.span.line) for d in lint_text(wrong, "block.py", settings).diagnostics
              if d.severity == "error"}
    assert errors == {("CL104", line_of(wrong, "self.expand ="))}
