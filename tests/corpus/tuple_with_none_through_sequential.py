"""Cells stacked in an nn.Sequential that take and return a `(x, prev)` pair, called first with
`(x, None)`: no previous cell yet (weiaicunzai/pytorch-cifar100 nasnet: `x, prev =
self.cell_layers((x, prev))` with `prev = None`; each cell's `Fit` returns x while prev is None,
and otherwise brings prev to x's size and width).

convlint (--input-shape PairCells=2,3,16,16): the Sequential was not followed, as a pair holding a
None was taken for no tensor: cells, cells.0.fit, cells.0.reduce ... unknown or missing (nasnet: 3
of 1,117 modules), `cell_layers` listed as unfollowed.
torch: cells.0.fit [2, 8, 16, 16] (x itself), cells.1.fit [2, 8, 16, 16] (prev of 8 channels
kept), cells.2.fit [2, 8, 8, 8] (prev halved by p1/p2 and joined), head [2, 10].
"""
import torch
import torch.nn as nn


class Fit(nn.Module):
    def __init__(self, prev_channels, channels):
        super().__init__()
        self.p1 = nn.Sequential(nn.AvgPool2d(1, stride=2), nn.Conv2d(prev_channels, channels // 2, 1))
        self.p2 = nn.Sequential(
            nn.ConstantPad2d((0, 1, 0, 1), 0),
            nn.ConstantPad2d((-1, 0, -1, 0), 0),  # cropping
            nn.AvgPool2d(1, stride=2),
            nn.Conv2d(prev_channels, channels // 2, 1),
        )
        self.reduce = nn.Conv2d(prev_channels, channels, 1)
        self.channels = channels

    def forward(self, inputs):
        x, prev = inputs
        if prev is None:
            return x
        elif x.size(2) != prev.size(2):
            prev = torch.cat([self.p1(prev), self.p2(prev)], 1)
        elif prev.size(1) != self.channels:
            prev = self.reduce(prev)
        return prev


class Cell(nn.Module):
    def __init__(self, x_in, prev_in, channels, stride=1):
        super().__init__()
        self.fit = Fit(prev_in, channels)
        self.reduce = nn.Conv2d(x_in, channels, 1)
        self.left = nn.Conv2d(channels, channels, 3, stride=stride, padding=1)
        self.right = nn.AvgPool2d(3, stride=stride, padding=1)

    def forward(self, pair):
        x, prev = pair
        prev = self.fit((x, prev))
        h = self.reduce(x)
        return torch.cat([self.left(h), self.right(prev)], 1), x


class PairCells(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.cells = nn.Sequential(Cell(8, 8, 8), Cell(16, 8, 8, stride=2), Cell(16, 16, 8))
        self.head = nn.Linear(16, 10)

    def forward(self, x):
        x = self.stem(x)
        prev = None
        x, prev = self.cells((x, prev))
        return self.head(x.mean((2, 3)))
