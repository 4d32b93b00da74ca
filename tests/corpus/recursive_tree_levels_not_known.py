"""A block tree built recursively while `levels` > 1 (`if levels == 1: leaves else:
Tree(levels - 1, ...)` twice), with `levels` a required argument: both paths were followed and
the else path built two trees again, two ways at every level, until the step budget ran out:
timm dla.py took 93 s per run (3 runs of the step budget), nothing reported. Pattern of timm
dla.py (DlaTree, DLA(levels, channels, ...)). torch: Net() (levels=3) and Tree(2, 8) run on
1x3x32x32 and 1x8x32x32."""
import torch.nn as nn


class Tree(nn.Module):
    def __init__(self, levels, ch):
        super().__init__()
        if levels == 1:
            self.left = nn.Conv2d(ch, ch, 3, padding=1)
            self.right = nn.Conv2d(ch, ch, 3, padding=1)
        else:
            self.left = Tree(levels - 1, ch)
            self.right = Tree(levels - 1, ch)

    def forward(self, x):
        return self.right(self.left(x))


class Net(nn.Module):
    def __init__(self, levels=3):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.tree = Tree(levels, 8)

    def forward(self, x):
        return self.tree(self.stem(x))


class Deep(nn.Module):
    def __init__(self, levels):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.tree = Tree(levels, 8)

    def forward(self, x):
        return self.tree(self.stem(x))
