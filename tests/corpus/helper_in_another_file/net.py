"""A count passed unchanged into a helper of another project file (blocks.py), called once with
the wrong value: the call is the line to change (Zheng222/IMDN IMDN_AS `B.conv_block(nf *
num_modules, nf, ...)`; okrasolar/pytorch-timeseries `ConvBlock(128, 256, 5, 1)` over a
Conv1d subclass calling F.conv1d on its own weight).

convlint, before: reported inside the helper (blocks.py, the nn.Conv2d line, or the F.conv1d call
of the subclass's forward), a line of a library file that is right for every other caller.
torch: Fusion()(torch.zeros(2, 3, 16, 16)) stops at the fusion conv ("expected input[2, 64, 16, 16]
to have 48 channels"), Series()(torch.zeros(2, 1, 50)) at the second block's conv, Local() at
the norm of conv_bn, whose own code reads cin where the conv gives cout: reported in blocks.py.
"""
import torch
import torch.nn as nn

from blocks import ConvBlock, conv_bn, conv_block


class Fusion(nn.Module):
    def __init__(self, nf=16):
        super().__init__()
        self.stem = conv_block(3, nf, act=False)
        self.b1 = conv_block(nf, nf)
        self.b2 = conv_block(nf, nf)
        self.b3 = conv_block(nf, nf)
        self.fuse = conv_block(nf * 3, nf, kernel_size=1)

    def forward(self, x):
        x = self.stem(x)
        a = self.b1(x)
        b = self.b2(a)
        c = self.b3(b)
        return self.fuse(torch.cat([x, a, b, c], dim=1))


class Series(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(ConvBlock(1, 32, 8), ConvBlock(16, 64, 5), ConvBlock(64, 32, 3))
        self.head = nn.Linear(32, 4)

    def forward(self, x):
        return self.head(self.blocks(x).mean(-1))


class Local(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = conv_bn(3, 16)

    def forward(self, x):
        return self.a(x)
