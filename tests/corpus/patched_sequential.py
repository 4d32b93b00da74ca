"""Factories that fill an nn.Sequential through a method the file sets on torch's class
(`torch.nn.Module.add = add_module`, as deep-image-prior's models/common.py does), with a
concatenating block that iterates `self._modules` and crops its inputs to the smallest map when
they differ (numpy decides which, so convlint follows both paths and joins the maps item by item)."""

import numpy as np
import torch
import torch.nn as nn


def add_module(self, module):
    self.add_module(str(len(self) + 1), module)


torch.nn.Module.add = add_module


class Concat(nn.Module):
    def __init__(self, dim, *args):
        super().__init__()
        self.dim = dim
        for idx, module in enumerate(args):
            self.add_module(str(idx), module)

    def forward(self, input):
        inputs = [module(input) for module in self._modules.values()]
        heights, widths = [x.shape[2] for x in inputs], [x.shape[3] for x in inputs]
        if np.all(np.array(heights) == min(heights)) and np.all(np.array(widths) == min(widths)):
            cropped = inputs
        else:
            height, width = min(heights), min(widths)
            cropped = []
            for inp in inputs:
                top, left = (inp.size(2) - height) // 2, (inp.size(3) - width) // 2
                cropped.append(inp[:, :, top:top + height, left:left + width])
        return torch.cat(cropped, dim=self.dim)


def _paths(in_ch, width):
    skip = nn.Sequential()
    skip.add(nn.Conv2d(in_ch, 4, 1))
    deeper = nn.Sequential()
    deeper.add(nn.Conv2d(in_ch, width, 3, 2, 1))
    deeper.add(nn.ReLU())
    deeper.add(nn.Upsample(scale_factor=2))
    return skip, deeper


def hourglass(in_ch=3, width=8):
    model = nn.Sequential()
    skip, deeper = _paths(in_ch, width)
    model.add(Concat(1, skip, deeper))
    model.add(nn.Conv2d(4 + width, 3, 1))
    return model


def hourglass_broken(in_ch=3, width=8):
    model = nn.Sequential()
    skip, deeper = _paths(in_ch, width)
    model.add(Concat(1, skip, deeper))
    model.add(nn.Conv2d(4 + 2 * width, 3, 1))  # BUG: the concatenation gives 4 + width
    return model


def classifier_head(features=64, classes=10):
    """A head, not a network: given the size meant for every model (an image), it is analysed
    with a symbolic input instead."""
    return nn.Sequential(nn.Flatten(), nn.Linear(features, classes))
