"""A block built twice with different channel counts, the counts written on an earlier line (a
list of widths indexed at the calls, or a local name), one of them wrong (bubbliiiing/unet-pytorch
nets/unet.py: `in_filters = [192, 384, 768, 1024]` on line 29, `unetUp(in_filters[2],
out_filters[2])` on line 41; the same shape of code in many U-Nets: `filters = [64, 128, ...]`).
convlint reports the mismatch at the call that passes the value, not at the line where the wrong
number is written: changing 768 to 640 on line 29 of the real file is reported at line 41.

convlint (no options): CL103 at line 36 for ListWidths (the number is written on line 35) and at
line 53 for NamedWidths (written on line 52): "up2.conv = Conv2d(180, 64, ...) expects 180 input
channels, but torch.cat gives 192".
torch: ListWidths()(torch.randn(1, 3, 32, 32)) -> RuntimeError: Given groups=1, weight of size
[64, 180, 3, 3], expected input[1, 192, 16, 16] to have 180 channels, but got 192 channels
instead; NamedWidths() the same.
"""
import torch
import torch.nn as nn


class Up(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.up = nn.Upsample(scale_factor=2)
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, skip, deep):
        return self.conv(torch.cat([skip, self.up(deep)], 1))


class ListWidths(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        self.down1 = nn.Conv2d(32, 64, 3, stride=2, padding=1)
        self.down2 = nn.Conv2d(64, 128, 3, stride=2, padding=1)
        widths = [96, 180]  # BUG: 64 + 128 = 192
        self.up2 = Up(widths[1], 64)
        self.up1 = Up(widths[0], 32)

    def forward(self, x):
        s = self.stem(x)
        d1 = self.down1(s)
        return self.up1(s, self.up2(d1, self.down2(d1)))


class NamedWidths(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 32, 3, padding=1)
        self.down1 = nn.Conv2d(32, 64, 3, stride=2, padding=1)
        self.down2 = nn.Conv2d(64, 128, 3, stride=2, padding=1)
        w1 = 96
        w2 = 180  # BUG: 64 + 128 = 192
        self.up2 = Up(w2, 64)
        self.up1 = Up(w1, 32)

    def forward(self, x):
        s = self.stem(x)
        d1 = self.down1(s)
        return self.up1(s, self.up2(d1, self.down2(d1)))
