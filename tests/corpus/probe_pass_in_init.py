"""A constructor that runs its own feature layers on a dummy tensor to size the classifier:
`x = self.features(torch.rand(1, 1, C, T)); n = len(x.flatten())` (jesus-333/EEGNet), or a
`_get_conv_output(shape)` method feeding `torch.zeros(1, *shape)` (audio and EEG tutorials).

convlint, before: the probe was followed (the Linear's width known) but forward's input stayed
N x 1 x H x W, so a head sized wrong from the probe was only an info note ("fits only inputs that
are not square").
torch: Wrong()(torch.zeros(2, 1, 22, 512)) raises "mat1 and mat2 shapes cannot be multiplied
(2x1024 and 2048x4)"; Right() and Probed() run on it.
"""
import torch
import torch.nn as nn


class Right(nn.Module):
    def __init__(self, C=22, T=512):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 8, (C, 1)), nn.AvgPool2d((1, 4)))
        x = self.features(torch.rand(1, 1, C, T))
        n = len(x.flatten())
        self.fc = nn.Linear(n, 4)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))


class Wrong(Right):
    def __init__(self, C=22, T=512):
        super().__init__(C, T)
        x = self.features(torch.rand(1, 1, C, T))
        self.fc = nn.Linear(len(x.flatten()) * 2, 4)


class Probed(nn.Module):
    def __init__(self, shape=(1, 40, 101)):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(1, 16, 3), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear(self._get_conv_output(shape), 10)

    def _get_conv_output(self, shape):
        with torch.no_grad():
            return self.conv(torch.zeros(1, *shape)).numel()

    def forward(self, x):
        return self.fc(self.conv(x).view(x.size(0), -1))
