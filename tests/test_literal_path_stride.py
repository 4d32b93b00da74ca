"""A residual block whose one path takes its stride from the block's parameter (`dw(c, c, k, stride)`)
while the other hard-codes a number at its helper's call (`dw(c, c, k, 1)`): the add fails wherever
the block is built with stride 2, and the number is the line to change, not the path that follows
the block's stride nor the block's call (pipeline._literal_beside_parameter), against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.torch_cases import assert_bug_found_at_its_line, filled
from tests.source_lines import line_of

HELPER = '''
def dw(cin, cout, k=3, stride=1):
    return nn.Sequential(
        nn.Conv2d(cin, cout, k, stride, k // 2, groups=cin, bias=False),
        nn.BatchNorm2d(cout),
    )
'''

MODULE_HELPER = '''
class DW(nn.Module):
    def __init__(self, cin, cout, k=3, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, k, stride, k // 2, groups=cin, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return self.bn(self.conv(x))
'''

ONE_BLOCK = '''
import torch
import torch.nn as nn
HELPER

class Net(nn.Module):
    def __init__(self, cin=16, cout=24, k=3, stride=2):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(cin, cin * 3, 1, bias=False),
            dw(cin * 3, cin * 3, k, MAIN_STRIDE),
            nn.Conv2d(cin * 3, cout, 1, bias=False),
        )
        self.shortcut = nn.Sequential(
            dw(cin, cin, k, SHORTCUT_STRIDE),
            nn.Conv2d(cin, cout, 1, bias=False),
        )

    def forward(self, x):
        return self.main(x) + self.shortcut(x)
'''

IN_A_LOOP = '''
import torch
import torch.nn as nn
HELPER

class Bottleneck(nn.Module):
    def __init__(self, cin, hidden, cout, k, stride):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(cin, hidden, 1, bias=False),
            dw(hidden, hidden, k, MAIN_STRIDE) if stride == 2 else nn.Sequential(),
            nn.Conv2d(hidden, cout, 1, bias=False),
        )
        if stride == 1 and cin == cout:
            self.shortcut = nn.Sequential()
        else:
            self.shortcut = nn.Sequential(
                dw(cin, cin, k, SHORTCUT_STRIDE),
                nn.Conv2d(cin, cout, 1, bias=False),
            )

    def forward(self, x):
        return self.conv(x) + self.shortcut(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 2, 1)
        layers, cin = [], 16
        for k, hidden, c, s in [(3, 16, 16, 1), (3, 48, 24, 2), (3, 72, 24, 1), (5, 72, 40, 2)]:
            layers.append(Bottleneck(cin, hidden, c, k, s))
            cin = c
        self.blocks = nn.Sequential(*layers)

    def forward(self, x):
        return self.blocks(self.stem(x))
'''


def _only_error_at(source: str, wrong: dict, size: tuple, text: str) -> None:
    right = {name: "stride" for name in wrong}
    line = line_of(filled(source, wrong), text)
    assert_bug_found_at_its_line(source, right, wrong, size, line, "CL107", "block.py")
    errors = [d for d in lint_text(filled(source, wrong), "block.py", Settings()).diagnostics
              if d.severity == "error"]
    assert [(d.code, d.span.line) for d in errors] == [("CL107", line)]


@pytest.mark.parametrize("helper", [HELPER, MODULE_HELPER.replace("DW", "dw")], ids=["function", "module"])
@pytest.mark.parametrize("written", ["1", "stride=1"])
def test_a_shortcut_hard_coding_stride_1_is_blamed_at_that_number(helper, written):
    source = ONE_BLOCK.replace("HELPER", helper).replace("MAIN_STRIDE", "stride")
    _only_error_at(source, {"SHORTCUT_STRIDE": written}, (2, 16, 16, 16), f"dw(cin, cin, k, {written})")


def test_the_shortcut_of_the_blocks_a_config_loop_builds_is_blamed_not_the_loops_stride():
    source = IN_A_LOOP.replace("HELPER", HELPER).replace("MAIN_STRIDE", "stride")
    _only_error_at(source, {"SHORTCUT_STRIDE": "1"}, (2, 3, 64, 64), "dw(cin, cin, k, 1)")


def test_a_main_path_hard_coding_stride_1_is_blamed_not_the_shortcut_nor_the_loop():
    source = IN_A_LOOP.replace("HELPER", HELPER).replace(" if stride == 2 else nn.Sequential()", "") \
        .replace("SHORTCUT_STRIDE", "stride")
    _only_error_at(source, {"MAIN_STRIDE": "1"}, (2, 3, 64, 64), "dw(hidden, hidden, k, 1)")
