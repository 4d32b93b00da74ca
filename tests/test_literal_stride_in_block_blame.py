"""A residual block one layer of which writes its stride as a number (`conv2 = nn.Conv2d(c, c, 3,
stride=2)`) where its other layers, the shortcut among them, take the block's `stride` parameter:
that number is the line to change, not the shortcut that follows the block's parameter, nor the
outer call that passes the stride (checks.sizes._literal_against_the_block_stride,
pipeline._literal_beside_parameter), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled
from tests.source_lines import line_of

WIDE = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class Unit(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, cout, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, kernel_size=3, stride=CONV2_STRIDE, padding=1, bias=False)
        self.same = cin == cout
        self.proj = (not self.same) and nn.Conv2d(cin, cout, kernel_size=1, stride=stride, bias=False) or None

    def forward(self, x):
        x = F.relu(self.bn1(x))
        out = self.conv2(F.relu(self.bn2(self.conv1(x))))
        return torch.add(x if self.same else self.proj(x), out)


class Group(nn.Module):
    def __init__(self, count, cin, cout, stride):
        super().__init__()
        self.units = nn.Sequential(*[Unit(i == 0 and cin or cout, cout, i == 0 and stride or 1)
                                     for i in range(int(count))])

    def forward(self, x):
        return self.units(x)


class Net(nn.Module):
    def __init__(self, widen=WIDEN):
        super().__init__()
        widths = [16, 16 * widen, 32 * widen]
        self.stem = nn.Conv2d(3, widths[0], 3, padding=1, bias=False)
        self.group1 = Group(2, widths[0], widths[1], 1)
        self.group2 = Group(2, widths[1], widths[2], 2)
        self.fc = nn.Linear(widths[2], 10)

    def forward(self, x):
        out = self.group2(self.group1(self.stem(x)))
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(out, 1), 1))
'''

BOTTLENECK = '''
import torch
import torch.nn as nn


class Bottleneck(nn.Module):
    def __init__(self, cin, mid, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, mid, 1, stride=CONV1_STRIDE, bias=False)
        self.conv2 = nn.Conv2d(mid, mid, 3, stride=stride, padding=1, bias=False)
        self.conv3 = nn.Conv2d(mid, mid * 4, 1, bias=False)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != mid * 4:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, mid * 4, 1, stride=stride, bias=False),
                                          nn.BatchNorm2d(mid * 4))

    def forward(self, x):
        return torch.relu(self.conv3(self.conv2(self.conv1(x))) + self.shortcut(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        layers, cin = [], 16
        for mid, stride in [(8, 1), (8, 1), (16, 2), (16, 1)]:
            layers.append(Bottleneck(cin, mid, stride))
            cin = mid * 4
        self.layers = nn.Sequential(*layers)

    def forward(self, x):
        return self.layers(self.stem(x))
'''


def _errors(source: str, settings: Settings) -> list[tuple]:
    return [(d.code, d.span.line) for d in lint_text(source, "block.py", settings).diagnostics
            if d.severity == "error"]


@pytest.mark.parametrize("shapes", [{}, {"Net": (2, 3, 32, 32)}], ids=["symbolic", "given"])
def test_a_stride_written_in_a_blocks_second_conv_is_blamed_at_that_number(shapes):
    """(Its first block's projection shortcut, stride 1, was blamed and moved to the outer call's 1.)"""
    source = WIDE.replace("WIDEN", "2")
    wrong, right = {"CONV2_STRIDE": "2"}, {"CONV2_STRIDE": "1"}
    line = line_of(source, "self.conv2 = nn.Conv2d(")
    assert_bug_found_at_its_line(source, right, wrong, (2, 3, 32, 32), line, "CL107", "block.py")
    assert _errors(filled(source, wrong), Settings(input_shapes=shapes)) == [("CL107", line)]


def test_the_message_names_the_layer_that_takes_the_blocks_stride():
    source = filled(WIDE.replace("WIDEN", "2"), {"CONV2_STRIDE": "2"})
    (error,) = [d for d in lint_text(source, "block.py", Settings()).diagnostics if d.severity == "error"]
    assert "given stride=1 makes it run" in error.message and "hard-coded in its call" in error.message
    assert "conv1 on line" in error.message


def test_a_strided_1x1_of_a_bottleneck_beside_the_blocks_stride_is_blamed_at_its_number():
    line = line_of(BOTTLENECK, "self.conv1 = nn.Conv2d(")
    wrong, right = {"CONV1_STRIDE": "2"}, {"CONV1_STRIDE": "1"}
    assert_bug_found_at_its_line(BOTTLENECK, right, wrong, (2, 3, 32, 32), line, "CL107", "block.py")
    assert _errors(filled(BOTTLENECK, wrong), Settings()) == [("CL107", line)]
