"""Widths that multiply two constructor arguments nothing gives (`base * widen`, a wide ResNet's
`initial_channels * 2 * widening_factor`): one product, whatever order it is written in, is one
width, so twice it is never it. Checked against torch."""

import pytest

from convlint.pipeline import Settings, lint_text

WIDE = '''
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)
        self.shortcut = nn.Sequential()
        if cin != cout:
            self.shortcut.add_module('conv', nn.Conv2d(cin, cout, 1))

    def forward(self, x):
        return self.conv(x) + self.shortcut(x)


class Net(nn.Module):
    def __init__(self, widen, base):
        super().__init__()
        self.stem = nn.Conv2d(3, base, 3, padding=1)
        self.block1 = Block(base, base * widen)
        self.block2 = Block(widen * base, base * 2 * widen)
        self.bn = nn.BatchNorm2d(base * widen)
        self.fc = nn.Linear(2 * widen * base, 10)

    def forward(self, x):
        x = torch.relu(self.bn(self.block2(self.block1(self.stem(x)))))
        return self.fc(x.mean((2, 3)))
'''
BUG = "        self.bn = nn.BatchNorm2d(base * widen)\n"
RIGHT = "        self.bn = nn.BatchNorm2d(widen * 2 * base)\n"


def _errors(source: str) -> list:
    return [(d.span.line, d.code) for d in lint_text(source, "wide.py", Settings()).diagnostics
            if d.severity == "error"]


def _line(source: str, text: str) -> int:
    return next(i for i, line in enumerate(source.splitlines(), 1) if line == text.rstrip("\n"))


def test_a_norm_given_the_product_where_twice_it_arrives_is_an_error():
    assert _errors(WIDE) == [(_line(WIDE, BUG), "CL104")]
    message = next(d.message for d in lint_text(WIDE, "wide.py", Settings()).diagnostics if d.severity == "error")
    assert "normalises base*widen channels, but block2.conv gives 2*base*widen" in message


def test_the_product_written_in_another_order_is_the_same_width():
    assert _errors(WIDE.replace(BUG, RIGHT)) == []


def test_a_product_with_a_ratio_through_int_stays_unknown():
    # `int(base * ratio)`: the ratio may be a float, the product no whole multiple of anything
    ratio = WIDE.replace("def __init__(self, widen, base):", "def __init__(self, widen, base, ratio):") \
        .replace(BUG, "        self.bn = nn.BatchNorm2d(int(base * ratio) * 2 * widen)\n")
    assert _errors(ratio) == []


def test_torch_refuses_the_product_and_takes_twice_it():
    torch = pytest.importorskip("torch")
    x = torch.zeros(2, 3, 16, 16)
    for widen, base in ((1, 4), (2, 4), (3, 8)):
        namespace: dict = {}
        exec(compile(WIDE, "wide.py", "exec"), namespace)
        with pytest.raises(RuntimeError, match="running_mean should contain"):
            namespace["Net"](widen, base)(x)
        exec(compile(WIDE.replace(BUG, RIGHT), "wide.py", "exec"), namespace)
        assert namespace["Net"](widen, base)(x).shape == (2, 10)
