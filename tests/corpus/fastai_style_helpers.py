"""fastai-style model code (helme/ecg_ptbxl_benchmarking's xresnet1d and its many copies):
`init_default(m, func=nn.init.kaiming_normal_)` testing `if func and hasattr(m, 'weight')`, a
`store_attr(self, 'block,expansion')` that reads the caller's frame, fastcore's `store_attr()` and
`listify(ps)` from `from fastai.core import *`.

convlint, before: hasattr() of a torch layer and the truth of a torch function were not known, so
every ConvLayer was "not known statically"; store_attr set nothing, so `self.block` and
`self.expansion` were unknown; listify was unknown: the whole network unknown (848 modules of one
manifest) and its bugs missed.
torch: Wrong()(torch.zeros(2, 12, 100)) raises "expected input[2, 32, 50] to have 64 channels, but
got 32 channels instead"; Right() runs.
"""
import re
import inspect

import torch
import torch.nn as nn

from fastai.core import *  # noqa: F403  (listify; not installed: convlint reads it as fastcore's)


def store_attr(self, nms):
    "Store params named in comma-separated `nms` from calling context into attrs in `self`"
    mod = inspect.currentframe().f_back.f_locals
    for n in re.split(', *', nms):
        setattr(self, n, mod[n])


def init_default(m, func=nn.init.kaiming_normal_):
    if func and hasattr(m, "weight"):
        func(m.weight)
    with torch.no_grad():
        if getattr(m, "bias", None) is not None:
            m.bias.fill_(0.)
    return m


class ConvLayer(nn.Sequential):
    def __init__(self, ni, nf, ks=3, stride=1):
        conv = init_default(nn.Conv1d(ni, nf, ks, stride=stride, padding=ks // 2))
        super().__init__(conv, nn.BatchNorm1d(nf), nn.ReLU())


class Block(nn.Module):
    def __init__(self, expansion, ni, nf, stride=1):
        super().__init__()
        self.convs = nn.Sequential(ConvLayer(ni * expansion, nf, stride=stride), ConvLayer(nf, nf * expansion))

    def forward(self, x):
        return self.convs(x)


class Right(nn.Module):
    def __init__(self, block=Block, expansion=1, widths=(32, 64), ps=0.5, input_channels=12):
        super().__init__()
        store_attr(self, "block,expansion")
        ps = listify(ps)  # noqa: F405
        self.stem = ConvLayer(input_channels, widths[0], stride=2)
        self.body = nn.Sequential(*[self.block(self.expansion, ni, nf) for ni, nf in zip(widths, widths[1:])])
        self.head = nn.Sequential(nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Dropout(ps[0]), nn.Linear(widths[-1], 5))

    def forward(self, x):
        return self.head(self.body(self.stem(x)))


class Wrong(Right):
    def __init__(self):
        super().__init__(widths=(64, 64))
        self.stem = ConvLayer(12, 32, stride=2)
