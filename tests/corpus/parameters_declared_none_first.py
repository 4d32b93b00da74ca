"""nn.Parameters declared None first and filled in later, as video transformers write their
positional and relative-position tables (torchvision video/mvit.py PositionalEncoding and
MultiScaleAttention: `self.spatial_pos: Optional[nn.Parameter] = None`, then
`self.spatial_pos = nn.Parameter(...)` when the option is on), and parameters made with
`register_parameter`. convlint counted only a Parameter assigned to a name never set before:
mvit_v1_b's pos_encoding showed 96 parameters where torch counts 302016, a wrong count, not an
unknown one; register_parameter counted nothing. torch: Module.__setattr__ registers every
Parameter assigned, over None or an earlier one; `p * 0.5` of a parameter is a plain tensor."""
from typing import Optional

import torch
import torch.nn as nn


class PositionTables(nn.Module):
    def __init__(self, dim, grid, frames, relative=False):
        super().__init__()
        self.class_token = nn.Parameter(torch.zeros(dim))
        self.spatial: Optional[nn.Parameter] = None
        self.temporal: Optional[nn.Parameter] = None
        if not relative:
            self.spatial = nn.Parameter(torch.zeros(grid * grid, dim))
            self.temporal = nn.Parameter(torch.zeros(frames, dim))
        self.register_parameter("scale", nn.Parameter(torch.ones(1, 1, dim)))
        self.register_parameter("shift", None)
        self.register_buffer("mask", torch.zeros(grid, grid))
        self.half = self.class_token * 0.5  # a plain tensor attribute: no parameter of torch's

    def forward(self, x):
        token = self.class_token.expand(x.size(0), 1, -1)
        return torch.cat((token, x), dim=1) * self.scale


class Redrawn(nn.Module):
    def __init__(self, dim=8):
        super().__init__()
        self.table = nn.Parameter(torch.zeros(3, dim))
        self.table = nn.Parameter(torch.zeros(5, dim))  # the second replaces the first
        self.gone = nn.Parameter(torch.zeros(7))
        self.gone = None

    def forward(self, x):
        return x + self.table.sum()


class Video(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(12, 16)
        self.positions = PositionTables(16, 4, 3)
        self.relative = PositionTables(16, 4, 3, relative=True)
        self.redrawn = Redrawn(16)
        self.head = nn.Linear(16, 10)

    def forward(self, x):
        x = self.embed(x)
        x = self.redrawn(self.relative(self.positions(x)))
        return self.head(x[:, 0])
