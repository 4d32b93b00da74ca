"""Residual adds broken by a conv that shrinks its path, and layers built by a wrapper that
forwards every argument (descriptinc/melgan-neurips: `def WNConv1d(*args, **kwargs): return
weight_norm(nn.Conv1d(*args, **kwargs))`, ResnetBlock's `ReflectionPad1d(dilation)` before a conv
of that dilation). convlint reported the add (`+ cannot combine ... 8*L and 8*L-2`), and a wrong
count inside the wrapper's one line; the line to change is the conv's, where the wrapper is
called. torch: "The size of tensor a (32) must match the size of tensor b (30)"."""

import torch
import torch.nn as nn
from torch.nn.utils import weight_norm


def wn_conv1d(*args, **kwargs):
    return weight_norm(nn.Conv1d(*args, **kwargs))


class DilatedBlock(nn.Module):
    def __init__(self, dim, dilation=1):
        super().__init__()
        self.block = nn.Sequential(
            nn.LeakyReLU(0.2),
            nn.ReflectionPad1d(dilation),
            wn_conv1d(dim, dim, kernel_size=3, dilation=dilation + 1),  # shrinks by 2: the line to change
            nn.LeakyReLU(0.2),
            wn_conv1d(dim, dim, kernel_size=1),
        )
        self.shortcut = wn_conv1d(dim, dim, kernel_size=1)

    def forward(self, x):
        return self.shortcut(x) + self.block(x)


class DilatedStack(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.stack = nn.Sequential(*[DilatedBlock(dim, dilation=3 ** j) for j in range(2)])

    def forward(self, x):
        return self.stack(x)


class StridedBlock(nn.Module):
    """A stride changes the size by design: the missing downsampling of the shortcut, or the
    add, is what is wrong, so the add is reported."""

    def __init__(self, dim=16):
        super().__init__()
        self.conv = nn.Conv1d(dim, dim, 3, stride=2, padding=1)

    def forward(self, x):
        return x + self.conv(x)


class WrappedWidths(nn.Module):
    def __init__(self, dim=16):
        super().__init__()
        self.conv = wn_conv1d(dim * 2, dim, 1)  # expects 32 channels, gets 16

    def forward(self, x):
        return self.conv(x)


class GoodDilatedBlock(DilatedBlock):
    def __init__(self, dim=16, dilation=3):
        super().__init__(dim, dilation)
        self.block[2] = wn_conv1d(dim, dim, kernel_size=3, dilation=dilation)


class SkipConcat(nn.Module):
    """A skip concatenation after convs meant to keep the size, one of them unpadded."""

    def __init__(self, ch=8):
        super().__init__()
        self.enc = nn.Conv2d(3, ch, 3, padding=1)
        self.refine = nn.Sequential(nn.Conv2d(ch, ch, 3, padding=1), nn.ReLU(), nn.Conv2d(ch, ch, 3), nn.ReLU())

    def forward(self, x):
        skip = self.enc(x)
        return torch.cat([skip, self.refine(skip)], dim=1)
