"""view(-1, K) with K a multiple of a constructor argument nothing gives: `h.view(-1,
self.in_chs[2])` where the map has `in_chs[3]` channels (shake-shake and wide ResNets of
fast-autoaugment style CIFAR zoos, with `w_base` given by a config).

convlint, before: CL102 proved a batch change only for a K that is a number; with K = 2*w_base it
said nothing at the view, and reported CL101 at the Linear after it, which is right for the map.
torch: Wrong(32, 10)(torch.zeros(2, 3, 8, 8)) raises "mat1 and mat2 shapes cannot be multiplied
(4x64 and 128x10)": each sample became two rows. Right(w, 10) runs for every w.
"""
import torch.nn as nn
import torch.nn.functional as F


class Right(nn.Module):
    def __init__(self, w_base, label):
        super().__init__()
        self.in_chs = [16, w_base, w_base * 2, w_base * 4]
        self.c_in = nn.Conv2d(3, self.in_chs[3], 3, padding=1)
        self.fc_out = nn.Linear(self.in_chs[3], label)

    def forward(self, x):
        h = F.relu(self.c_in(x))
        h = F.avg_pool2d(h, 8)
        h = h.view(-1, self.in_chs[3])
        return self.fc_out(h)


class Wrong(Right):
    def forward(self, x):
        h = F.relu(self.c_in(x))
        h = F.avg_pool2d(h, 8)
        h = h.view(-1, self.in_chs[2])
        return self.fc_out(h)


class PerPixel(nn.Module):
    """Rows of channels, one per pixel, on purpose: the width is the channels' own."""

    def __init__(self, width):
        super().__init__()
        self.conv = nn.Conv2d(3, width, 1)
        self.fc = nn.Linear(width, 4)

    def forward(self, x):
        h = self.conv(x).permute(0, 2, 3, 1)
        return self.fc(h.reshape(-1, self.conv.out_channels))
