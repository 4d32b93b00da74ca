"""Symbolic mode (no input size anywhere): the model's own input x, whose channel count
convlint infers from the first conv (input Nx64xHxW), combined with another tensor:
torch.cat((x, x1), 1) or x + conv(x), as every dense/residual block does (xinntao ESRGAN
ResidualDenseBlock_5C(nf=64, gc=32), SRGAN ResidualBlock, EDSR ResBlock). The result is
unknown, everything downstream is unknown, `-v` says "everything followed", and a wrong
in_channels after the cat is missed. The same model with a stem conv first is checked.

convlint (no options): CatInput: conv2 output null, no finding, unresolved [];
AddInput: conv2 output null; CatIntermediate: CL103 at line 34 "expects 128 input channels,
but torch.cat gives 96".
torch: CatInput()(torch.randn(1, 64, 8, 8)) -> RuntimeError: Given groups=1, weight of size
[32, 128, 3, 3], expected input[1, 96, 8, 8] to have 128 channels, but got 96 channels instead.
"""
import torch
import torch.nn as nn


class CatInput(nn.Module):
    def __init__(self, nf=64, gc=32):
        super().__init__()
        self.conv1 = nn.Conv2d(nf, gc, 3, 1, 1)
        self.conv2 = nn.Conv2d(nf + 2 * gc, gc, 3, 1, 1)  # BUG: cat gives nf + gc = 96

    def forward(self, x):
        x1 = self.conv1(x)
        return self.conv2(torch.cat((x, x1), 1))


class CatIntermediate(nn.Module):
    def __init__(self, nf=64, gc=32):
        super().__init__()
        self.conv0 = nn.Conv2d(3, nf, 3, 1, 1)
        self.conv1 = nn.Conv2d(nf, gc, 3, 1, 1)
        self.conv2 = nn.Conv2d(nf + 2 * gc, gc, 3, 1, 1)  # BUG: cat gives nf + gc = 96

    def forward(self, x):
        x = self.conv0(x)
        x1 = self.conv1(x)
        return self.conv2(torch.cat((x, x1), 1))


class AddInput(nn.Module):
    def __init__(self, nf=64):
        super().__init__()
        self.conv1 = nn.Conv2d(nf, nf, 3, 1, 1)
        self.conv2 = nn.Conv2d(nf, 10, 1)

    def forward(self, x):
        return self.conv2(self.conv1(x) + x)
