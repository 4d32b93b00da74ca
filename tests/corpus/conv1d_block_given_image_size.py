"""A library file of building blocks (its classes need constructor arguments that no code of
the file gives: other files build them) linted with `--input-shape 1,3,224,224` for all models:
the 1-D block was given the 4-D image size and reported as refusing it (false CL108 "takes a 2D
(unbatched) or 3D (batched) input, but the input gives a 4D tensor"). Pattern of osmr pytorchcv
models/common/conv.py (ConvBlock1d, used by nvpattexp.py). torch: ConvBlock1d(3, 8) runs on
1x3x224 and Stem() on 1x3x224x224; Wave() (no arguments needed) refuses 1x3x224x224."""
import torch.nn as nn


class ConvBlock1d(nn.Module):
    def __init__(self, in_channels, out_channels, kernel_size=3):
        super().__init__()
        self.conv = nn.Conv1d(in_channels, out_channels, kernel_size, padding=1, bias=False)
        self.bn = nn.BatchNorm1d(out_channels)

    def forward(self, x):
        return self.bn(self.conv(x))


class Stem(nn.Module):
    def __init__(self, in_channels=3, out_channels=8):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, 3, stride=2, padding=1)

    def forward(self, x):
        return self.conv(x)


class Wave(nn.Module):
    def __init__(self, in_channels=3):
        super().__init__()
        self.conv = nn.Conv1d(in_channels, 8, 3)

    def forward(self, x):
        return self.conv(x)
