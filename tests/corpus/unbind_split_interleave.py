"""`q, k, v = self.qkv(x).reshape(B, N, 3, heads, dim).transpose(1, 3).unbind(dim=2)`, a class
token cut off with `torch.tensor_split(x, indices=(1,), dim=2)`, and positions spread over time
with `torch.repeat_interleave(self.temporal_pos, hw_size, dim=0)`: torchvision's MViT
(video/mvit.py MultiscaleAttention, Pool, PositionalEncoding); unbind is the qkv split of
most vision transformers.

convlint, before: "Tensor.unbind is not modelled", "torch.tensor_split is not modelled",
"torch.repeat_interleave is not modelled": every attention output unknown or partly unknown
(mvit_v1_b: 85 of 380 modules matching torch, mvit_v2_s 98 of 432). torch: runs; shapes as
below. `Strided` cuts a too-short tail and gives a Linear the wrong width (a real bug).
"""
import torch
import torch.nn as nn


class Attention(nn.Module):
    def __init__(self, dim=16, heads=2):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)
        self.temporal = nn.Parameter(torch.zeros(2, dim))
        self.spatial = nn.Parameter(torch.zeros(4, dim))
        self.token = nn.Parameter(torch.zeros(dim))

    def forward(self, x):
        token = self.token.expand(x.size(0), -1).unsqueeze(1)
        x = torch.cat((token, x), dim=1)  # B, 1 + 8, dim
        hw_size, dim = self.spatial.shape
        pos = torch.repeat_interleave(self.temporal, hw_size, dim=0)  # 8, dim
        pos = torch.cat((self.token.unsqueeze(0), pos), dim=0).unsqueeze(0)
        x = x + pos
        B, N, C = x.shape
        q, k, v = self.qkv(x).reshape(B, N, 3, self.heads, C // self.heads).transpose(1, 3).unbind(dim=2)
        attn = (q @ k.transpose(-2, -1)).softmax(dim=-1)
        out = (attn @ v).transpose(1, 2).reshape(B, N, C)
        cls, rest = torch.tensor_split(out, indices=(1,), dim=1)
        first, second, third = rest.tensor_split(3, dim=1)  # 8 -> 3, 3, 2
        flat = self.token.repeat_interleave(2)  # no dim: the flattened tensor, 2 * dim
        return self.proj(cls.squeeze(1)) + self.proj(third.sum(1)) + flat[:C]


class Strided(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(3 * 16, 10)  # BUG: the last piece of 8 cut at (0, 3, 6) is 2 long

    def forward(self, x):
        pieces = torch.tensor_split(x, (0, 3, 6), dim=1)
        return self.head(pieces[-1].flatten(1))
