"""forward() with an optional input (`y=None`): a class-conditional critic sized for the labels it
is always given (sngan_projection's concat discriminator) is no error for leaving them out, while
a bug on the path every call takes is reported whatever the optional input is."""

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
