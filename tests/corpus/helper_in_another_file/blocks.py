"""Block helpers of a project, in their own file (see net.py)."""
import torch.nn as nn
import torch.nn.functional as F


def conv_block(in_nc, out_nc, kernel_size=3, act=True):
    conv = nn.Conv2d(in_nc, out_nc, kernel_size, padding=kernel_size // 2)
    return nn.Sequential(conv, nn.LeakyReLU(0.05)) if act else conv


def conv_bn(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cin))  # wrong here: cout


class SameConv1d(nn.Conv1d):
    def forward(self, x):
        kernel, length = self.weight.size(2), x.size(2)
        padding = (length - 1) - length + kernel
        if padding % 2 != 0:
            x = F.pad(x, [0, 1])
        return F.conv1d(x, self.weight, self.bias, 1, padding // 2)


class ConvBlock(nn.Module):
    def __init__(self, cin, cout, kernel_size):
        super().__init__()
        self.layers = nn.Sequential(SameConv1d(cin, cout, kernel_size), nn.BatchNorm1d(cout), nn.ReLU())

    def forward(self, x):
        return self.layers(x)
