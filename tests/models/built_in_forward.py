"""Modules built inside forward(): not submodules, so neither torch's hooks nor torchinfo see them."""

import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return nn.ReLU(inplace=True)(self.conv(x) + x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.block = Block(8)
        self.head = nn.Linear(8, 10)

    def forward(self, x):
        x = self.block(self.stem(x))
        x = nn.Conv2d(8, 8, 1)(x)
        return self.head(x.mean((2, 3)))


if __name__ == "__main__":
    print(Net()(torch.randn(2, 3, 8, 8)).shape)
