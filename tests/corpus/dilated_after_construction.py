"""A backbone turned into a dilated one after it is built (the PSPNet / DeepLab pattern): the
strides, paddings and dilations its layers are given later are what forward runs with."""

import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 1)
        self.conv2 = nn.Conv2d(cout, cout, 3, stride=stride, padding=1)
        self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride=stride), nn.BatchNorm2d(cout))

    def forward(self, x):
        return self.conv2(self.conv1(x)) + self.downsample(x)


class DilatedNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.pool = nn.MaxPool2d(3, 2, 1)
        self.layer3 = nn.Sequential(Block(8, 16, stride=2), Block(16, 16))
        self.layer4 = nn.Sequential(Block(16, 32, stride=2), Block(32, 32))
        for n, m in self.layer3.named_modules():
            if 'conv2' in n:
                m.dilation, m.padding, m.stride = (2, 2), (2, 2), (1, 1)
            elif 'downsample.0' in n:
                m.stride = (1, 1)
        for n, m in self.layer4.named_modules():
            if 'conv2' in n:
                m.dilation, m.padding, m.stride = 4, 4, 1
            elif 'downsample.0' in n:
                m.stride = 1
        self.layer4[0].downsample[0].stride = (1, 1)
        self.pool.stride = 1

    def forward(self, x):
        return self.layer4(self.layer3(self.pool(self.stem(x))))


class PerhapsDilated(nn.Module):
    """Which layer changes is not known statically: its stride must not stay the built one."""

    def __init__(self, names):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.body = nn.Conv2d(8, 8, 3, stride=2, padding=1)
        for name in names:
            getattr(self, name).stride = 1

    def forward(self, x):
        return self.body(self.stem(x))
