"""A block built once whose conv forgets the concatenation inside the same block: `Up(64, 16)` with
`ConvTranspose2d(cin, cout)`, `torch.cat([up, skip])`, then `Conv2d(cout, cout)` where the cat
gives 2 * cout (arnab39/cycleGAN-PyTorch's outermost U-Net block, pix2pix-style up blocks).

convlint, before: the conv reads `cout`, which the one call passes, so the error moved to that
call (`Up(64, 16)`); but `cout` also sets the up-conv's width, so no number there fixes it: the
block's own conv line is what to change.
torch: Wrong()(torch.zeros(1, 3, 32, 32)) raises "expected input[1, 32, 32, 32] to have 16
channels, but got 32 channels instead"; Right() runs.
"""
import torch
import torch.nn as nn


class Up(nn.Module):
    def __init__(self, cin, cout, factor=2):
        super().__init__()
        self.up = nn.ConvTranspose2d(cin, cout, 2, 2)
        self.conv = nn.Conv2d(cout * factor, cout, 3, padding=1)

    def forward(self, x, skip):
        return self.conv(torch.cat([self.up(x), skip], 1))


class WrongUp(Up):
    def __init__(self, cin, cout):
        super().__init__(cin, cout)
        self.conv = nn.Conv2d(cout, cout, 3, padding=1)


class Right(nn.Module):
    def __init__(self, up=Up):
        super().__init__()
        self.enc = nn.Conv2d(3, 16, 3, padding=1)
        self.down = nn.Conv2d(16, 64, 3, 2, 1)
        self.up = up(64, 16)

    def forward(self, x):
        s = self.enc(x)
        return self.up(self.down(s), s)


class Wrong(Right):
    def __init__(self):
        super().__init__(WrongUp)


if __name__ == "__main__":
    Right()(torch.zeros(1, 3, 32, 32))
    Wrong()(torch.zeros(1, 3, 32, 32))
