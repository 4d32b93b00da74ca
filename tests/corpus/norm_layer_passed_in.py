"""A norm layer given to the constructor (`norm_layer`, functools.partial, a get_norm_layer()
factory), called inside an nn.Sequential, as pix2pix/DeblurGAN/torchvision-style code does."""
import functools

import torch
import torch.nn as nn


def get_norm_layer(kind="batch"):
    if kind == "batch":
        return functools.partial(nn.BatchNorm2d, affine=True)
    return functools.partial(nn.InstanceNorm2d, affine=False)


class PassedInBug(nn.Module):
    def __init__(self, norm_layer, c=16):
        super().__init__()
        self.a = nn.Conv2d(3, c, 3, padding=1)
        self.b = nn.Conv2d(3, c, 3, padding=1)
        self.smooth = nn.Sequential(
            nn.Conv2d(3 * c, c, 3, padding=1),
            norm_layer(c),
            nn.ReLU())

    def forward(self, x):
        return self.smooth(torch.cat([self.a(x), self.b(x)], dim=1))


class PassedInFine(nn.Module):
    def __init__(self, norm_layer, c=16):
        super().__init__()
        self.a = nn.Conv2d(3, c, 3, padding=1)
        self.b = nn.Conv2d(3, c, 3, padding=1)
        self.smooth = nn.Sequential(
            nn.Conv2d(2 * c, c, 3, padding=1),
            norm_layer(c),
            nn.ReLU(),
            nn.Conv2d(c, c, 3, padding=1))

    def forward(self, x):
        return self.smooth(torch.cat([self.a(x), self.b(x)], dim=1))


class DefaultNormBug(nn.Module):
    def __init__(self, norm_layer=nn.BatchNorm2d, c=16):
        super().__init__()
        self.a = nn.Conv2d(3, c, 3, padding=1)
        self.smooth = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), norm_layer(c), nn.ReLU(),
                                    nn.Conv2d(2 * c, c, 3, padding=1))

    def forward(self, x):
        return self.smooth(self.a(x))


class NoneDefaultBug(nn.Module):
    def __init__(self, norm_layer=None, c=16):
        super().__init__()
        if norm_layer is None:
            norm_layer = nn.BatchNorm2d
        self.a = nn.Conv2d(3, c, 3, padding=1)
        self.smooth = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), norm_layer(c), nn.ReLU(),
                                    nn.Conv2d(2 * c, c, 3, padding=1))

    def forward(self, x):
        return self.smooth(self.a(x))


class FactoryNormBug(nn.Module):
    def __init__(self, c=16):
        super().__init__()
        norm_layer = get_norm_layer("batch")
        self.a = nn.Conv2d(3, c, 3, padding=1)
        self.smooth = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), norm_layer(c), nn.ReLU(),
                                    nn.Conv2d(2 * c, c, 3, padding=1))

    def forward(self, x):
        return self.smooth(self.a(x))


class SequentialSubclassBug(nn.Sequential):
    def __init__(self, norm_layer, c=16):
        super().__init__(nn.Conv2d(2 * c, c, 3, padding=1), norm_layer(c), nn.ReLU())


class HoldsSubclass(nn.Module):
    def __init__(self, norm_layer, c=16):
        super().__init__()
        self.a = nn.Conv2d(3, c, 3, padding=1)
        self.block = SequentialSubclassBug(norm_layer, c)

    def forward(self, x):
        return self.block(self.a(x))
