"""A Sequential subclass filled by `super().__init__(*m)` from a list built under a condition not
known (sanghyun-son/EDSR-PyTorch model/common.py Upsampler: `if (scale & (scale - 1)) == 0: for _
in range(int(math.log(scale, 2))): m.append(conv(...)); m.append(nn.PixelShuffle(2))`, with
`scale = args.scale[0]`; the same Upsampler in RCAN, MSRN, RDN and most EDSR-based code).

convlint, before: the `*m` not known made the `super().__init__` call skipped, and the Upsampler
an empty, complete Sequential: the identity. The upscaled map was taken for the input's size, a
Linear sized for the upscaled map a false CL101 ("expects 4096 input features, but ... = 1024").
torch: Net(Namespace(scale=2))(torch.zeros(1, 16, 8, 8)) -> 1 x 10.
"""
import math

import torch.nn as nn


class Upsampler(nn.Sequential):
    def __init__(self, scale, n_feats):
        m = []
        if (scale & (scale - 1)) == 0:
            for _ in range(int(math.log(scale, 2))):
                m.append(nn.Conv2d(n_feats, 4 * n_feats, 3, padding=1))
                m.append(nn.PixelShuffle(2))
        elif scale == 3:
            m.append(nn.Conv2d(n_feats, 9 * n_feats, 3, padding=1))
            m.append(nn.PixelShuffle(3))
        super(Upsampler, self).__init__(*m)


class Net(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.up = Upsampler(args.scale, 16)
        self.fc = nn.Linear(16 * 16 * 16, 10)

    def forward(self, x):
        return self.fc(self.up(x).flatten(1))
