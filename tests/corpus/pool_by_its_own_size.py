"""`F.avg_pool2d(out, out.size()[3])`: the global pool of the CIFAR ResNets (akamaster,
kuangliu), its window the map's own width. Symbolically the pooled height is not a floor of the
input size, so it is unknown; the channels stay known.

convlint (no options), before: "All checks passed!" on a Linear(60) after 64 channels (summary:
"no input size up to 320x320 works"). torch: RuntimeError "mat1 and mat2 shapes cannot be
multiplied (2x64 and 60x10)" at 32x32, and at any other size: 64 x h x w is never 60.
"""
import torch.nn as nn
import torch.nn.functional as F


class OwnSizePool(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 64, 3, padding=1)
        self.linear = nn.Linear(60, 10)  # BUG: the pool gives 64 x h x w features

    def forward(self, x):
        out = F.relu(self.conv(x))
        out = F.avg_pool2d(out, out.size()[3])
        out = out.view(out.size(0), -1)
        return self.linear(out)
