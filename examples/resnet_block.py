"""A small ResNet: BatchNorm, an identity block, and a downsampling block with a 1x1 stride-2 shortcut."""
import torch
import torch.nn as nn
import torch.nn.functional as F


# convlint: input-shape=(2, 3, 64, 64)
class SmallResNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, kernel_size=3, padding=1, bias=False)
        self.stem_bn = nn.BatchNorm2d(16)
        # block 1: identity shortcut, 16 channels at 64x64
        self.b1_conv1 = nn.Conv2d(16, 16, kernel_size=3, padding=1, bias=False)
        self.b1_bn1 = nn.BatchNorm2d(16)
        self.b1_conv2 = nn.Conv2d(16, 16, kernel_size=3, padding=1, bias=False)
        self.b1_bn2 = nn.BatchNorm2d(16)
        # block 2: 16 -> 32 channels, 64x64 -> 32x32, so the shortcut is projected too
        self.b2_conv1 = nn.Conv2d(16, 32, kernel_size=3, stride=2, padding=1, bias=False)
        self.b2_bn1 = nn.BatchNorm2d(32)
        self.b2_conv2 = nn.Conv2d(32, 32, kernel_size=3, padding=1, bias=False)
        self.b2_bn2 = nn.BatchNorm2d(32)
        self.b2_shortcut = nn.Sequential(
            nn.Conv2d(16, 32, kernel_size=1, stride=2, bias=False),
            nn.BatchNorm2d(32),
        )
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(32, num_classes)

    def forward(self, x):
        x = F.relu(self.stem_bn(self.stem(x)))
        out = F.relu(self.b1_bn1(self.b1_conv1(x)))
        out = self.b1_bn2(self.b1_conv2(out))
        x = F.relu(out + x)
        out = F.relu(self.b2_bn1(self.b2_conv1(x)))
        out = self.b2_bn2(self.b2_conv2(out))
        x = F.relu(out + self.b2_shortcut(x))
        x = torch.flatten(self.avgpool(x), 1)
        return self.fc(x)
