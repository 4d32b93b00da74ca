"""Blocks of a package with no __init__.py, imported by its full name (see net.py)."""

import torch.nn as nn


class ConvBnRelu(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.unit = nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))

    def forward(self, x):
        return self.unit(x)


class Down(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = ConvBnRelu(cin, cout)
        self.pool = nn.MaxPool2d(2, 2, return_indices=True)

    def forward(self, x):
        x = self.conv(x)
        size = x.size()
        x, indices = self.pool(x)
        return x, indices, size


class Up(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.unpool = nn.MaxUnpool2d(2, 2)
        self.conv = ConvBnRelu(cin, cout)

    def forward(self, x, indices, size):
        return self.conv(self.unpool(x, indices, output_size=size))
