"""A function with required parameters that returns the whole model as an nn.Sequential, its
blocks repeated by a count it takes (ConvMixer-style `def Mixer(dim, depth, kernel_size=9)`).
No code of the file calls it: the train script does. A class with such parameters is analysed
with symbols for them and its loops counted; a function was not analysed at all (no model, no
word), and with `--model-args 'Mixer(64, 2)'` nothing was built either.

torch: Mixer(64, 2, patch_size=4)(torch.randn(1, 3, 32, 32)) -> torch.Size([1, 10]).
"""
import torch.nn as nn


class Residual(nn.Module):
    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def forward(self, x):
        return self.fn(x) + x


def Mixer(dim, depth, kernel_size=9, patch_size=7, n_classes=10):
    return nn.Sequential(
        nn.Conv2d(3, dim, kernel_size=patch_size, stride=patch_size),
        nn.GELU(),
        nn.BatchNorm2d(dim),
        *[nn.Sequential(
            Residual(nn.Sequential(
                nn.Conv2d(dim, dim, kernel_size, groups=dim, padding="same"),
                nn.GELU(),
                nn.BatchNorm2d(dim),
            )),
            nn.Conv2d(dim, dim, kernel_size=1),
            nn.GELU(),
            nn.BatchNorm2d(dim),
        ) for i in range(depth)],
        nn.AdaptiveAvgPool2d((1, 1)),
        nn.Flatten(),
        nn.Linear(dim, n_classes),
    )


def conv_bn(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout))


class Small(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = conv_bn(3, 8)

    def forward(self, x):
        return self.body(x)
