"""Every way of naming torch layers reaches the same records."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import nn as tnn
from torch.nn import Conv2d as C, Linear
from torch.nn import functional as Fn

WIDTH = 8


# convlint: input-shape=(2, 3, 16, 16)
class ImportStyles(nn.Module):
    def __init__(self, width=WIDTH, classes=10):
        super(ImportStyles, self).__init__()
        self.a = C(3, width, 3, padding=1)
        self.b = tnn.Conv2d(width, width * 2, kernel_size=(3, 3), stride=2, padding=1)
        self.c = torch.nn.modules.conv.Conv2d(width * 2, width * 2, 1)
        self.bn = torch.nn.BatchNorm2d(num_features=width * 2)
        self.head = Linear(int(width * 2 * 8 * 8 / 2) * 2, classes, bias=False)

    def forward(self, x):
        x = F.relu(self.a(x))
        x = Fn.relu(self.bn(self.c(self.b(x))))
        n = x.size(0)
        x = x.reshape(n, -1)
        return self.head(x)
