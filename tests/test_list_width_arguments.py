"""Blocks given their widths as a list (`Decoder([64, 32], 32)`, `Block([16, 32, 32])`) and
reading them by index: a wrong list at one call is reported there, a block reading the wrong
item at its own line, and neither crashes the blame that tries other counts. Against torch."""

import pytest

from convlint.pipeline import Settings, lint_text
from tests.source_lines import line_of

GATED_DECODER = '''
import torch
import torch.nn as nn


class Gate(nn.Module):
    def __init__(self, widths, out_c):
        super().__init__()
        self.from_below = nn.Conv2d(widths[0], out_c // 2, 1)
        self.from_skip = nn.Conv2d(widths[1], out_c // 2, 1)
        self.psi = nn.Conv2d(out_c // 2, 1, 1)

    def forward(self, g, x):
        return x * torch.sigmoid(self.psi(torch.relu(self.from_below(g) + self.from_skip(x))))


class Up(nn.Module):
    def __init__(self, widths, out_c):
        super().__init__()
        self.up = nn.ConvTranspose2d(widths[0], widths[0], 2, stride=2)
        self.gate = Gate(widths, out_c)
        self.conv = nn.Conv2d(widths[0] + widths[1], out_c, 3, padding=1)

    def forward(self, x, skip):
        x = self.up(x)
        return self.conv(torch.cat([x, self.gate(x, skip)], dim=1))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.e1 = nn.Conv2d(3, 16, 3, padding=1)
        self.e2 = nn.Conv2d(16, 32, 3, padding=1)
        self.bottom = nn.Conv2d(32, 64, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.d1 = Up([64, 32], 32)
        self.d2 = Up([32, SKIP], 16)

    def forward(self, x):
        s1 = self.e1(x)
        s2 = self.e2(self.pool(s1))
        x = self.bottom(self.pool(s2))
        return self.d2(self.d1(x, s2), s1)


if __name__ == "__main__":
    Net()(torch.randn(2, 3, 32, 32))
'''

SEPARABLE = '''
import torch
from torch import nn


class SepConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.dw = nn.Conv2d(cin, cin, 3, padding=1, groups=cin, bias=False)
        self.bn = nn.BatchNorm2d(NORMED)
        self.pw = nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        return self.pw(self.bn(self.dw(x)))


class Block(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = SepConv(channels[0], channels[1])
        self.conv2 = SepConv(channels[1], channels[2])

    def forward(self, x):
        return self.conv2(self.conv1(x))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Block([16, 16, 16])
        self.b = Block([16, 32, 32])

    def forward(self, x):
        return self.b(self.a(x))


if __name__ == "__main__":
    Net()(torch.zeros(2, 16, 8, 8))
'''


def _errors(source: str) -> list[tuple[str, int]]:
    found = lint_text(source, "net.py", Settings()).diagnostics
    assert not any(d.code == "CL999" for d in found), [d.message for d in found]
    return [(d.code, d.span.line) for d in found if d.severity == "error"]


def test_a_wrong_list_at_one_call_is_reported_there_without_a_crash():
    source = GATED_DECODER.replace("SKIP", "8")
    assert _errors(source) == [("CL103", line_of(source, "self.d2 = Up([32, 8], 16)"))]
    assert _errors(GATED_DECODER.replace("SKIP", "16")) == []


WRONG_ITEM = GATED_DECODER.replace("SKIP", "16").replace("self.from_skip = nn.Conv2d(widths[1]",
                                                           "self.from_skip = nn.Conv2d(widths[0]")


def test_a_gate_reading_the_wrong_item_at_every_instance_is_reported_at_its_own_line():
    """Every decoder's gate reads the bottom width where the skip's arrives, the other item of the
    list its decoder passes on whole: the gate's line, not the call passing the list."""
    assert _errors(WRONG_ITEM) == [("CL103", line_of(WRONG_ITEM, "self.from_skip = nn.Conv2d(widths[0]"))]


def test_a_block_reading_the_wrong_item_is_reported_at_its_own_line():
    """cin arrives at the norm, and cin is what the block passes beside cout: the norm reads the
    wrong one, whichever list the calls give."""
    source = SEPARABLE.replace("NORMED", "cout")
    assert _errors(source) == [("CL104", line_of(source, "nn.BatchNorm2d(cout)"))]
    assert _errors(SEPARABLE.replace("NORMED", "cin")) == []


@pytest.mark.parametrize("source, fails", [(GATED_DECODER.replace("SKIP", "8"), True),
                                           (GATED_DECODER.replace("SKIP", "16"), False),
                                           (WRONG_ITEM, True),
                                           (SEPARABLE.replace("NORMED", "cout"), True),
                                           (SEPARABLE.replace("NORMED", "cin"), False)])
def test_torch_agrees(source, fails):
    torch = pytest.importorskip("torch")
    namespace: dict = {"__name__": "net"}
    exec(compile(source, "net.py", "exec"), namespace)
    shape = (2, 3, 32, 32) if "Up(" in source else (2, 16, 8, 8)
    try:
        namespace["Net"]()(torch.zeros(*shape))
    except RuntimeError as error:
        assert fails, error
    else:
        assert not fails
