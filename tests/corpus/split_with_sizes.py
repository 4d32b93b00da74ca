"""torch.split with a list of sizes: the distillation blocks of lightweight super-resolution nets
(Zheng222/IMDN model/block.py IMDModule: `torch.split(out, (self.distilled_channels,
self.remaining_channels), dim=1)`; the same split in RFDN, PAN and channel-split shuffle units).

convlint, before: only an int split size was followed; a list of sizes left every piece unknown,
silently (not in `unresolved`): IMDN 3 of 93 modules.
torch: Distill(32)(torch.zeros(1, 32, 12, 12)) -> 1 x 32 x 12 x 12.
"""
import torch
import torch.nn as nn


class Distill(nn.Module):
    def __init__(self, channels, rate=0.25):
        super().__init__()
        self.kept = int(channels * rate)
        self.rest = channels - self.kept
        self.c1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.c2 = nn.Conv2d(self.rest, channels, 3, padding=1)
        self.c3 = nn.Conv2d(self.rest, self.kept, 3, padding=1)
        self.fuse = nn.Conv2d(3 * self.kept, channels, 1)

    def forward(self, x):
        kept1, rest1 = torch.split(self.c1(x), (self.kept, self.rest), dim=1)
        kept2, rest2 = self.c2(rest1).split([self.kept, self.rest], 1)
        out = torch.cat([kept1, kept2, self.c3(rest2)], dim=1)
        return self.fuse(out) + x
