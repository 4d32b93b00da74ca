"""Crops before a concatenation: a map sliced to another's size (`x[:, :, :ref.size(2),
:ref.size(3)]`, FlowNet/DispNet's crop_like), to a constant, or trimmed at its borders. With a
symbolic input the cropped side is min(H', H), not known, but the channels stay known, so a
concatenation's width is checked. torch: every model runs on 1x3x30x30 but the Wrong* ones."""

import numpy as np
import torch
import torch.nn as nn


def crop_like(a, ref):
    return a[:, :, :ref.size(2), :ref.size(3)]


class CropLike(nn.Module):
    def __init__(self, fused=19):
        super().__init__()
        self.down = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.up = nn.ConvTranspose2d(16, 16, 3, stride=2, padding=1, output_padding=1)
        self.fuse = nn.Conv2d(fused, 8, 3, padding=1)

    def forward(self, x):
        y = crop_like(self.up(self.down(x)), x)
        return self.fuse(torch.cat((y, x), 1))


class WrongCropLike(CropLike):
    def __init__(self):
        super().__init__(fused=16)  # [CL103] the skip's 3 channels forgotten


class ConstantCrop(nn.Module):
    def __init__(self):
        super().__init__()
        self.up = nn.ConvTranspose2d(3, 4, 2, stride=2)
        self.fuse = nn.Conv2d(4, 4, 3)

    def forward(self, x):
        return self.fuse(self.up(x)[:, :, :30, :30])


class Trimmed(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 5, 3)
        self.head = nn.Conv2d(8, 2, 1)

    def forward(self, x):
        return self.head(torch.cat([self.conv(x), x[:, :, 1:-1, 1:-1]], 1))


class Patch(nn.Module):
    """A StarGAN-style head whose kernel spans the final map: int(size / np.power(2, n))."""

    def __init__(self, image_size=32, repeat_num=3):
        super().__init__()
        self.main = nn.Sequential(*[nn.Conv2d(3 if i == 0 else 8, 8, 4, 2, 1) for i in range(repeat_num)])
        self.cls = nn.Conv2d(8, 5, kernel_size=int(image_size / np.power(2, repeat_num)))

    def forward(self, x):
        return self.cls(self.main(x)).flatten(1)
