"""ASPP heads that run every child of a holder: summed, or concatenated from a bare nn.Module().

kazuto1011/deeplab-pytorch: DeepLab v2's `_ASPP.forward` is `sum([stage(x) for stage in
self.children()])` (convlint left the builtin sum of tensors unknown: the head's and the model's
output lost); DeepLab v3/v3+ keep the branches on `self.stages = nn.Module()` filled by
`self.stages.add_module("c0", ...)` and return `torch.cat([stage(x) for stage in
self.stages.children()], dim=1)` (nn.Module() was unknown: 29 of 125 modules of DeepLabV3 lost).
"""

import torch
import torch.nn as nn


class SummedASPP(nn.Module):
    def __init__(self, in_ch=8, out_ch=4, rates=(1, 2, 3)):
        super().__init__()
        for i, rate in enumerate(rates):
            self.add_module("c{}".format(i), nn.Conv2d(in_ch, out_ch, 3, 1, padding=rate, dilation=rate))

    def forward(self, x):
        return sum([stage(x) for stage in self.children()])


class ConcatASPP(nn.Module):
    def __init__(self, in_ch=8, out_ch=4, rates=(1, 2)):
        super().__init__()
        self.stages = nn.Module()
        self.stages.add_module("c0", nn.Conv2d(in_ch, out_ch, 1))
        for i, rate in enumerate(rates):
            self.stages.add_module("c{}".format(i + 1), nn.Conv2d(in_ch, out_ch, 3, 1, padding=rate, dilation=rate))
        self.fc = nn.Conv2d(out_ch * (len(rates) + 1), 2, 1)

    def forward(self, x):
        return self.fc(torch.cat([stage(x) for stage in self.stages.children()], dim=1))


class WrongConcatASPP(ConcatASPP):
    def __init__(self):
        super().__init__()
        self.fc = nn.Conv2d(8, 2, 1)
