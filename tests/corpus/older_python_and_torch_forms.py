"""Forms of older code that torch 2 still runs: `i is 0` / `i % 2 is 0` between small ints
(sgrvinod's SRGAN discriminator), `torch.Tensor(rgb_mean)` of a tuple of floats as data (torchSR's
NinaSR `Rescale`, the MeanShift of many SR repositories), and an autograd `InplaceFunction` whose
forward is a plain method called through `.apply` (itayhubara/BinaryNet's `Binarize`).

convlint, before: `is` between ints was unknown (the discriminator's widths unknown, its head's bug
missed), the tuple was read as sizes (every shape after the shift lost), and the InplaceFunction's
apply was unknown (every binarized conv's output lost): "All checks passed!" on each Wrong.
torch: WrongIs()(torch.zeros(2, 3, 24, 24)) raises "mat1 and mat2 shapes cannot be multiplied
(2x64 and 144x10)"; WrongShift() "(2x3 and 5x2)"; WrongBinary() "expected input[2, 8, 16, 16]
to have 16 channels, but got 8 channels instead".
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.autograd.function import InplaceFunction


class WrongIs(nn.Module):
    def __init__(self, n_channels=8, n_blocks=4):
        super().__init__()
        blocks, cin = [], 3
        for i in range(n_blocks):
            cout = (n_channels if i is 0 else cin * 2) if i % 2 is 0 else cin  # noqa: F632
            blocks += [nn.Conv2d(cin, cout, 3, stride=1 if i % 2 is 0 else 2, padding=1), nn.ReLU()]  # noqa: F632
            cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.pool = nn.AdaptiveAvgPool2d((2, 2))
        self.fc = nn.Linear(cout * 3 * 3, 10)

    def forward(self, x):
        return self.fc(self.pool(self.blocks(x)).flatten(1))


class Shift(nn.Module):
    def __init__(self, sign, rgb_mean=(0.4, 0.4, 0.4)):
        super().__init__()
        self.bias = nn.Parameter(sign * torch.Tensor(rgb_mean).reshape(1, 3, 1, 1), requires_grad=False)

    def forward(self, x):
        return x + self.bias


class WrongShift(nn.Module):
    def __init__(self):
        super().__init__()
        self.shift = Shift(-1)
        self.conv = nn.Conv2d(3, 12, 3, padding=1)
        self.up = nn.PixelShuffle(2)
        self.fc = nn.Linear(5, 2)

    def forward(self, x):
        return self.fc(self.up(self.conv(self.shift(x))).mean((2, 3)))


class Binarize(InplaceFunction):
    def forward(ctx, input):
        return input.clone().sign()

    def backward(ctx, grad_output):
        return grad_output


class BinConv2d(nn.Conv2d):
    def forward(self, input):
        return F.conv2d(Binarize.apply(input), Binarize.apply(self.weight), None, self.stride, self.padding)


class WrongBinary(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = BinConv2d(3, 8, 3, padding=1)
        self.c2 = BinConv2d(16, 8, 3, padding=1)

    def forward(self, x):
        return self.c2(self.c1(x))
