"""Blocks cloned with `copy.deepcopy` (`for _ in range(n): self.layer.append(copy.deepcopy(layer))`,
and `_get_clones`: `nn.ModuleList([copy.deepcopy(module) for _ in range(n)])`), and sizes given
through torch's own `_pair` (`from torch.nn.modules.utils import _pair`): chenyaofo/
pytorch-cifar-models' vit.py (its Encoder and Embeddings), DETR and the annotated transformer
(`_get_clones`).

convlint: the patch conv's kernel and stride unknown ("torch.nn._pair is not evaluated"), every
cloned block unknown ("a loop over values not known statically"): 0 of the 8 block modules.
torch: PatchNet()(torch.zeros(2, 3, 32, 32)) -> (2, 10), each block (2, 16, 48).
"""
import copy

import torch
import torch.nn as nn
from torch.nn.modules.utils import _pair


def _get_clones(module, n):
    return nn.ModuleList([copy.deepcopy(module) for _ in range(n)])


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.fc = nn.Linear(dim, dim)
        self.extra = [self.fc]  # a plain list naming a child: the copy's list names the copy's child

    def forward(self, x):
        return x + self.extra[0](self.norm(x))


class PatchNet(nn.Module):
    def __init__(self, dim=48, patch=8, depth=2, num_classes=10):
        super().__init__()
        patch = _pair(patch)
        self.embed = nn.Conv2d(3, dim, kernel_size=patch, stride=patch)
        self.layer = nn.ModuleList()
        block = Block(dim)
        for _ in range(depth):
            self.layer.append(copy.deepcopy(block))
        self.more = _get_clones(Block(dim), 2)
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x):
        x = self.embed(x).flatten(2).transpose(1, 2)
        for block in self.layer:
            x = block(x)
        for block in self.more:
            x = block(x)
        return self.head(x[:, 0])

