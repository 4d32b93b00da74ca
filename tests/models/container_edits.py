"""Containers built in other ways than a list of layers: OrderedDict keywords, insert()."""

from collections import OrderedDict

import torch.nn as nn


# convlint: input-shape=(2, 3, 8, 8)
class EditedContainers(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU())
        self.body.insert(0, nn.BatchNorm2d(3))
        self.blocks = nn.ModuleList([nn.Conv2d(16, 16, 1)])
        self.blocks.insert(0, nn.Conv2d(16, 16, 3, padding=1))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Sequential(OrderedDict(fc=nn.Linear(16, 4), act=nn.Softmax(dim=1)))

    def forward(self, x):
        x = self.body(x)
        for block in self.blocks:
            x = block(x)
        return self.head(self.pool(x).flatten(1))
