"""A position embedding made with `torch.zeros(1, dim, *size)` where `size` is not known (a list
made by a comprehension over an argument, or `to_2tuple(img_size)` of a helper not followed):
the unknown `*size` was dropped and the parameter taken as 1 x dim, so `x + self.pos_embed`
was reported as 8x8 against dim (false CL107). The same for a view given `*shape`. Pattern of
timm visformer.py (`nn.Parameter(torch.zeros(1, embed_dim // 2, *img_size))`). torch: Net((32,
32)) runs on 1x3x32x32."""
import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, img_size, dim=6):
        super().__init__()
        self.conv = nn.Conv2d(3, dim, 4, stride=4)
        size = [s // 4 for s in img_size]
        self.pos_embed = nn.Parameter(torch.zeros(1, dim, *size))
        self.grid = size
        self.head = nn.Linear(dim, 10)

    def forward(self, x):
        x = self.conv(x) + self.pos_embed
        x = x.flatten(2).view(x.size(0), x.size(1), *self.grid)
        return self.head(x.mean((2, 3)))
