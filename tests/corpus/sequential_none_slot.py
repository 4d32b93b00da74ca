"""A block whose Sequential holds a default None in the middle: CycleGAN/pix2pix's
UnetSkipConnectionBlock builds `nn.Sequential(*(down + [submodule] + up))` with `submodule=None`
unless its caller passes the inner block. convlint skipped the None and ran the up-convolution on
the down-convolution's output: a false CL103 (`ConvTranspose2d(2*inner_nc, ...)` expects
2*inner_nc channels, gets inner_nc) on the block analysed on its own. torch keeps the None slot
and stops there: TypeError: 'NoneType' object is not callable. With the inner block given
(SkipPair), it runs."""
import torch
import torch.nn as nn


class SkipBlock(nn.Module):
    def __init__(self, outer_nc, inner_nc, submodule=None):
        super().__init__()
        down = [nn.Conv2d(outer_nc, inner_nc, 4, 2, 1)]
        up = [nn.ReLU(), nn.ConvTranspose2d(inner_nc * 2, outer_nc, 4, 2, 1)]
        self.model = nn.Sequential(*(down + [submodule] + up))

    def forward(self, x):
        return torch.cat([x, self.model(x)], 1)


class Doubler(nn.Module):
    def forward(self, x):
        return torch.cat([x, x], 1)


class SkipPair(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = SkipBlock(4, 8, Doubler())

    def forward(self, x):
        return self.block(x)
