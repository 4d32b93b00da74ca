"""An option-A shortcut, `F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, p, p))` in a lambda, padding the
block's input to another width than its main path gives, where that path's last conv takes the
width the block's caller passes (a block of one conv, a pruned block whose conv2 reads a reduced
width): the pad's amounts, computed in the block, are the line to change, not the add nor the
caller's width (checks.sizes._channel_pad_broken), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled
from tests.source_lines import line_of

LAMBDA = '''
class Lambda(nn.Module):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, x):
        return self.fn(x)
'''

ONE_CONV = '''
import torch
import torch.nn as nn
import torch.nn.functional as F
LAMBDA

class Block(nn.Module):
    def __init__(self, cin, planes, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, planes, 3, stride=stride, padding=1, bias=False)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != planes:
            self.shortcut = Lambda(lambda x: F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, planes // PAD, planes // PAD)))

    def forward(self, x):
        out = self.conv(x)
        out += self.shortcut(x)
        return out


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.b = Block(16, 32, stride=2)

    def forward(self, x):
        return self.b(self.stem(x))
'''

PRUNED = '''
import torch
import torch.nn as nn
import torch.nn.functional as F
LAMBDA

def conv3x3(cin, cout, stride=1):
    return nn.Conv2d(cin, cout, kernel_size=3, stride=stride, padding=1, bias=False)


class PrunedBlock(nn.Module):
    def __init__(self, inplanes, planes, keep, stride=1):
        super().__init__()
        mid = int(planes * keep / 10)
        self.conv1 = conv3x3(inplanes, mid, stride)
        self.bn1 = nn.BatchNorm2d(mid)
        self.conv2 = conv3x3(mid, planes)
        self.bn2 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or inplanes != planes:
            self.shortcut = Lambda(lambda x: F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, planes // PAD, planes // PAD)))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += self.shortcut(x)
        return F.relu(out)


class Net(nn.Module):
    def __init__(self, keep=(6, 7, 8, 5)):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1, bias=False)
        blocks, cin = [], 16
        for i, (planes, stride) in enumerate([(16, 1), (32, 2), (32, 1), (64, 2)]):
            blocks.append(PrunedBlock(cin, planes, keep[i], stride))
            cin = planes
        self.blocks = nn.Sequential(*blocks)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.blocks(F.relu(self.conv1(x)))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))
'''


@pytest.mark.parametrize("source", [ONE_CONV, PRUNED], ids=["one-conv", "pruned"])
@pytest.mark.parametrize("shapes", [{}, {"Net": (2, 3, 32, 32)}], ids=["symbolic", "given"])
def test_an_option_a_pad_of_the_wrong_amount_is_blamed_at_the_pad_in_its_lambda(source, shapes):
    source = source.replace("LAMBDA", LAMBDA)
    line = line_of(source, "lambda x: F.pad(")
    assert_bug_found_at_its_line(source, {"PAD": "4"}, {"PAD": "2"}, (2, 3, 32, 32), line, "CL107", "block.py")
    errors = [d for d in lint_text(filled(source, {"PAD": "2"}), "block.py", Settings(input_shapes=shapes)).diagnostics
              if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line)]
    assert "Pad 8 channels on each side" in errors[0].fix
    assert "passing" not in errors[0].message  # (no width for the caller to pass instead)
