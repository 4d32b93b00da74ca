"""Attention blocks as vision and sequence transformers write them (torchvision
vision_transformer.py EncoderBlock, swin_transformer.py window attention, timm/DETR-style
cross-attention): nn.MultiheadAttention called on (x, x, x) batch first and on (query, memory,
memory) with kdim/vdim, `q @ k.transpose(-2, -1)` scores, a relative-position grid from
torch.meshgrid + torch.stack, a cyclic shift by torch.roll, a mask by masked_fill, weights
initialised by nn.init.*_. convlint modelled none of them: vit_b_16 3 of 151 modules matched,
every shape after the first attention unknown, and `@` unknown without a word. torch: the
shapes below, and MultiheadAttention's in_proj/bias_k/bias_v parameters besides its out_proj."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class WindowScores(nn.Module):
    def __init__(self, dim=16, heads=2, window=4):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        rows, cols = torch.meshgrid(torch.arange(window), torch.arange(window), indexing="ij")
        grid = torch.stack([rows, cols], dim=-1).flatten(0, 1)
        self.register_buffer("grid", grid)
        nn.init.trunc_normal_(self.qkv.weight, std=0.02)

    def forward(self, x):
        n, length, dim = x.shape
        x = torch.roll(x, shifts=1, dims=1)
        q, k, v = self.qkv(x).reshape(n, length, 3, self.heads, dim // self.heads).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1)
        mask = torch.zeros(length, length)
        scores = scores.masked_fill(mask != 0, -100.0)
        out = F.softmax(scores, dim=-1).matmul(v)
        return self.proj(out.transpose(1, 2).reshape(n, length, dim)).roll(-1, 1)


class Encoder(nn.Module):
    def __init__(self, dim=16, heads=4):
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.attention = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.window = WindowScores(dim)
        self.cross = nn.MultiheadAttention(dim, heads, kdim=6, vdim=10, add_bias_kv=True)
        self.head = nn.Linear(dim, 10)

    def forward(self, x):
        y = self.norm(x)
        y, _ = self.attention(y, y, y, need_weights=False)
        y = self.window(y + x)
        memory, values = torch.zeros(5, x.size(0), 6), torch.zeros(5, x.size(0), 10)
        z, weights = self.cross(y.transpose(0, 1), memory, values)
        return self.head(z.transpose(0, 1)[:, 0] + weights.sum())


class EncoderWrongHead(Encoder):
    def __init__(self):
        super().__init__()
        self.head = nn.Linear(32, 10)
