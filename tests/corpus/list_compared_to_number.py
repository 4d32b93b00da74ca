"""A block given the list of blocks built so far where a stage number was meant (`stage=stage`,
then `if stage == 2:` in the block), and a fusion chosen by storing a bound method
(`self.fusion = self._add`, later `self._cat`) (weiaicunzai/pytorch-cifar100 shufflenet).

convlint: `stage == 2` with a list was "a condition not known statically"; both paths joined,
`bottlneck` and `fusion` unknown, so every unit's shapes unknown (shufflenet: 58 of 298 modules).
torch: a list is never equal to a number (Python falls back to identity): the condition is False,
units.0 [2, 16, 4, 4] (its input joined to the branch by `_cat`), units.1 [2, 16, 4, 4] (`_add`).
"""
import torch
import torch.nn as nn


class Unit(nn.Module):
    def __init__(self, c_in, c_out, stage, stride):
        super().__init__()
        self.branch = nn.Conv2d(c_in, c_out, 1)
        if stage == 2:
            self.branch = nn.Conv2d(c_in, c_out, 3, padding=1)
        self.pool = nn.AvgPool2d(3, stride=stride, padding=1)
        self.fusion = self._add
        if c_in != c_out:
            self.branch = nn.Conv2d(c_in, c_out - c_in, 1, stride=stride)
            self.fusion = self._cat

    def _add(self, x, y):
        return torch.add(x, y)

    def _cat(self, x, y):
        return torch.cat([x, y], dim=1)

    def forward(self, x):
        return self.fusion(self.pool(x), self.branch(x))


class Stages(nn.Module):
    def __init__(self):
        super().__init__()
        self.c_in = 4
        stage = []
        for c_out, stride in ((16, 2), (16, 1)):
            stage.append(Unit(self.c_in, c_out, stage=stage, stride=stride))
            self.c_in = c_out
        self.units = nn.Sequential(*stage)
        self.head = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        return self.head(self.units(x).flatten(1))
