"""forward() with an optional input (`y=None`): a class-conditional critic sized for the labels it
is always given (sngan_projection's concat discriminator) is no error for leaving them out, while
a bug on the path every call takes is reported whatever the optional input is (a stride-2 shortcut
beside an unstrided path, in a model whose optional input is unused); what only the None path meets
is said as a warning."""

import torch
import torch.nn as nn


class ConcatCritic(nn.Module):
    def __init__(self, num_features=8, num_classes=10, dim_emb=4):
        super().__init__()
        self.stem = nn.Conv2d(3, num_features, 3, padding=1)
        self.embed = nn.Embedding(num_classes, dim_emb)
        self.body = nn.Conv2d(num_features + dim_emb, 16, 3, padding=1)  # sized for the labels
        self.head = nn.Linear(16, 1)

    def forward(self, x, y=None):
        h = self.stem(x)
        if y is not None:
            emb = self.embed(y).unsqueeze(-1).unsqueeze(-1)
            emb = emb.expand(emb.size(0), emb.size(1), h.size(2), h.size(3))
            h = torch.cat((h, emb), dim=1)
        h = self.body(h)
        return self.head(torch.sum(h, dim=(2, 3)))


class BrokenHeadCritic(ConcatCritic):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(32, 1)  # BUG: the body gives 16 channels, with or without labels


class MaskedHead(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.fc = nn.Linear(16, 2)  # BUG: 8 channels arrive, masked or not

    def forward(self, x, mask=None):
        h = self.conv(x)
        if mask is not None:
            h = h * mask
        return self.fc(h.mean((2, 3)))


class ShortcutBlock(nn.Module):
    def __init__(self, in_channels, out_channels, shortcut_stride=1):
        super().__init__()
        self.conv_1 = nn.Conv2d(in_channels, out_channels, 3, padding=1)
        self.conv_2 = nn.Conv2d(out_channels, out_channels, 3, padding=1)
        self.shortcut = nn.Conv2d(in_channels, out_channels, 1, stride=shortcut_stride)

    def forward(self, x):
        return self.conv_2(torch.relu(self.conv_1(x))) + self.shortcut(x)


class TimeUnusedNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.block = ShortcutBlock(8, 16, shortcut_stride=2)  # BUG: the shortcut halves the map, the body does not

    def forward(self, x, t=None):
        return self.block(self.stem(x))


class TimeBiasedNet(nn.Module):
    def __init__(self, shortcut_stride=2):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.time = nn.Linear(4, 8)
        self.block = ShortcutBlock(8, 16, shortcut_stride=shortcut_stride)  # BUG at the default stride 2

    def forward(self, x, time=None, y=None):
        h = self.stem(x)
        if time is not None:
            h = h + self.time(time)[:, :, None, None]
        return self.block(h)


class TimeBiasedFixed(TimeBiasedNet):
    def __init__(self):
        super().__init__(shortcut_stride=1)


class PooledWhenGuided(nn.Module):
    """Sized for the guide it is always given: without it the map is not pooled and the add fails."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.down = nn.Conv2d(8, 8, 1, stride=2)
        self.pool = nn.AvgPool2d(2)

    def forward(self, x, guide=None):
        h = self.stem(x)
        skip = self.down(h)
        if guide is not None:
            h = self.pool(h * guide)
        return h + skip
