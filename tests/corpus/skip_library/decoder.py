import torch
from torch import nn


class Conv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x):
        return torch.relu(self.conv(x))


class Decoder(nn.Module):
    """Its skip features arrive only from the caller's encoder."""

    def __init__(self, width=16):
        super().__init__()
        self.up = nn.ConvTranspose2d(width * 2, width, 2, stride=2)
        self.conv = Conv(width * 3, width)  # the skip brings width channels, not 2 * width

    def forward(self, x, skip):
        x = torch.cat([skip, self.up(x)], dim=1)
        return self.conv(x)
