"""Loops whose count is a required constructor argument nothing supplies (hsd1503/resnet1d
`for i_block in range(self.n_block)`, CycleGAN's UnetGenerator `for i in range(num_downs - 5)`):
with the count unknown the layers built after the loop, and the shapes after it, were unknown,
so a head wrong for every count was missed. convlint builds such a model again with counts 1 to
6 and reports what fails for each. torch: "mat1 and mat2 shapes cannot be multiplied"."""

import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Conv1d(cin, cout, 3, padding=1)
        self.bn = nn.BatchNorm1d(cout)

    def forward(self, x):
        return self.bn(self.conv(x))


class SameWidth(nn.Module):
    """resnet1d's BasicBlock: `if self.out_channels != self.in_channels:` of one symbolic width
    is False (it was a condition not known, and the block's output unknown)."""

    def __init__(self, channels):
        super().__init__()
        self.in_channels, self.out_channels = channels, channels
        self.conv = nn.Conv1d(channels, channels, 3, padding=1)

    def forward(self, x):
        out = self.conv(x)
        if self.out_channels != self.in_channels:
            out = out.flatten(1)
        return out + x


class CountedNet(nn.Module):
    def __init__(self, in_channels, base, n_block, n_classes):
        super().__init__()
        self.first = nn.Conv1d(in_channels, base, 3, padding=1)
        out_channels = base
        self.blocks = nn.ModuleList()
        for i in range(n_block):
            cin = out_channels
            if i % 2 == 1:
                out_channels = cin * 2
            self.blocks.append(Block(cin, out_channels))
        self.final_bn = nn.BatchNorm1d(out_channels)
        self.dense = nn.Linear(out_channels * 2, n_classes)  # the bug: out_channels features arrive

    def forward(self, x):
        x = self.first(x)
        for block in self.blocks:
            x = block(x)
        x = self.final_bn(x)
        return self.dense(x.mean(-1))


class GoodCountedNet(CountedNet):
    def __init__(self, in_channels, base, n_block, n_classes):
        super().__init__(in_channels, base, n_block, n_classes)
        self.dense = nn.Linear(self.final_bn.num_features, n_classes)


class OnlyThree(nn.Module):
    """Right for three blocks only (64 -> 512): a count some callers give, not an error."""

    def __init__(self, n_block):
        super().__init__()
        layers, ch = [nn.Conv1d(1, 64, 3, padding=1)], 64
        for _ in range(n_block):
            layers += [nn.Conv1d(ch, ch * 2, 3, padding=1), nn.ReLU()]
            ch *= 2
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(512, 10)

    def forward(self, x):
        return self.fc(self.features(x).mean(-1))


class DenseBlock(nn.Module):
    def __init__(self, grow0, grow, n_layers):
        super().__init__()
        self.convs = nn.ModuleList([nn.Conv2d(grow0 + c * grow, grow, 3, padding=1) for c in range(n_layers)])
        self.fuse = nn.Conv2d(grow0 + n_layers * grow, grow0, 1)

    def forward(self, x):
        for conv in self.convs:
            x = torch.cat([x, conv(x)], 1)
        return self.fuse(x)


class DenseFusion(nn.Module):
    """SRFBN's RDN: blocks built by `range(num_blocks)`, each with `range(num_layers)` convs (a
    loop only the first one reaches), and a global fusion of every block's output whose width is
    one block short (torch: "expected input[1, 128, 16, 16] to have 96 channels")."""

    def __init__(self, num_features, num_blocks, num_layers):
        super().__init__()
        self.head = nn.Conv2d(3, num_features, 3, padding=1)
        self.blocks = nn.ModuleList([DenseBlock(num_features, num_features, num_layers) for _ in range(num_blocks)])
        self.fusion = nn.Conv2d((num_blocks - 1) * num_features, num_features, 1)  # the bug: num_blocks maps arrive

    def forward(self, x):
        x = self.head(x)
        outs = []
        for block in self.blocks:
            x = block(x)
            outs.append(x)
        return self.fusion(torch.cat(outs, 1))
