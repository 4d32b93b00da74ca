"""The input reshaped or padded before its first layer tells its rank: 1-D audio and signal
nets (`x.view(x.shape[0], 1, -1)` in sampleCNN, "same" padding computed from `x.shape[-1]` in
resnet1d, `x.unsqueeze(1)` for spectrograms, `x.transpose(1, 2)` for (N, T, F) features), MNIST
nets (`x.view(-1, 1, 28, 28)`).

convlint (no options), before: every shape unknown, "everything followed", the wrong Linear of
each missed. torch: each model stops at its Linear ("mat1 and mat2 shapes cannot be
multiplied"), at any input size.
"""
import torch.nn as nn
import torch.nn.functional as F


class ViewToOneChannel(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv1d(1, 8, 3, padding=1), nn.MaxPool1d(3, 3))
        self.fc = nn.Linear(16, 4)  # BUG: the convs give 8 channels

    def forward(self, x):
        x = x.view(x.shape[0], 1, -1)
        return self.fc(self.conv(x).mean(-1))


class SamePadding(nn.Module):
    def __init__(self):
        super().__init__()
        self.k, self.stride = 5, 2
        self.conv = nn.Conv1d(1, 16, self.k, self.stride)
        self.fc = nn.Linear(32, 4)  # BUG: the conv gives 16 channels

    def forward(self, x):
        in_dim = x.shape[-1]
        out_dim = (in_dim + self.stride - 1) // self.stride
        p = max(0, (out_dim - 1) * self.stride + self.k - in_dim)
        x = F.pad(x, (p // 2, p - p // 2), "constant", 0)
        return self.fc(self.conv(x).mean(-1))


class Spectrogram(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 8, 3, padding=1)
        self.fc = nn.Linear(16, 4)  # BUG: the conv gives 8 channels

    def forward(self, x):
        x = x.unsqueeze(1)
        return self.fc(self.conv(x).mean((2, 3)))


class Features(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(40, 64, 3)
        self.fc = nn.Linear(32, 4)  # BUG: the conv gives 64 channels

    def forward(self, x):
        x = x.transpose(1, 2)
        return self.fc(self.conv(x).amax(-1))


class Mnist(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 10, 5)
        self.fc = nn.Linear(10 * 12 * 12, 10)  # BUG: 28 - 5 + 1 = 24: 10 x 24 x 24 features

    def forward(self, x):
        x = x.view(-1, 1, 28, 28)
        return self.fc(self.conv(x).flatten(1))
