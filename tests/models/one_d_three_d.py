"""1d and 3d layers, ceil_mode pools, dilation, groups, adaptive max pool."""
import torch
from torch import nn


# convlint: input-shape=(2, 4, 50)
class Signal(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 8, 5, dilation=2, padding=4)
        self.pool = nn.MaxPool1d(3, stride=2, ceil_mode=True)
        self.dw = nn.Conv1d(8, 8, 3, groups=8, padding=1)
        self.gap = nn.AdaptiveMaxPool1d(4)
        self.norm = nn.BatchNorm1d(8)
        self.fc = nn.Linear(32, 3)

    def forward(self, x):
        x = self.pool(self.conv(x))
        x = self.norm(self.dw(x))
        x = self.gap(x).view(x.shape[0], -1)
        return self.fc(x)


# convlint: input-shape=(1, 2, 9, 17, 17)
class Volume(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv3d(2, 4, (3, 3, 3), stride=(1, 2, 2), padding=1)
        self.pool = nn.AvgPool3d(2, ceil_mode=True)
        self.up = nn.ConvTranspose3d(4, 2, 3, stride=2, padding=1, output_padding=1)
        self.norm = nn.InstanceNorm3d(2, affine=True)

    def forward(self, x):
        return self.norm(self.up(self.pool(self.conv(x))))
