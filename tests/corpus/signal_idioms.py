"""Idioms of 1-D signal and audio code (TCNs, dual-path RNN separators, ECG nets), written here
after the patterns found in third-party repositories."""

from enum import Enum

import torch
import torch.nn as nn

NormType = Enum("NormType", "Batch BatchZero Weight")  # the functional API


class SkipSum(nn.Module):
    """A ModuleList holding None where no projection is needed, tested with `is not None`."""

    def __init__(self, channels=8, widths=(8, 8, 16)):
        super().__init__()
        self.layers = nn.ModuleList()
        self.down = nn.ModuleList()
        width = channels
        for out in widths:
            self.layers.append(nn.Conv1d(width, out, 3, padding=1))
            self.down.append(nn.Conv1d(out, widths[-1], 1) if out != widths[-1] else None)
            width = out
        self.head = nn.Linear(widths[-1] * len(self.down), 4)

    def forward(self, x):
        skips = []
        for i, layer in enumerate(self.layers):
            x = layer(x)
            skip = x
            if self.down[i] is not None:
                skip = self.down[i](skip)
            skips.append(skip)
        pooled = [s.mean(-1) for s in skips]
        return self.head(torch.cat(pooled, 1))


class ChunkPad(nn.Module):
    """Pads the length to whole chunks with zeros made by the legacy constructor and cast with
    `.type(x.type())`, then splits it into overlapping chunks."""

    def __init__(self, features=16, chunk=10):
        super().__init__()
        self.chunk = chunk
        self.proj = nn.Linear(features, features)

    def forward(self, x):
        batch, features, length = x.shape
        hop = self.chunk // 2
        gap = self.chunk - (hop + length % self.chunk) % self.chunk
        if gap > 0:
            x = torch.cat([x, torch.Tensor(torch.zeros(batch, features, gap)).type(x.type())], dim=2)
        pad = torch.Tensor(torch.zeros(batch, features, hop)).type(x.type())
        x = torch.cat([pad, x, pad], dim=2)
        x = x[:, :, :-hop].contiguous().view(batch, features, -1, self.chunk)
        return self.proj(x.transpose(1, 3))


class ConvLayer(nn.Sequential):
    """fastai's ConvLayer: the layer classes picked by an f-string, the norm by an Enum member."""

    def __init__(self, ni, nf, ks=3, ndim=1, norm_type=NormType.Batch):
        bn = norm_type in (NormType.Batch, NormType.BatchZero)
        conv = getattr(nn, f"Conv{ndim}d")(ni, nf, kernel_size=ks, padding=(ks - 1) // 2, bias=not bn)
        layers = [conv, nn.ReLU()]
        if bn:
            layers.append(getattr(nn, f"BatchNorm{ndim}d")(nf))
        super().__init__(*layers)


class EcgNet(nn.Sequential):
    def __init__(self, c_in=12):
        super().__init__(ConvLayer(c_in, 32), ConvLayer(32, 64, norm_type=NormType.Weight), nn.AdaptiveAvgPool1d(1),
                         nn.Flatten(), nn.Linear(64, 5))
