"""A module compared to None with `==`/`!=` (not `is`).

bubbliiiing/unet-pytorch nets/unet.py: `self.up_conv = nn.Sequential(...)` for the resnet50
backbone, `self.up_conv = None` for vgg, and `if self.up_conv != None: up1 = self.up_conv(up1)` in
forward. convlint left `module != None` unknown, followed both paths, and lost the final conv's
output. nn.Module keeps object's identity __eq__: a module never equals None, None equals None.
"""

import torch.nn as nn


class Decoder(nn.Module):
    def __init__(self, classes=2, upsample=True):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, 2, 1)
        if upsample:
            self.up_conv = nn.Sequential(nn.UpsamplingBilinear2d(scale_factor=2), nn.Conv2d(8, 8, 3, padding=1))
        else:
            self.up_conv = None
        self.final = nn.Conv2d(8, classes, 1)

    def forward(self, x):
        x = self.conv(x)
        if self.up_conv != None:  # noqa: E711 - as written there
            x = self.up_conv(x)
        if self.up_conv == None:  # noqa: E711
            x = x * 2
        return self.final(x)
