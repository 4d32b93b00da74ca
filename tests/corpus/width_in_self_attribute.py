"""A width kept in an attribute set the line before the block that takes it (nibtehaz/MultiResUNet
and other Keras ports: `self.concat_filters1 = 32 * 8 * 2` then `Multiresblock(self.concat_filters1,
32 * 8)`), the number miscounted (the concat's second half forgotten).

convlint, before: reported at the call `Block(self.cat_filters, 8)`, which only passes the
attribute on; the number to change is on the line that sets it.
torch: Wrong()(torch.zeros(1, 3, 32, 32)) raises "expected input[1, 32, 32, 32] to have 16
channels, but got 32 channels instead"; Right() runs.
"""
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class Right(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Block(3, 16)
        self.b = Block(3, 16)
        self.cat_filters = 16 * 2
        self.c = Block(self.cat_filters, 8)

    def forward(self, x):
        return self.c(torch.cat([self.a(x), self.b(x)], 1))


class Wrong(Right):
    def __init__(self):
        super().__init__()
        self.cat_filters = 16
        self.c = Block(self.cat_filters, 8)


if __name__ == "__main__":
    Right()(torch.zeros(1, 3, 32, 32))
    Wrong()(torch.zeros(1, 3, 32, 32))
