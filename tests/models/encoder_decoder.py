"""Transposed convs, upsampling, padding, cat skips and unflatten."""
import torch
import torch.nn as nn
import torch.nn.functional as F


# convlint: input-shape=(2, 3, 32, 32)
class EncoderDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc1 = nn.Conv2d(3, 8, 3, padding=1)
        self.enc2 = nn.Conv2d(8, 16, 4, stride=2, padding=1)
        self.bottleneck = nn.Sequential(nn.Flatten(), nn.Linear(16 * 16 * 16, 64), nn.ReLU(),
                                        nn.Linear(64, 16 * 16 * 16), nn.Unflatten(1, (16, 16, 16)))
        self.up = nn.ConvTranspose2d(16, 8, kernel_size=2, stride=2)
        self.pad = nn.ZeroPad2d((1, 1, 2, 0))
        self.crop = nn.Conv2d(16, 8, (3, 3))
        self.up2 = nn.Upsample(scale_factor=2, mode="nearest")
        self.out = nn.Conv2d(8, 1, 1)
        self.norm = nn.GroupNorm(2, 8)
        self.ln = nn.LayerNorm([8, 64, 64])

    def forward(self, x):
        e1 = F.relu(self.enc1(x))
        e2 = F.relu(self.enc2(e1))
        b = self.bottleneck(e2)
        d = self.up(b)
        d = torch.cat([d, e1], dim=1)
        d = self.crop(self.pad(d))
        d = self.norm(d)
        d = F.interpolate(d, scale_factor=2)
        d = self.ln(d)
        d = F.pad(d, (0, 0, 0, 0))
        d = self.out(d)
        return d.squeeze(1).unsqueeze(1)
