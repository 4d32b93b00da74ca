"""A block whose conv, norm and shortcut conv all read in_channels, every other call of it given
equal in and out counts (SN-GAN generators: `GBlock(self.ngf, self.ngf, upsample=True)` three
times, kwotsin/mimicry and its copies), and one call passing the wrong in_channels.

convlint, before: the 256 channels that arrive are also the call's out_channels, and every fitting
call has in == out, so "the block reads the wrong parameter" could not be ruled out: the errors
stayed at the block's lines (conv, norm, shortcut conv), not at the call to change.
torch: Wrong()(torch.zeros(2, 128)) raises "running_mean should contain 256 elements not 128" in
block3.b1 (eval mode: "expected input[2, 256, 8, 8] to have 128 channels" at c1 in training).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class GBlock(nn.Module):
    def __init__(self, in_channels, out_channels, upsample=False):
        super().__init__()
        self.upsample = upsample
        self.b1 = nn.BatchNorm2d(in_channels)
        self.c1 = nn.Conv2d(in_channels, out_channels, 3, 1, padding=1)
        self.b2 = nn.BatchNorm2d(out_channels)
        self.c2 = nn.Conv2d(out_channels, out_channels, 3, 1, padding=1)
        self.c_sc = nn.Conv2d(in_channels, out_channels, 1)

    def forward(self, x):
        h = F.relu(self.b1(x))
        if self.upsample:
            h = F.interpolate(h, scale_factor=2)
            x = F.interpolate(x, scale_factor=2)
        h = self.c2(F.relu(self.b2(self.c1(h))))
        return h + self.c_sc(x)


class Right(nn.Module):
    def __init__(self, nz=128, ngf=256):
        super().__init__()
        self.ngf = ngf
        self.l1 = nn.Linear(nz, 4 * 4 * ngf)
        self.block2 = GBlock(self.ngf, self.ngf, upsample=True)
        self.block3 = GBlock(self.ngf, self.ngf, upsample=True)
        self.c5 = nn.Conv2d(self.ngf, 3, 3, 1, padding=1)

    def forward(self, x):
        h = self.l1(x).view(x.shape[0], -1, 4, 4)
        return torch.tanh(self.c5(self.block3(self.block2(h))))


class Wrong(Right):
    def __init__(self, nz=128, ngf=256):
        super().__init__(nz, ngf)
        self.block3 = GBlock(self.ngf // 2, self.ngf, upsample=True)
