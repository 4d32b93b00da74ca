"""Modules that take and return a TUPLE of tensors, called with `self.block((x, prev))` and
stacked in an nn.Sequential (weiaicunzai/pytorch-cifar100 nasnet: `x, prev =
self.cell_layers((x, prev))`, 1114 modules; rir: `self.rir1((x_residual, x_transient))`, 188
modules). convlint drops them: the Sequential and every module in it are absent from the
summary rows, everything after is unknown, and `-v` says "everything followed".

convlint (--input-shape TwoStream=2,3,16,16): rows TwoStream (null), stem [2, 16, 16, 16],
head (null); cells, cells.0, cells.0.conv_a ... missing; unresolved [].
torch: cells.0.conv_a [2, 16, 16, 16], cells.1.conv_a [2, 16, 16, 16],
head [2, 10, 16, 16], root [2, 10, 16, 16].
"""
import torch
import torch.nn as nn


class Cell(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv_a = nn.Conv2d(c, c, 3, padding=1)
        self.conv_b = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        a, b = x
        return self.conv_a(a) + b, self.conv_b(b)


class TwoStream(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        self.stem = nn.Conv2d(3, c, 3, padding=1)
        self.cells = nn.Sequential(Cell(c), Cell(c))
        self.head = nn.Conv2d(2 * c, 10, 1)

    def forward(self, x):
        x = self.stem(x)
        a, b = self.cells((x, x))
        return self.head(torch.cat([a, b], 1))
