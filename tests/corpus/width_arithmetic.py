"""Width arithmetic real code writes on a required argument nothing supplies: int() of widths
that double every few blocks (`int(base_filters * 2 ** k)`, as in hsd1503/resnet1d), a projection
built and called only when `out_channels != in_channels`, a block that grows by concatenating
`out_channels - in_channels` new channels. A layer that takes the argument itself as a count makes it
an int (torch refuses a float count), so int() of arithmetic on it changes nothing; twice a
width (at least 1) is never the width; the difference of two widths of one argument is a width."""

import torch
import torch.nn as nn


class Doubling(nn.Module):
    def __init__(self, base_filters, n_classes):
        super().__init__()
        self.stem = nn.Conv1d(1, base_filters, 3, padding=1)
        self.conv = nn.Conv1d(int(base_filters * 2 ** 0), int(base_filters * 2 ** 1), 3, padding=1)
        self.fc = nn.Linear(int(base_filters * 2 ** 2), n_classes)  # BUG: the conv gives 2*base_filters

    def forward(self, x):
        return self.fc(self.conv(self.stem(x)).mean(-1))


class Scaled(nn.Module):
    """int(64 * alpha) of an argument no layer takes as it is: alpha may be 0.75, so unknown."""

    def __init__(self, alpha, n_classes):
        super().__init__()
        self.stem = nn.Conv1d(1, int(64 * alpha), 3, padding=1)
        self.fc = nn.Linear(int(64 * alpha), n_classes)

    def forward(self, x):
        return self.fc(self.stem(x).mean(-1))


class ProjectedWhenWider(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.in_channels, self.out_channels = in_channels, out_channels
        self.conv = nn.Conv1d(in_channels, out_channels, 3, padding=1)
        if out_channels != in_channels:
            self.proj = nn.Conv1d(in_channels, out_channels, 1)

    def forward(self, x):
        out = self.conv(x)
        if self.out_channels != self.in_channels:
            x = self.proj(x)
        return out + x


class GrowByConcat(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.extra = nn.Conv1d(in_channels, out_channels - in_channels, 3, padding=1)

    def forward(self, x):
        return torch.cat([x, self.extra(x)], 1)


class WideningNet(nn.Module):
    def __init__(self, base):
        super().__init__()
        self.block1 = ProjectedWhenWider(base, base * 2)
        self.block2 = GrowByConcat(base * 2, base * 4)
        self.fc = nn.Linear(base * 8, 10)  # BUG: the blocks give 4*base

    def forward(self, x):
        return self.fc(self.block2(self.block1(x)).mean(-1))


class WideningNetFixed(WideningNet):
    def __init__(self, base):
        super().__init__(base)
        self.fc = nn.Linear(base * 4, 10)
