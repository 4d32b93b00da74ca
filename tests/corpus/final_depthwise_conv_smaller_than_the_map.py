"""A global depthwise conv (a GDC: a conv of one group per channel whose kernel is the whole map,
used as a learned pool before Flatten and a Linear of the channels, as MobileFaceNet and its copies
end) given a kernel smaller than the map it reads: a 7 x 7 map read by a 5 x 5 kernel leaves 3 x 3.

convlint, before: CL101 at the Linear ("set in_features to 288"), which fits the design; the kernel
written where the block is built is what was changed.
torch: Wrong()(torch.randn(2, 3, 28, 28)) raises "mat1 and mat2 shapes cannot be multiplied (2x288
and 32x16)"; Right() runs.
"""
import torch
import torch.nn as nn


class LinearBlock(nn.Module):
    def __init__(self, c_in, c_out, kernel=(1, 1), groups=1):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, kernel_size=kernel, groups=groups, bias=False)
        self.bn = nn.BatchNorm2d(c_out)

    def forward(self, x):
        return self.bn(self.conv(x))


class Right(nn.Module):
    def __init__(self, embedding=16, kernel=7):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, stride=4, padding=1)
        self.gdc = LinearBlock(32, 32, kernel=(kernel, kernel), groups=32)
        self.flatten = nn.Flatten()
        self.linear = nn.Linear(32, embedding)

    def forward(self, x):
        return self.linear(self.flatten(self.gdc(self.stem(x))))


class Wrong(Right):
    def __init__(self):
        super().__init__()
        self.gdc = LinearBlock(32, 32, kernel=(5, 5), groups=32)


class WrongInline(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 32, 3, stride=4, padding=1), nn.ReLU(),
                                      nn.Conv2d(32, 32, 5, groups=32, bias=False))
        self.head = nn.Linear(32, 16)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))


class WrongDense(WrongInline):
    """A conv mixing the channels (groups=1) is no pool: which of it and the Linear is wrong is not
    known, the Linear keeps the blame."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 32, 3, stride=4, padding=1), nn.ReLU(),
                                      nn.Conv2d(32, 32, 5, bias=False))


if __name__ == "__main__":
    for net in (Right(), Wrong(), WrongInline(), WrongDense()):
        net(torch.randn(2, 3, 28, 28))
