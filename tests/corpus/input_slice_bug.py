"""The input cut into halves before its first layer (tests/corpus/input_ops.py's Halves), the
fusing conv sized for one half's code: its rank and channels are known from the first layer."""

import torch
import torch.nn as nn


class HalvesForgetTheConcat(nn.Module):
    def __init__(self, features=8):
        super().__init__()
        self.encode = nn.Conv2d(3, features, 3, padding=1)
        self.fuse = nn.Conv2d(features, features, 1)  # the concatenation gives 2 * features

    def forward(self, x):
        height = x.size(2)
        top = x[:, :, 0:height // 2, :]
        bottom = x[:, :, height // 2:height, :]
        return self.fuse(torch.cat([self.encode(top), self.encode(bottom)], 1))
