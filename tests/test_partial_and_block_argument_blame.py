"""A wrong width given where a block is built is reported there, not inside the block: a keyword a
functools.partial block factory binds (`partial(RDB, nf=gc, gc=gc)` called with no arguments by a
make_layer helper), and an argument of a residual block's call that makes its `out + x` meet
unequal widths (`ResidualBlock(in_channels * 2, out_channels)` inside a densely concatenating
block). Against torch."""

import pytest
import torch

from convlint.pipeline import Settings, lint_text

PARTIAL = '''
import functools
import torch
import torch.nn as nn


def make_layer(block, n_layers):
    return nn.Sequential(*[block() for _ in range(n_layers)])


class RDB(nn.Module):
    def __init__(self, nf=64, gc=32):
        super().__init__()
        self.conv1 = nn.Conv2d(nf, gc, 3, 1, 1)
        self.conv2 = nn.Conv2d(nf + gc, nf, 3, 1, 1)

    def forward(self, x):
        x1 = torch.relu(self.conv1(x))
        return self.conv2(torch.cat((x, x1), 1)) * 0.2 + x


class Net(nn.Module):
    def __init__(self, in_nc=3, nf=64, nb=2, gc=32):
        super().__init__()
        block_f = functools.partial(RDB, nf={nf}, gc=gc)
        self.conv_first = nn.Conv2d(in_nc, nf, 3, 1, 1)
        self.trunk = make_layer(block_f, nb)
        self.trunk_conv = nn.Conv2d(nf, nf, 3, 1, 1)

    def forward(self, x):
        fea = self.conv_first(x)
        return fea + self.trunk_conv(self.trunk(fea))
'''

RESIDUAL = '''
import torch
import torch.nn as nn
import torch.nn.functional as F


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(in_channels, out_channels, 3, 1, 1),
            nn.ReLU(inplace=True),
            nn.Conv2d(out_channels, out_channels, 3, 1, 1),
        )

    def forward(self, x):
        out = self.body(x)
        return F.relu(out + x)


class Block(nn.Module):
    def __init__(self, in_channels=64, out_channels=64):
        super().__init__()
        self.r1 = ResidualBlock(in_channels, out_channels)
        self.r2 = ResidualBlock(in_channels * 2, {width})
        self.g = nn.Conv2d(in_channels * 4, out_channels, 1)

    def forward(self, x):
        c1 = torch.cat([x, self.r1(x)], dim=1)
        c2 = torch.cat([c1, self.r2(c1)], dim=1)
        return self.g(c2)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Conv2d(3, 64, 3, 1, 1)
        self.b1 = Block(64, 64)
        self.b2 = Block(64, 64)

    def forward(self, x):
        return self.b2(self.b1(self.head(x)))
'''


def _errors(source: str) -> list:
    return [d for d in lint_text(source, "net.py", Settings()).diagnostics if d.severity == "error"]


def _at(source: str, text: str, after: str = "") -> tuple[int, int]:
    """(line, column) of `text` (past `after` on its line), both counted from 1 as a Span's are."""
    line = next(n for n, row in enumerate(source.splitlines(), 1) if after + text in row)
    row = source.splitlines()[line - 1]
    return line, row.index(after + text) + len(after) + 1


def _torch_runs(source: str, channels: int) -> bool:
    namespace: dict = {}
    exec(compile(source, "net.py", "exec"), namespace)
    try:
        namespace["Net"]()(torch.rand(1, channels, 8, 8))
    except RuntimeError:
        return False
    return True


def test_a_width_a_partial_binds_wrong_is_reported_at_its_keyword():
    source = PARTIAL.format(nf="gc")
    assert not _torch_runs(source, 3)
    line, column = _at(source, "gc", after="nf=")
    found = _errors(source)
    assert (line, column, "CL103") in [(d.span.line, d.span.column, d.code) for d in found]
    conv1 = _at(source, "self.conv1 = ")[0]
    assert not any(d.span.line == conv1 for d in found)  # (the block's own line is right)


def test_a_partial_binding_the_widths_that_arrive_stays_clean():
    source = PARTIAL.format(nf="nf")
    assert _torch_runs(source, 3)
    assert _errors(source) == []


def test_a_residual_block_given_unequal_widths_is_reported_at_the_call_argument():
    source = RESIDUAL.format(width="out_channels")
    assert not _torch_runs(source, 3)
    (found,) = _errors(source)
    line, column = _at(source, "out_channels)", after="in_channels * 2, ")
    assert (found.span.line, found.span.column, found.code) == (line, column, "CL107")
    add = _at(source, "out + x")
    assert (add[0], add[1]) in [(s.line, s.column) for s in found.related]


def test_a_residual_block_given_equal_widths_stays_clean():
    source = RESIDUAL.format(width="out_channels * 2")
    assert _torch_runs(source, 3)
    assert _errors(source) == []
