"""A MobileNet-style block asking for padding='same' on a stride-2 depthwise conv, which torch refuses to build."""
import torch
import torch.nn as nn
import torch.nn.functional as F


# convlint: input-shape=(2, 3, 64, 64)
class MobileStem(nn.Module):
    def __init__(self, width=32, num_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, width, 3, stride=2, padding=1, bias=False)
        self.bn0 = nn.BatchNorm2d(width)
        self.dw = nn.Conv2d(width, width, 3, stride=2, padding="same", groups=width, bias=False)  # [CL106]
        self.bn1 = nn.BatchNorm2d(width)
        self.pw = nn.Conv2d(width, width * 2, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(width * 2)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(width * 2, num_classes)

    def forward(self, x):
        x = F.relu6(self.bn0(self.stem(x)))
        x = F.relu6(self.bn1(self.dw(x)))
        x = F.relu6(self.bn2(self.pw(x)))
        return self.fc(torch.flatten(self.pool(x), 1))
