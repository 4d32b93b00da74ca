"""A residual block whose shortcut is the identity, replaced by a projection under a condition not
known statically: `self.shortcut = nn.Sequential()` then `if stride != 1 or in_planes != planes:
self.shortcut = nn.Sequential(nn.Conv2d(...))`, and `out += self.shortcut(x)` (wide ResNets and
the CIFAR ResNets of fast-autoaugment, kuangliu and their copies, with a width factor given by
the caller).

convlint, before: the projection Sequential, made on one path only, was joined with the state it
had while being built on that path (no children), so it was "some of its modules not known" and
its output unknown; and an add of `16*k` channels to the channels the paths disagree on (16 or
16*k) was unknown too. The block's output, and everything after it, unknown: a head written for
four times the width was missed for every widen factor.
torch: Wrong(4)(torch.zeros(2, 3, 8, 8)) raises "mat1 and mat2 shapes cannot be multiplied
(2x64 and 256x10)"; Right(k) runs for every k.
"""
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, in_planes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_planes, planes, 3, stride, 1)
        self.bn1 = nn.BatchNorm2d(planes)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_planes != planes:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_planes, planes, kernel_size=1, stride=stride),
            )

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out += self.shortcut(x)
        return out


class Right(nn.Module):
    def __init__(self, widen_factor):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.block = Block(16, 16 * widen_factor)
        self.head = nn.Linear(16 * widen_factor, 10)

    def forward(self, x):
        out = self.block(self.stem(x))
        out = F.adaptive_avg_pool2d(out, (1, 1))
        return self.head(out.view(out.size(0), -1))


class Wrong(Right):
    def __init__(self, widen_factor):
        super().__init__(widen_factor)
        self.head = nn.Linear(16 * widen_factor * 4, 10)
