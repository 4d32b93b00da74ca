"""A "same" padding helper that pads one more step on one path only: `if padding % 2 != 0:
x = F.pad(x, [0, 1])` under a condition not known statically (the input length not given, or a
test of the data itself), the two paths differing only in the length (the TensorFlow "same"
padding of 1-D time-series and audio repos, okrasolar/pytorch-timeseries models/utils.py).

convlint, before: the tensor after the `if` lost its whole shape, the channels with the length,
so a wrong in_channels or num_features after it was missed silently (pytorch-timeseries
fcn_baseline injected ConvBlock(64, 256, ...) missed, and the shapes of the rest unknown).
torch: the channels are those of either path; Wrong()(torch.zeros(2, 1, 100)) stops at c2
("expected input[2, 16, 100] to have 32 channels, but got 16 channels instead").
"""
import torch.nn as nn
import torch.nn.functional as F


class SameConv1d(nn.Conv1d):
    def forward(self, x):
        kernel, dilation, stride = self.weight.size(2), self.dilation[0], self.stride[0]
        length = x.size(2)
        padding = (length - 1) * stride - length + dilation * (kernel - 1) + 1
        if padding % 2 != 0:
            x = F.pad(x, [0, 1])
        return F.conv1d(x, self.weight, self.bias, stride, padding // 2, dilation, self.groups)


class Wrong(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = SameConv1d(1, 16, kernel_size=8)
        self.c2 = SameConv1d(32, 32, kernel_size=5)
        self.fc = nn.Linear(32, 4)

    def forward(self, x):
        return self.fc(self.c2(self.c1(x)).mean(-1))


class DataPadded(nn.Module):
    """A pad chosen by the data: the channels known, the length not."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(3, 8, 3, padding=1)
        self.norm = nn.BatchNorm1d(8)
        self.head = nn.Linear(8, 2)

    def forward(self, x):
        x = self.conv(x)
        if x.mean() > 0:
            x = F.pad(x, (0, 1))
        return self.head(self.norm(x).mean(-1))


class RankChanged(nn.Module):
    """Paths of different rank: nothing of the shape is known after them."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(3, 8, 3, padding=1)
        self.head = nn.Linear(8, 2)

    def forward(self, x):
        x = self.conv(x)
        if x.mean() > 0:
            x = x.unsqueeze(1)
        return x
