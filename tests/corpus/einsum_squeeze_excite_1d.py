"""A 1-D signal net after the pattern of ECG classifiers: 'same' padding computed in forward and
applied with F.pad before a conv or a max-pool, and a squeeze-excitation scale applied with
torch.einsum('abc,ab->abc', out, se). The einsum's result was unknown, and every block after the
first with it; the pool after the 'same' pad was warned for the pad's own unread position."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SamePool(nn.Module):
    def __init__(self, kernel_size):
        super().__init__()
        self.kernel_size = kernel_size
        self.pool = nn.MaxPool1d(kernel_size=kernel_size)

    def forward(self, x):
        p = max(0, self.kernel_size - 1)
        x = F.pad(x, (p // 2, p - p // 2), "constant", 0)
        return self.pool(x)


class SqueezeBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv = nn.Conv1d(channels, channels, kernel_size=3, padding=1)
        self.fc1 = nn.Linear(channels, channels // 2)
        self.fc2 = nn.Linear(channels // 2, channels)
        self.pool = SamePool(2)

    def forward(self, x):
        out = self.conv(x)
        se = out.mean(-1)
        se = torch.sigmoid(self.fc2(F.relu(self.fc1(se))))
        out = torch.einsum("abc,ab->abc", out, se)
        return self.pool(out + x)


class SignalNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv1d(1, 16, kernel_size=7, padding=3)
        self.blocks = nn.Sequential(SqueezeBlock(16), SqueezeBlock(16))
        self.head = nn.Linear(16 * 25, 4)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(x.flatten(1))


class WrongHead(SignalNet):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(16 * 24, 4)


# convlint: input-shape=(2, 1, 100)
class Signal(SignalNet):
    pass


# convlint: input-shape=(2, 1, 100)
class Wrong(WrongHead):
    pass
