"""A model deriving from a local base class, with shared modules and a layer called twice."""
from collections import OrderedDict

import torch
from torch import nn


class Base(nn.Module):
    def describe(self):
        return "base"


# convlint: input-shape=(4, 1, 28, 28)
class Classifier(Base):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(OrderedDict([
            ("conv", nn.Conv2d(1, 16, 3, padding=1)),
            ("act", nn.ReLU()),
            ("pool", nn.MaxPool2d(2)),
        ]))
        self.body = nn.Sequential(
            nn.Sequential(nn.Conv2d(16, 16, 3, padding=1), nn.ReLU()),
            nn.Conv2d(16, 32, 3, padding=1),
        )
        self.pool = nn.MaxPool2d(2)
        self.shared = nn.ReLU()
        self.gap = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(32, 10)
        self.alias = self.fc

    def forward(self, x):
        x = self.stem(x)
        x = self.pool(self.shared(self.body(x)))
        x = self.shared(x)
        x = self.gap(x)
        x = torch.flatten(x, 1)
        return self.fc(x)
