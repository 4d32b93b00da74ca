"""A small U-Net: two poolings, ConvTranspose2d up-sampling and torch.cat skip connections."""
import torch
import torch.nn as nn


# convlint: input-shape=(1, 1, 64, 64)
class UNetSmall(nn.Module):
    def __init__(self, in_ch=1, num_classes=2, base=16):
        super().__init__()
        self.enc1 = nn.Sequential(
            nn.Conv2d(in_ch, base, 3, padding=1, bias=False),
            nn.BatchNorm2d(base),
            nn.ReLU(inplace=True),
            nn.Conv2d(base, base, 3, padding=1, bias=False),
            nn.BatchNorm2d(base),
            nn.ReLU(inplace=True),
        )
        self.pool1 = nn.MaxPool2d(2)
        self.enc2 = nn.Sequential(
            nn.Conv2d(base, base * 2, 3, padding=1, bias=False),
            nn.BatchNorm2d(base * 2),
            nn.ReLU(inplace=True),
        )
        self.pool2 = nn.MaxPool2d(2)
        self.bottleneck = nn.Sequential(
            nn.Conv2d(base * 2, base * 4, 3, padding=1, bias=False),
            nn.BatchNorm2d(base * 4),
            nn.ReLU(inplace=True),
        )
        self.up2 = nn.ConvTranspose2d(base * 4, base * 2, kernel_size=2, stride=2)
        self.dec2 = nn.Sequential(
            nn.Conv2d(base * 4, base * 2, 3, padding=1, bias=False),
            nn.BatchNorm2d(base * 2),
            nn.ReLU(inplace=True),
        )
        self.up1 = nn.ConvTranspose2d(base * 2, base, kernel_size=2, stride=2)
        self.dec1 = nn.Sequential(
            nn.Conv2d(base * 2, base, 3, padding=1, bias=False),
            nn.BatchNorm2d(base),
            nn.ReLU(inplace=True),
        )
        self.head = nn.Conv2d(base, num_classes, kernel_size=1)

    def forward(self, x):
        e1 = self.enc1(x)  # (N, 16, 64, 64)
        e2 = self.enc2(self.pool1(e1))  # (N, 32, 32, 32)
        b = self.bottleneck(self.pool2(e2))  # (N, 64, 16, 16)
        d2 = self.dec2(torch.cat([self.up2(b), e2], dim=1))  # (N, 32, 32, 32)
        d1 = self.dec1(torch.cat([self.up1(d2), e1], dim=1))  # (N, 16, 64, 64)
        return self.head(d1)
