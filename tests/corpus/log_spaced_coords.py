"""A table of relative coordinates squashed with `torch.sign(t) * torch.log2(torch.abs(t) + 1.0)`
fed to an MLP (Swin V2's continuous position bias, torchvision swin_transformer.py
ShiftedWindowAttentionV2.cpb_mlp); `x.floor()`, `torch.reciprocal`, `x.round()` as anchors and
scales use them.

convlint, before: "torch.log2 is not modelled: its result shape is unknown", the MLP's shapes
unknown (swin_v2_t: 179 of 227 modules matching torch). torch: runs; `mlp.0` gets (1, 7, 7, 2)
and gives (1, 7, 7, 32).
"""
import torch
import torch.nn as nn


class Bias(nn.Module):
    def __init__(self):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(2, 32), nn.ReLU(inplace=True), nn.Linear(32, 3))
        coords = torch.arange(-3, 4, dtype=torch.float32)
        table = torch.stack(torch.meshgrid([coords, coords], indexing="ij")).permute(1, 2, 0).unsqueeze(0)
        self.register_buffer("table", table)
        self.proj = nn.Linear(3, 3)

    def forward(self, x):
        t = torch.sign(self.table) * torch.log2(torch.abs(self.table) + 1.0) / 3.0
        t = torch.log1p(t.floor().abs()) + torch.reciprocal(t.round() + 10.0) + t.expm1().erf()
        bias = self.mlp(t).view(-1, 3)
        return self.proj(x + bias.sum(0))
