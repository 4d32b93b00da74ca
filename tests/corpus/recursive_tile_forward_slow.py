"""A forward that tiles its input and recurses on each tile while the tile is large (the
EDSR-family "chop" wrapper: yulunzhang/RCAN RCAN_TrainCode/RCAN_TestCode code/model/__init__.py,
also in sanghyun-son/EDSR-PyTorch). With no input size the test `h * w < limit` is unknown, both
paths are followed, and the else path calls the method again on four tiles: the calls branch
four ways at every level until the call-depth limit, tens of thousands of calls.

convlint (no options, alone on an idle 2-core machine): RCAN model/__init__.py takes 19 s
(43-51 s with other lint runs; 71 s under cProfile: 47,572 call_function calls, most of the
time in _exec_for -> _forget_assigned -> _walk_statements); this file: 5.5-6 s
(while_loop_known_count.py here: under 1 s). Nothing is reported; the shape is unknown either way.
torch: Tiler()(torch.randn(1, 3, 64, 64)) -> torch.Size([1, 3, 64, 64]) in milliseconds (one
level of tiling: 4 tiles of 42x42 then the body).
"""
import torch
import torch.nn as nn


class Tiler(nn.Module):
    def __init__(self, margin=10, limit=2000, groups=1):
        super().__init__()
        self.groups = groups
        self.margin = margin
        self.limit = limit
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(16, 3, 3, padding=1))

    def tile(self, x):
        n, c, h, w = x.size()
        hh, hw = h // 2 + self.margin, w // 2 + self.margin
        parts = [x[:, :, :hh, :hw], x[:, :, :hh, w - hw:],
                 x[:, :, h - hh:, :hw], x[:, :, h - hh:, w - hw:]]
        if hh * hw < self.limit:
            g = min(self.groups, 4)
            outs = []
            for i in range(0, 4, g):
                batch = torch.cat(parts[i:i + g], dim=0)
                outs.extend(self.body(batch).chunk(g, dim=0))
        else:
            outs = [self.tile(p) for p in parts]
        out = x.new_zeros(n, c, h, w)
        out[:, :, :h // 2, :w // 2] = outs[0][:, :, :h // 2, :w // 2]
        out[:, :, :h // 2, w // 2:] = outs[1][:, :, :h // 2, hw - w + w // 2:]
        out[:, :, h // 2:, :w // 2] = outs[2][:, :, hh - h + h // 2:, :w // 2]
        out[:, :, h // 2:, w // 2:] = outs[3][:, :, hh - h + h // 2:, hw - w + w // 2:]
        return out

    def forward(self, x):
        return self.tile(x)
