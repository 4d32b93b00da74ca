"""`x.view(x.size(0), -1)` (the flatten of nearly every CIFAR zoo: kuangliu, weiaicunzai,
bearpaw) before a Linear whose in_features no input size can give. With torch.flatten(x, 1)
convlint proves the bug for every size (CL101 "a multiple of 512, which 9000 is not: no input
size can work"); with the view spelling it says nothing.

convlint (no options): "All checks passed!" for ViewNet; CL101 on FlattenNet (line 32).
torch: ViewNet()(torch.randn(2, 3, 32, 32)) -> RuntimeError: mat1 and mat2 shapes cannot be
multiplied (2x131072 and 9000x10); same for any input size. The weiaicunzai VGG with
Linear(512, 4096) changed to Linear(256, 4096) is missed the same way (512 x H/32 x W/32).
"""
import torch
import torch.nn as nn
import torch.nn.functional as F


class ViewNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 512, 3, padding=1)
        self.fc = nn.Linear(9000, 10)  # BUG: 512 x H/2 x W/2 is never 9000

    def forward(self, x):
        x = F.max_pool2d(self.conv(x), 2)
        x = x.view(x.size(0), -1)
        return self.fc(x)


class FlattenNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 512, 3, padding=1)
        self.fc = nn.Linear(9000, 10)  # the same bug: found

    def forward(self, x):
        x = F.max_pool2d(self.conv(x), 2)
        x = torch.flatten(x, 1)
        return self.fc(x)
