"""A local bound from numbers that a conv takes as its out_channels and a norm after a pooling
(that doubles the width) wrongly takes as its num_features: `out_channels = 512 * 3`,
`Conv1d(cat_channels, out_channels, 1)`, then `BatchNorm1d(out_channels)` after statistics pooling
(wenet-e2e/wespeaker's ECAPA-TDNN, with `BatchNorm1d(self.pool_out_dim)` edited).

convlint, before: the norm's finding moved to `out_channels = 512 * 3`, as if that number were
wrong; the conv reads it right (as its out width, which was not seen as a read).
torch: Wrong().eval()(torch.zeros(2, 64, 50)) raises "running_mean should contain 3072 elements not
1536" (eval); Right() runs.
"""
import torch
import torch.nn as nn


class Right(nn.Module):
    def __init__(self, channels=64):
        super().__init__()
        out_channels = 512 * 3
        self.conv = nn.Conv1d(channels, out_channels, kernel_size=1)
        self.bn = nn.BatchNorm1d(out_channels * 2)

    def forward(self, x):
        x = self.conv(x)
        return self.bn(torch.cat([x.mean(-1), x.std(-1)], 1))


class Wrong(Right):
    def __init__(self, channels=64):
        super().__init__(channels)
        out_channels = 512 * 3
        self.conv = nn.Conv1d(channels, out_channels, kernel_size=1)
        self.bn = nn.BatchNorm1d(out_channels)


if __name__ == "__main__":
    Right()(torch.zeros(2, 64, 50))
    Wrong()(torch.zeros(2, 64, 50))
