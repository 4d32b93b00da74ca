"""A CIFAR ResNet built from a nested configuration object (yacs CfgNode, SimpleNamespace), as in
config-driven model zoos: `model_config = config.model.net`, then `block_type =
model_config.block_type` picks the block class. Nothing builds it: the block type the code names
is tried, the other fields of the configuration still symbols."""

import torch
import torch.nn as nn
import torch.nn.functional as F


class Basic(nn.Module):
    expansion = 1

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cin)  # [CL104] bug: conv2 gives cout
        self.shortcut = nn.Sequential()
        if cin != cout:
            self.shortcut.add_module('conv', nn.Conv2d(cin, cout, 1, stride=stride, bias=False))
            self.shortcut.add_module('bn', nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + self.shortcut(x))


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, cout, stride):
        super().__init__()
        mid = cout // self.expansion
        self.conv1 = nn.Conv2d(cin, mid, 1, bias=False)
        self.conv2 = nn.Conv2d(mid, cout, 3, stride=stride, padding=1, bias=False)
        self.shortcut = nn.Sequential()
        if cin != cout:
            self.shortcut.add_module('conv', nn.Conv2d(cin, cout, 1, stride=stride, bias=False))

    def forward(self, x):
        return F.relu(self.conv2(F.relu(self.conv1(x))) + self.shortcut(x))


class Net(nn.Module):
    def __init__(self, config):
        super().__init__()
        model_config = config.model.net
        depth = model_config.depth
        base = model_config.base
        block_type = model_config.block_type
        if block_type == 'basic':
            block = Basic
            n_blocks = (depth - 2) // 6
        else:
            block = Bottleneck
            n_blocks = (depth - 2) // 9
        widths = [base, base * 2 * block.expansion, base * 4 * block.expansion]
        self.conv = nn.Conv2d(3, widths[0], 3, padding=1, bias=False)
        self.stage1 = self._make_stage(widths[0], widths[0], n_blocks, block, 1)
        self.stage2 = self._make_stage(widths[0], widths[1], n_blocks, block, 2)
        self.stage3 = self._make_stage(widths[1], widths[2], n_blocks, block, 2)
        self.fc = nn.Linear(widths[2], config.n_classes)

    def _make_stage(self, cin, cout, n_blocks, block, stride):
        stage = nn.Sequential()
        for index in range(n_blocks):
            if index == 0:
                stage.add_module(f'block{index}', block(cin, cout, stride=stride))
            else:
                stage.add_module(f'block{index}', block(cout, cout, stride=1))
        return stage

    def forward(self, x):
        x = self.stage3(self.stage2(self.stage1(self.conv(x))))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))

