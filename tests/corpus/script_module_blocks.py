"""Blocks deriving from torch.jit.ScriptModule with a `@torch.jit.script_method` forward
(weiaicunzai/pytorch-cifar100 stochasticdepth: StochasticDepthBasicBlock / BottleNeck).

convlint: a class deriving from torch.jit.ScriptModule was no module: the blocks were not built,
every shape from the first block on unknown (stochastic_depth_resnet18: 4 of 19 hookable modules),
a wrong Linear after them missed.
torch: the blocks are nn.Modules whose __init__ runs as Python; blocks.1 [2, 16, 4, 4], head
[2, 10]; `Wrong` (features=8) stops at its head with "mat1 and mat2 shapes cannot be multiplied".
"""
import torch
import torch.nn as nn


class Block(torch.jit.ScriptModule):
    def __init__(self, c_in, c_out, stride=1):
        super().__init__()
        self.p = 0.5
        self.residual = nn.Sequential(nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1), nn.BatchNorm2d(c_out))
        self.shortcut = nn.Sequential()
        if stride != 1 or c_in != c_out:
            self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=stride))

    @torch.jit.script_method
    def forward(self, x):
        if self.training:
            x = self.residual(x) + self.shortcut(x)
        else:
            x = self.residual(x) * self.p + self.shortcut(x)
        return x


class Scripted(nn.Module):
    def __init__(self, features=16):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.blocks = nn.Sequential(Block(8, 8), Block(8, 16, stride=2))
        self.head = nn.Linear(features, 10)

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)).mean((2, 3)))


class Wrong(Scripted):
    def __init__(self):
        super().__init__(features=8)
