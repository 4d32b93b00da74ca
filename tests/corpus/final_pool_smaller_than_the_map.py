"""A final pool whose window no longer covers the map, before a Linear sized for the channels of a
pooled-to-1 map: `F.avg_pool2d(out, 2)` where `4` pools a CIFAR ResNet's 4 x 4 map (kuangliu's
ResNets and their copies: kentaroy47/vision-transformers-cifar10), or `nn.AvgPool2d(2)` at the end
of a VGG feature stack on 32 x 32 images.

convlint, before: CL101 at the Linear ("set in_features to 256"), which fits the design; the
window written on the pool's line is what was changed. The message also counted the batch of 1 as
a factor of a sample's features ("1 x 64 x 2 x 2").
torch: Wrong()(torch.randn(1, 3, 32, 32)) raises "mat1 and mat2 shapes cannot be multiplied (1x256
and 64x10)"; Right() runs.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Right(nn.Module):
    def __init__(self, window=4):
        super().__init__()
        self.window = window
        self.conv = nn.Conv2d(3, 64, 3, stride=8, padding=1)
        self.linear = nn.Linear(64, 10)

    def forward(self, x):
        out = self.conv(x)
        out = F.avg_pool2d(out, self.window)
        out = out.view(out.size(0), -1)
        return self.linear(out)


class Wrong(Right):
    def forward(self, x):
        out = self.conv(x)
        out = F.avg_pool2d(out, 2)
        out = out.view(out.size(0), -1)
        return self.linear(out)


class WrongModule(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 32, 3, stride=4, padding=1), nn.ReLU(), nn.AvgPool2d(2))
        self.classifier = nn.Linear(32, 10)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class NoOpPool(nn.Module):
    """kuangliu's VGG ends its features with `nn.AvgPool2d(kernel_size=1, stride=1)`, a pool that
    pools nothing: a map left 2 x 2 (a table missing its last 'M') is not that pool's doing."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 32, 3, stride=16, padding=1), nn.ReLU(),
                                      nn.AvgPool2d(kernel_size=1, stride=1))
        self.classifier = nn.Linear(32, 10)

    def forward(self, x):
        return self.classifier(self.features(x).view(x.size(0), -1))


def test():
    print(Right()(torch.randn(1, 3, 32, 32)).size())
    print(Wrong()(torch.randn(1, 3, 32, 32)).size())
    print(WrongModule()(torch.randn(1, 3, 32, 32)).size())
    print(NoOpPool()(torch.randn(1, 3, 32, 32)).size())
