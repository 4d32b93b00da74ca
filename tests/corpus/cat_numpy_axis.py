"""torch functions and tensor methods given numpy's argument names, which torch's argument parser
takes for any of them: `torch.cat([...], axis=1)` was read as a cat along dim 0 (four 2x8xL
branches became 8x8xL, then a false CL104 at the BatchNorm1d(32) after it and false CL103s at
the next block's convs), `torch.sum(x, axis=2, keepdims=True)` lost its keepdim. Pattern of
TheMrGhostman/InceptionTime-Pytorch inception.py (`Z = torch.cat([Z1, Z2, Z3, Z4], axis=1)`).
torch: Inception() runs on 2x4x50: every module's shape as convlint's."""
import torch
import torch.nn as nn


class Inception(nn.Module):
    def __init__(self, in_channels=4, n_filters=8):
        super().__init__()
        self.bottleneck = nn.Conv1d(in_channels, 8, 1, bias=False)
        self.branches = nn.ModuleList(nn.Conv1d(8, n_filters, k, padding=k // 2) for k in (3, 5, 9))
        self.pool = nn.MaxPool1d(3, stride=1, padding=1)
        self.from_pool = nn.Conv1d(in_channels, n_filters, 1)
        self.norm = nn.BatchNorm1d(4 * n_filters)
        self.gate = nn.Conv1d(4 * n_filters, 4 * n_filters, 1)
        self.head = nn.Linear(4 * n_filters, 5)

    def forward(self, x):
        z = self.bottleneck(x)
        z = torch.cat([branch(z) for branch in self.branches] + [self.from_pool(self.pool(x))], axis=1)
        z = self.norm(z)
        z = z * self.gate(torch.sum(z, axis=2, keepdims=True)).sigmoid()
        return self.head(z.mean(axis=-1))
