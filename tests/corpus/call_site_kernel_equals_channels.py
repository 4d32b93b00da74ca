"""A block called with the wrong in_channels where another argument of the call, a kernel size,
happens to equal the channels that arrive: `Plain(1, 8, 3, 1)` on RGB images (XiaLiPKU/RESCAN's
`RecUnit(1, channel, 3, 1)`; any `(cin, cout, kernel, ...)` block with 3x3 kernels fed RGB).

convlint, before: the 3 channels that arrive equal the call's kernel 3, so "the block reads the
wrong parameter" could not be ruled out and CL103 stayed inside the block, not at the call.
torch: Wrong()(torch.zeros(2, 3, 16, 16)) raises "expected input[2, 3, 16, 16] to have 1
channels, but got 3 channels instead".
"""
import torch
import torch.nn as nn


class Plain(nn.Module):
    def __init__(self, cin, cout, kernel, dilation):
        super().__init__()
        pad = int(dilation * (kernel - 1) / 2)
        self.conv = nn.Conv2d(cin, cout, kernel, padding=pad, dilation=dilation)

    def forward(self, x):
        return self.conv(x)


class Wrong(nn.Module):
    def __init__(self):
        super().__init__()
        self.units = nn.ModuleList([Plain(1, 8, 3, 1)] + [Plain(8, 8, 3, 2 ** i) for i in range(2)])

    def forward(self, x):
        for unit in self.units:
            x = unit(x)
        return x


if __name__ == "__main__":
    print(Wrong()(torch.randn(2, 3, 16, 16)).shape)
