"""Blocks of a U-Net, as a library file: their widths are their callers' (model.py), and Up's
conv reads the wrong parameter (out_channels where the skip concatenation gives in_channels), a
bug no model of this file shows. Checked alone, this file is checked as model.py uses it."""

import torch
import torch.nn as nn


class DoubleConv(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(in_channels, out_channels, 3, padding=1), nn.ReLU(),
                                 nn.Conv2d(out_channels, out_channels, 3, padding=1), nn.ReLU())

    def forward(self, x):
        return self.net(x)


class Up(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
        self.conv = DoubleConv(out_channels, out_channels)  # BUG: the concatenation gives in_channels

    def forward(self, x1, x2):
        return self.conv(torch.cat([x2, self.up(x1)], dim=1))
