"""Tensor forms of selective-kernel and 1-D signal nets that left every later shape unknown:
`conv(x).unsqueeze_(dim=1)` and `gap(u).squeeze_()` (in-place shape methods; BIGBALLON/CIFAR-ZOO
sknet: 11 of 143 modules), a sinc filter bank built from a tensor not modelled and then
`.view(out, 1, kernel)` with every size given (Jungjee/RawNet RawNet2 SincConv_fast: 1 of 74),
`nn.Parameter(torch.Tensor(1, C, 1))` and `torch.var(y, dim=1, keepdim=True, unbiased=False)` in
a channel-wise layer norm (kaituoxu/Conv-TasNet cLN: 2 of 101); `x.std(dim, unbiased, keepdim)`
takes keepdim third.

convlint, before: each gave a tensor of unknown shape. torch: SelectKernel()(zeros(2, 8, 8, 8))
-> 2 x 10; SincBank()(zeros(2, 1, 64)) -> 2 x 4; ChannelNorm()(zeros(2, 3, 20)) -> 2 x 8 x 18.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class SelectKernel(nn.Module):
    def __init__(self, features=8, branches=2):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(features, features, 1 + 2 * i, padding=i) for i in range(branches)])
        self.gap = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(features, 4)
        self.fcs = nn.ModuleList([nn.Linear(4, features) for _ in range(branches)])
        self.head = nn.Linear(features, 10)

    def forward(self, x):
        for i, conv in enumerate(self.convs):
            fea = conv(x).unsqueeze_(dim=1)
            feas = fea if i == 0 else torch.cat([feas, fea], dim=1)
        u = torch.sum(feas, dim=1)
        s = self.gap(u).squeeze_()
        z = self.fc(s)
        att = torch.cat([fc(z).unsqueeze_(dim=1) for fc in self.fcs], dim=1).softmax(dim=1)
        v = (feas * att.unsqueeze(-1).unsqueeze(-1)).sum(dim=1)
        return self.head(v.mean(dim=(2, 3)))


class SincBank(nn.Module):
    def __init__(self, out_channels=6, kernel_size=9):
        super().__init__()
        self.out_channels, self.kernel_size = out_channels, kernel_size
        self.low = nn.Parameter(torch.linspace(30, 300, out_channels).view(-1, 1))
        half = (kernel_size - 1) // 2
        self.n = 2 * math.pi * torch.arange(-half, 0).view(1, -1) / 16000
        self.norm = nn.BatchNorm1d(out_channels)
        self.head = nn.Linear(out_channels, 4)

    def forward(self, x):
        left = torch.sin(torch.abs(self.low) * self.n)
        right = torch.flip(left, dims=[1])
        band = torch.cat([left, torch.ones(self.out_channels, 1), right], dim=1)
        filters = band.view(self.out_channels, 1, self.kernel_size)
        y = F.conv1d(x, filters, stride=1, padding=0)
        return self.head(self.norm(y).mean(-1))


class ChannelNorm(nn.Module):
    def __init__(self, channels=8):
        super().__init__()
        self.conv = nn.Conv1d(3, channels, 3)
        self.gamma = nn.Parameter(torch.Tensor(1, channels, 1))
        self.beta = nn.Parameter(torch.Tensor(1, channels, 1))
        self.gamma.data.fill_(1)
        self.beta.data.zero_()
        self.out = nn.Conv1d(channels, channels, 1)

    def forward(self, x):
        y = self.conv(x)
        mean = torch.mean(y, dim=1, keepdim=True)
        var = torch.var(y, dim=1, keepdim=True, unbiased=False)
        spread = y.std(1, True).unsqueeze(1)  # (dim, unbiased): keepdim is the third
        return self.out(self.gamma * (y - mean) / torch.pow(var + 1e-8, 0.5) + self.beta + 0 * spread)
