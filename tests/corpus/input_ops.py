"""Ops on the model's input before its first layer, as super-resolution and patch-based code
writes them: a mean subtracted in place from a buffer of known values, the input cut into halves."""

import torch
import torch.nn as nn
from torch import Tensor


class MeanShift(nn.Module):
    """EDSR/RCAN's normalisation: a (1, 3, 1, 1) buffer made by the legacy constructor's data form."""

    def __init__(self, features=8):
        super().__init__()
        self.register_buffer("mean", Tensor([0.4488, 0.4371, 0.4040]).view(1, 3, 1, 1))
        self.head = nn.Conv2d(3, features, 3, padding=1)
        self.tail = nn.Conv2d(features, 3, 3, padding=1)

    def forward(self, x):
        x = x.sub_(self.mean).mul_(255.0)
        x = self.tail(self.head(x))
        return x.add(self.mean)


class Halves(nn.Module):
    """The input cut into top and bottom halves, each encoded, the codes concatenated."""

    def __init__(self, features=8):
        super().__init__()
        self.encode = nn.Conv2d(3, features, 3, padding=1)
        self.fuse = nn.Conv2d(2 * features, features, 1)

    def forward(self, x):
        height = x.size(2)
        top = x[:, :, 0:height // 2, :]
        bottom = x[:, :, height // 2:height, :]
        return self.fuse(torch.cat([self.encode(top), self.encode(bottom)], 1))

