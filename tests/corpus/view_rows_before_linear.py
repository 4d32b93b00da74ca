"""`out.view(-1, K)` with a K that is not the features of a sample, before a Linear sized for a sample
(facebookresearch/mixup-cifar10 models/alldnet.py, and LeNet-style heads everywhere: `out =
out.view(out.size(0), -1)` edited to `out.view(-1, 16*5*5*2)`). With no input size, the map's sides
are symbolic and some size gives 800 features: convlint could not prove the batch change, and
reported only the Linear (CL101, "Set in_features to 800"), away from the line to fix.

convlint (no options), before: CL101 at fc1 only. torch: Rows()(torch.zeros(2, 3, 32, 32)) ->
RuntimeError: mat1 and mat2 shapes cannot be multiplied (1x800 and 400x120); with 3 samples the view
itself fails: shape '[-1, 800]' is invalid for input of size 1200.
"""
import torch.nn as nn
import torch.nn.functional as F


class Rows(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 10)

    def forward(self, x):
        out = F.max_pool2d(F.relu(self.conv1(x)), 2)
        out = F.max_pool2d(F.relu(self.conv2(out)), 2)
        out = out.view(-1, 16 * 5 * 5 * 2)  # BUG: a sample has 16 x 5 x 5 features at 32x32
        out = F.relu(self.fc1(out))
        return self.fc2(out)


class PerPixel(nn.Module):
    """Rows of one pixel's channels on purpose: the Linear takes what the rows hold."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.fc = nn.Linear(16, 4)

    def forward(self, x):
        out = self.conv(x).permute(0, 2, 3, 1)
        return self.fc(out.reshape(-1, 16))
