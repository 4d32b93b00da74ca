"""Construction forms of real code: partial, enumerate/zip loops, ModuleDict, add_module/setattr,
comprehensions, **kwargs pass-through, known if/else, a factory function."""
from functools import partial

import torch
import torch.nn as nn
import torch.nn.functional as F

STAGES = [(16, 1), (32, 2), (64, 2)]


def conv_bn(cin, cout, stride=1, norm_layer=None, **kwargs):
    norm_layer = norm_layer or nn.BatchNorm2d
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False, **kwargs), norm_layer(cout), nn.ReLU())


class Stage(nn.Module):
    def __init__(self, cin, cout, stride, depth=2, use_pool=False):
        super().__init__()
        norm = partial(nn.BatchNorm2d, eps=1e-3, momentum=0.01)
        blocks = [conv_bn(cin, cout, stride, norm_layer=norm)]
        blocks += [conv_bn(cout, cout, norm_layer=norm) for _ in range(depth - 1)]
        self.blocks = nn.ModuleList(blocks)
        if use_pool:
            self.pool = nn.MaxPool2d(2)
        else:
            self.pool = nn.Identity()

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.pool(x)


# convlint: input-shape=(2, 3, 32, 32)
class Constructs(nn.Module):
    def __init__(self, stages=STAGES, num_classes=10, dropout=0.2):
        super().__init__()
        cin = 3
        for index, (cout, stride) in enumerate(stages):
            self.add_module(f"stage{index}", Stage(cin, cout, stride, use_pool=index == 0))
            cin = cout
        self.heads = nn.ModuleDict({"main": nn.Linear(cin, num_classes), "aux": nn.Linear(cin, 2)})
        setattr(self, "drop", nn.Dropout(dropout))
        self.depth = len(stages)

    def forward(self, x):
        for i in range(self.depth):
            x = getattr(self, f"stage{i}")(x)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        x = self.drop(x)
        outputs = [head(x) for name, head in self.heads.items()]
        return outputs[0] + outputs[1].sum(dim=1, keepdim=True)


def constructs_small(**kwargs):
    return Constructs(stages=[(8, 2), (16, 2)], **kwargs)
