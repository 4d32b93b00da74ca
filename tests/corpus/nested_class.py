"""A module class defined inside another class and built as `self.Inner(...)` (3-D U-Net code)."""

import torch.nn as nn


class Up(nn.Module):
    class Joiner(nn.Module):
        def __init__(self, upsample):
            super().__init__()
            self.upsample = upsample

        def forward(self, x):
            return self.upsample(x)

    def __init__(self, cin, cout):
        super().__init__()
        self.join = self.Joiner(nn.ConvTranspose2d(cin, cout, 2, stride=2))

    def forward(self, x):
        return self.join(x)


class Decoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = Up(16, 8)
        self.conv = nn.Conv2d(8, 4, 3, padding=1)

    def forward(self, x):
        return self.conv(self.up(x))
