"""A block whose kind is chosen by `block_type is ConvBlock`, or by an argument not known, builds
on its other path a layer that only suits the other kind: the mixed block's split of 96 channels
gives its local branch 96 - 96 = 0 channels. Each path was followed (the `is` of two classes was
not decided), and the 0-channel conv, built on a path that never runs, was reported as torch
refusing it (false CL106 "out_channels must be positive, got 0"). Pattern of timm nextvit.py
(NextStage: `if block_type is NextConvBlock: ... elif block_type is NextTransformerBlock:`, the
transformer block's `mhca_out_chs = out_chs - _make_divisible(out_chs * 0.75, 32)`).
torch: Net() and Stage("conv") run on 1x3x32x32 and 1x96x8x8."""
import torch
import torch.nn as nn


def make_divisible(v, divisor=32):
    new_v = max(divisor, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


class ConvBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv = nn.Conv2d(ch, ch, 3, padding=1)

    def forward(self, x):
        return self.conv(x)


class MixBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        wide = make_divisible(ch * 0.75)
        self.wide = nn.Conv2d(ch, wide, 1)
        self.local = nn.Conv2d(ch, ch - wide, 3, padding=1)

    def forward(self, x):
        return torch.cat([self.wide(x), self.local(x)], 1)


class Stage(nn.Module):
    def __init__(self, kind, ch=96, depth=2):
        super().__init__()
        blocks = []
        for _ in range(depth):
            if kind == "mix":
                blocks.append(MixBlock(ch))
            else:
                blocks.append(ConvBlock(ch))
        self.blocks = nn.Sequential(*blocks)

    def forward(self, x):
        return self.blocks(x)


class Net(nn.Module):
    def __init__(self, depth=2):
        super().__init__()
        self.stem = nn.Conv2d(3, 96, 3, stride=4, padding=1)
        blocks = []
        for block_type in [ConvBlock] * depth:
            if block_type is ConvBlock:
                blocks.append(ConvBlock(96))
            elif block_type is MixBlock:
                blocks.append(MixBlock(96))
        self.blocks = nn.Sequential(*blocks)

    def forward(self, x):
        return self.blocks(self.stem(x))
