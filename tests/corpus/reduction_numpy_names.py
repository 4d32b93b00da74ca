"""Reductions written with numpy's argument names, which torch takes too: `x.mean(dim=(2, 3),
keepdims=True)` was read as keepdim=False (a 2-D N x C result, then a false CL108 "takes a 3D
(unbatched) or 4D (batched) input, but the input gives a 2D tensor" at the 1x1 conv after it),
`x.mean(axis=(2, 3))` as a mean over everything; and `x.norm(2, 1, True)` read its p as the dim.
Pattern of timm layers/gather_excite.py (GatherExcite: `x.mean(dim=(2, 3), keepdims=True)` then
`self.mlp`). torch: Net() runs on 2x3x16x16."""
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, channels=8):
        super().__init__()
        self.conv = nn.Conv2d(3, channels, 3, padding=1)
        self.fc = nn.Conv2d(channels, channels, 1)
        self.head = nn.Linear(channels, 10)

    def forward(self, x):
        x = self.conv(x)
        gate = self.fc(x.mean(dim=(2, 3), keepdims=True))
        x = x * gate.sigmoid()
        x = x / x.norm(2, 1, True)
        return self.head(x.mean(axis=(2, 3)))
