"""The option-A shortcut of akamaster/pytorch_resnet_cifar10 (and huyvnphan resnet_orig):
`F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, planes // 4, planes // 4), "constant", 0)` in symbolic
mode (no input size in the file). With an input size it is followed exactly (akamaster 230/230
modules); without, its result is unknown, `-v` says "everything followed" (unresolved []), so
layer2/layer3/linear are unknown and a wrong Linear(60) after the global pool is missed.

convlint (no options): Shortcut: conv output null, unresolved []; no finding on fc.
  (Alone, `F.pad(x, (0, 0, 0, 0, 8, 8))` on the model input makes convlint take the input as
  5-D ['N', 'C', 'D', 'H', 'W'] for a Conv2d model.)
torch: Shortcut()(torch.randn(2, 3, 32, 32)) -> RuntimeError: mat1 and mat2 shapes cannot be
multiplied (2x32 and 60x10), for every input size (32 channels after the global pool).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Shortcut(nn.Module):
    def __init__(self, planes=32):
        super().__init__()
        self.planes = planes
        self.conv0 = nn.Conv2d(3, 16, 3, padding=1)
        self.conv = nn.Conv2d(planes, planes, 3, padding=1)
        self.fc = nn.Linear(60, 10)  # BUG: the pool gives 32 features

    def forward(self, x):
        x = self.conv0(x)
        p = self.planes // 4
        x = self.conv(F.pad(x[:, :, ::2, ::2], (0, 0, 0, 0, p, p), "constant", 0))
        x = F.adaptive_avg_pool2d(x, 1)
        return self.fc(torch.flatten(x, 1))


class PadChannels(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(32, 32, 1)

    def forward(self, x):
        return self.conv(F.pad(x, (0, 0, 0, 0, 8, 8), "constant", 0))
