"""torchinfo's cost conventions at their edges: a container's own parameter, a training-only head."""

import torch
import torch.nn as nn


# convlint: input-shape=(2, 3, 4, 4)
class RootBias(nn.Module):
    """torchinfo totals mult-adds of leaf modules only: the root's own bias costs none."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 1)
        self.bias = nn.Parameter(torch.zeros(8, 1, 1))

    def forward(self, x):
        return self.conv(x) + self.bias


# convlint: input-shape=(2, 8)
class TrainingOnlyHead(nn.Module):
    """In eval mode the head never runs: its parameters count, their size (MB) does not."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 4)
        self.aux = nn.Linear(8, 1000)

    def forward(self, x):
        if self.training:
            return self.fc(x), self.aux(x)
        return self.fc(x)
