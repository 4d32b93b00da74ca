"""A running width updated by augmented assignment in the constructor, a transition built from it
(`num_planes += nblocks[1] * growth_rate` then `Transition(num_planes, out_planes)`: kuangliu's
and tomgoldstein/loss-landscape's DenseNets and their many copies), with the update counting the
wrong block (`nblocks[0]`).

convlint, before: the transition's conv and norm were reported at the call `Transition(num_planes,
out_planes)`, where nothing is wrong, not at the update that miscounts; the number's line was
also skipped because two layers (the conv and the norm) read it, though both fail.
torch: Wrong()(torch.zeros(2, 3, 32, 32)) raises "running_mean should contain 32 elements not 40"
in eval mode ("expected input ... to have 40 channels, but got 32 channels" in training).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class Bottleneck(nn.Module):
    def __init__(self, in_planes, growth_rate):
        super().__init__()
        self.bn = nn.BatchNorm2d(in_planes)
        self.conv = nn.Conv2d(in_planes, growth_rate, kernel_size=3, padding=1, bias=False)

    def forward(self, x):
        return torch.cat([self.conv(F.relu(self.bn(x))), x], 1)


class Transition(nn.Module):
    def __init__(self, in_planes, out_planes):
        super().__init__()
        self.bn = nn.BatchNorm2d(in_planes)
        self.conv = nn.Conv2d(in_planes, out_planes, kernel_size=1, bias=False)

    def forward(self, x):
        return F.avg_pool2d(self.conv(F.relu(self.bn(x))), 2)


class Right(nn.Module):
    def __init__(self, nblocks=(2, 3), growth_rate=8, reduction=0.5, num_classes=10):
        super().__init__()
        self.growth_rate = growth_rate
        num_planes = 2 * growth_rate
        self.conv1 = nn.Conv2d(3, num_planes, kernel_size=3, padding=1, bias=False)
        self.dense1 = self._make_dense_layers(num_planes, nblocks[0])
        num_planes += nblocks[0] * growth_rate
        out_planes = int(math.floor(num_planes * reduction))
        self.trans1 = Transition(num_planes, out_planes)
        num_planes = out_planes
        self.dense2 = self._make_dense_layers(num_planes, nblocks[1])
        num_planes += nblocks[1] * growth_rate
        self.bn = nn.BatchNorm2d(num_planes)
        self.linear = nn.Linear(num_planes, num_classes)

    def _make_dense_layers(self, in_planes, nblock):
        layers = []
        for _ in range(nblock):
            layers.append(Bottleneck(in_planes, self.growth_rate))
            in_planes += self.growth_rate
        return nn.Sequential(*layers)

    def forward(self, x):
        out = self.trans1(self.dense1(self.conv1(x)))
        out = self.dense2(out)
        out = F.adaptive_avg_pool2d(F.relu(self.bn(out)), 1)
        return self.linear(out.view(out.size(0), -1))


class Wrong(Right):
    def __init__(self, nblocks=(2, 3), growth_rate=8, reduction=0.5, num_classes=10):
        nn.Module.__init__(self)
        self.growth_rate = growth_rate
        num_planes = 2 * growth_rate
        self.conv1 = nn.Conv2d(3, num_planes, kernel_size=3, padding=1, bias=False)
        self.dense1 = self._make_dense_layers(num_planes, nblocks[0])
        num_planes += nblocks[1] * growth_rate
        out_planes = int(math.floor(num_planes * reduction))
        self.trans1 = Transition(num_planes, out_planes)
        num_planes = out_planes
        self.dense2 = self._make_dense_layers(num_planes, nblocks[1])
        num_planes += nblocks[1] * growth_rate
        self.bn = nn.BatchNorm2d(num_planes)
        self.linear = nn.Linear(num_planes, num_classes)
