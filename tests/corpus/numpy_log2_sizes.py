"""Widths and depths counted with numpy's log2 and sqrt of a size.

heykeetae/Self-Attention-GAN sagan_models.py: `repeat_num = int(np.log2(self.imsize)) - 3` sets
the generator's first width (`conv_dim * 2 ** repeat_num`); convlint left np.log2 unknown, so 16
of 27 modules of Generator had no channels and its `Self_Attn(256)` over 128 channels was not
found. np.log2 and np.sqrt of a Python number are float64 scalars, the values math.log2 and
math.sqrt give: followed now.
"""

import numpy as np
import torch.nn as nn


class Generator(nn.Module):
    def __init__(self, image_size=32, z_dim=16, conv_dim=8):
        super().__init__()
        repeat_num = int(np.log2(image_size)) - 3
        width = conv_dim * 2 ** repeat_num
        side = int(np.sqrt(256))
        self.l1 = nn.Sequential(nn.ConvTranspose2d(z_dim, width, 4), nn.BatchNorm2d(width), nn.ReLU())
        self.l2 = nn.Sequential(nn.ConvTranspose2d(width, width // 2, 4, 2, 1), nn.BatchNorm2d(width // 2), nn.ReLU())
        self.last = nn.ConvTranspose2d(width // 2, 3, 4, 2, 1)
        self.head = nn.Linear(3 * side * side, 1)

    def forward(self, z):
        z = z.view(z.size(0), z.size(1), 1, 1)
        out = self.last(self.l2(self.l1(z)))
        return self.head(out.flatten(1))


class WrongGenerator(nn.Module):
    def __init__(self, image_size=32, z_dim=16, conv_dim=8):
        super().__init__()
        repeat_num = int(np.log2(image_size)) - 3
        width = conv_dim * 2 ** repeat_num
        self.l1 = nn.Sequential(nn.ConvTranspose2d(z_dim, width, 4), nn.ReLU())
        self.l2 = nn.Conv2d(16, 8, 1)

    def forward(self, z):
        return self.l2(self.l1(z.view(z.size(0), z.size(1), 1, 1)))
