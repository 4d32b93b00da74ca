"""A conditional generator whose forward takes the image and a label vector, broadcasts the label
over the image and concatenates the two before the first conv (yunjey/stargan model.py
Generator.forward(x, c): `c.view(N, C, 1, 1)`, `c.repeat(1, 1, H, W)`, `torch.cat([x, c], 1)`;
the usual cGAN / pix2pix-with-labels input). The input shape cannot be inferred (the conv fixes
only the sum of the two channel counts), so the model is not analysed at all, and no reason is
given: input_shape null, every layer null, `unresolved` empty. Mismatches between layers whose
channels are all constants are then missed too: in StarGAN, InstanceNorm2d(curr_dim) after
Conv2d(curr_dim, curr_dim*2) (line 36) or Conv2d(dim_in * 2, dim_out) in ResidualBlock (line 15)
are both missed, while convlint does print CL206 for the same conv/norm pair, so it knows both
channel counts. The expand spelling behaves the same. A two-input forward whose first layer fixes
x's channels (`self.bn(self.conv(x)) + y`) is analysed and its bug found.

convlint (no options): CL206 warnings only (lines 25 and 37); Repeat and Expand: input_shape
null, conv/bn output_shape null, unresolved [].
torch: Repeat()(torch.randn(2, 3, 32, 32), torch.randn(2, 5)) -> RuntimeError: running_mean
should contain 16 elements not 8; Expand() the same; for any image size and batch.
"""
import torch
import torch.nn as nn


class Repeat(nn.Module):
    def __init__(self, c_dim=5):
        super().__init__()
        self.conv = nn.Conv2d(3 + c_dim, 16, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)  # BUG: the conv gives 16 channels

    def forward(self, x, c):
        c = c.view(c.size(0), c.size(1), 1, 1)
        c = c.repeat(1, 1, x.size(2), x.size(3))
        return self.bn(self.conv(torch.cat([x, c], dim=1)))


class Expand(nn.Module):
    def __init__(self, c_dim=5):
        super().__init__()
        self.conv = nn.Conv2d(3 + c_dim, 16, 3, padding=1)
        self.bn = nn.BatchNorm2d(8)  # BUG: the conv gives 16 channels

    def forward(self, x, c):
        c = c.view(c.size(0), c.size(1), 1, 1).expand(-1, -1, x.size(2), x.size(3))
        return self.bn(self.conv(torch.cat([x, c], dim=1)))
