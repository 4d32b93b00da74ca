"""A super-resolution model whose required `scale` picks its upsampler by the whole numbers the
code compares it with (`if r == 2 or r == 3:` ... `elif r == 4:`, after `r = scale`), and the same
switch inside a block the model passes `scale` to (EDSR's `Upsampler(conv, scale, n_feats)`,
`elif scale == 3:`), and factories that fix every width but the scale (`rdn_a(scale)`). Each
number is a configuration the code says it builds; a required argument was tried with strings only.

torch: RDNLike(4, 16, 8)(torch.randn(1, 3, 8, 8)) -> torch.Size([1, 3, 32, 32]); also with 2, 3.
"""
import torch.nn as nn


class Upsampler(nn.Sequential):
    def __init__(self, scale, n_feats):
        m = []
        if scale == 2:
            m.append(nn.Conv2d(n_feats, 4 * n_feats, 3, padding=1))
            m.append(nn.PixelShuffle(2))
        elif scale == 3:
            m.append(nn.Conv2d(n_feats, 9 * n_feats, 3, padding=1))
            m.append(nn.PixelShuffle(3))
        else:
            raise NotImplementedError
        super().__init__(*m)


class RDNLike(nn.Module):
    def __init__(self, scale, G0, G):
        super().__init__()
        r = scale
        self.head = nn.Conv2d(3, G0, 3, padding=1)
        if r == 2 or r == 3:
            self.upscale = nn.Sequential(nn.Conv2d(G0, G * r * r, 3, padding=1), nn.PixelShuffle(r))
        elif r == 4:
            self.upscale = nn.Sequential(
                nn.Conv2d(G0, G * 4, 3, padding=1),
                nn.PixelShuffle(2),
                nn.Conv2d(G, G * 4, 3, padding=1),
                nn.PixelShuffle(2),
            )
        else:
            raise ValueError("scale must be 2 or 3 or 4.")
        self.output = nn.Conv2d(G, 3, 3, padding=1)

    def forward(self, x):
        return self.output(self.upscale(self.head(x)))


class EDSRLike(nn.Module):
    def __init__(self, n_feats, scale):
        super().__init__()
        self.head = nn.Conv2d(3, n_feats, 3, padding=1)
        self.up = Upsampler(scale, n_feats)
        self.tail = nn.Conv2d(n_feats, 3, 3, padding=1)

    def forward(self, x):
        return self.tail(self.up(self.head(x)))


def rdn_a(scale):
    return RDNLike(scale, G0=64, G=32)


def edsr_small(scale):
    return EDSRLike(64, scale)
