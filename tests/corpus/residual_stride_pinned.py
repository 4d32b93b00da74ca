"""A residual block whose shortcut lost its stride: the main path halves the map, the shortcut
keeps it, and the two are added. Seen as an injected bug in LukeDitria/CNN-VAE (ResDown's
`conv3` given stride 1) and hongyi-zhang/Fixup (the shortcut's `AvgPool2d(1, stride=1)`).

convlint, with no input size: (H+1)/2 and H broadcast where H is 1 or 2, so the add was never
judged and the result unknown: the bug missed. Those sizes are the only ones where the add
runs; rerun there, the model either stops elsewhere (Encoder: a 4x4 head conv on a 1x1 map),
so no input size runs, or it runs (PooledHead at 2x2, as in torch) and stops at the add at every
size of real use (64x64): either way the shortcut that lacks the stride is reported.

torch: Encoder()(torch.zeros(1, 3, 64, 64)) stops with "The size of tensor a (32) must match
the size of tensor b (64) at non-singleton dimension 3", and at 1x1 or 2x2 with "Kernel size
can't be greater than actual input size"; PooledHead() stops the same way at 32x32 and runs at
2x2."""

import torch.nn as nn


class Down(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, 2, 1)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1)
        self.skip = nn.Conv2d(cin, cout, 3, 1, 1)  # stride 2 where the main path has it
        self.act = nn.ELU()

    def forward(self, x):
        skip = self.skip(x)
        x = self.act(self.bn1(self.conv1(x)))
        return self.act(self.conv2(x) + skip)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 7, 1, 3)
        self.down1 = Down(16, 32)
        self.down2 = Down(32, 64)
        self.mu = nn.Conv2d(64, 8, 4, 1)

    def forward(self, x):
        return self.mu(self.down2(self.down1(self.stem(x))))


class PooledHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, 1, 1)
        self.down = Down(16, 32)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        return self.fc(self.pool(self.down(self.stem(x))).flatten(1))
