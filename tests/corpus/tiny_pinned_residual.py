"""A residual add whose sides broadcast only on a 1-pixel input: the local fusion conv of a
dense block given padding=1 (as in RDN's LFF, an injected bug seen in SRFBN's rdn_arch.py) makes
H + 2 of H. torch runs the model on a 1x1 input and stops at the add on every larger one, so
the model is of no use: CL107, at the fusion conv (the only layer of the two paths that does not
keep its size exactly). The dense layers are counted by a required argument (each count tried),
and the block is given the input before its rank is known.

A fixed positional embedding added after a stride-4 conv broadcasts only at the input size it
was made for (29 to 32 pixels): a design, not a bug, so nothing is said."""

import torch
import torch.nn as nn


class DenseLayer(nn.Module):
    def __init__(self, cin, growth):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(cin, growth, 3, padding=1), nn.ReLU())

    def forward(self, x):
        return torch.cat((x, self.conv(x)), 1)


class DenseFusion(nn.Module):
    def __init__(self, width, growth, n_layers):
        super().__init__()
        self.layers = nn.Sequential(*[DenseLayer(width + i * growth, growth) for i in range(n_layers)])
        self.fuse = nn.Conv2d(width + n_layers * growth, width, 1, padding=1)

    def forward(self, x):
        return self.fuse(self.layers(x)) + x


class GoodFusion(DenseFusion):
    def __init__(self, width, growth, n_layers):
        super().__init__(width, growth, n_layers)
        self.fuse = nn.Conv2d(width + n_layers * growth, width, 1)


class PositionalAdd(nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = nn.Conv2d(3, 16, 4, stride=4)
        self.pos = nn.Parameter(torch.zeros(1, 16, 8, 8))
        self.head = nn.Linear(16, 10)

    def forward(self, x):
        x = self.patch(x) + self.pos
        return self.head(x.mean((2, 3)))


class PaddedShortcut(nn.Module):
    """A shortcut that pools and pads its channels with zeros (option A of CIFAR ResNets): its
    pool lost the stride the main path has (an injected bug seen in Fixup's resnet_cifar.py)."""

    def __init__(self, cin=16, cout=32):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=2, padding=1, bias=False)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.pool = nn.AvgPool2d(1, stride=1)

    def forward(self, x):
        out = self.conv2(torch.relu(self.conv1(x)))
        identity = self.pool(x)
        identity = torch.cat((identity, torch.zeros_like(identity)), 1)
        out += identity
        return torch.relu(out)


class PaddedShortcutNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, padding=1)
        self.block = PaddedShortcut()
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10))

    def forward(self, x):
        return self.head(self.block(self.stem(x)))
