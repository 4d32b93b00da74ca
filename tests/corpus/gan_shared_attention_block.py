"""A GAN whose generator and discriminator share a block class, the latent viewed as a 1x1 map.

heykeetae/Self-Attention-GAN sagan_models.py: `z = z.view(z.size(0), z.size(1), 1, 1)` first in
Generator.forward, then `Self_Attn(128)` / `Self_Attn(64)` in the generator and `Self_Attn(256)` /
`Self_Attn(512)` in the discriminator. With no input size convlint left the view of the input
unknown (its rank was not known yet), so no channel reached the blocks; and a wrong `Self_Attn(256)`
in the generator (128 channels arrive) was reported inside Self_Attn, where every other instance
gets the channels it asks for. The view has the rank asked for (the sizes read off the input
stay unknown), and the report is at the call that passes the wrong count, as within one model.
"""

import torch
import torch.nn as nn


class SelfAttn(nn.Module):
    def __init__(self, in_dim):
        super().__init__()
        self.query_conv = nn.Conv2d(in_channels=in_dim, out_channels=in_dim // 8, kernel_size=1)
        self.value_conv = nn.Conv2d(in_channels=in_dim, out_channels=in_dim, kernel_size=1)
        self.gamma = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        b, c, w, h = x.size()
        q = self.query_conv(x).view(b, -1, w * h)
        v = self.value_conv(x).view(b, -1, w * h)
        out = torch.bmm(v, torch.softmax(torch.bmm(q.permute(0, 2, 1), q), -1)).view(b, c, w, h)
        return self.gamma * out + x


class Generator(nn.Module):
    def __init__(self, z_dim=16):
        super().__init__()
        self.l1 = nn.Sequential(nn.ConvTranspose2d(z_dim, 64, 4), nn.ReLU())
        self.l2 = nn.Sequential(nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU())
        self.attn = SelfAttn(64)
        self.last = nn.ConvTranspose2d(32, 3, 4, 2, 1)

    def forward(self, z):
        z = z.view(z.size(0), z.size(1), 1, 1)
        out = self.l2(self.l1(z))
        out = self.attn(out)
        return self.last(out)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = nn.Sequential(nn.Conv2d(3, 32, 4, 2, 1), nn.LeakyReLU(0.1))
        self.attn = SelfAttn(32)
        self.last = nn.Conv2d(32, 1, 8)

    def forward(self, x):
        return self.last(self.attn(self.l1(x))).squeeze()
