"""Channel widths rounded with numpy (kuan-wang/pytorch-mobilenet-v3 mobilenetv3.py
`make_divisible`: `import numpy as np; return int(np.ceil(x * 1. / divisible_by) * divisible_by)`,
every width of its MobileNetV3 small and large). convlint did not evaluate np.ceil: every width was
`int() of an unknown`, every channel count unknown (15 of 420 modules matched torch), and the
wrong Linear below was missed.

convlint (no options): nothing; -v: "Conv2d: out_channels is not known (int() of an unknown)".
torch: RoundedNet()(torch.zeros(2, 3, 32, 32)) -> RuntimeError: mat1 and mat2 shapes cannot be
multiplied (2x24 and 16x10); Rounded() runs.
"""
import torch.nn as nn


def make_divisible(x, divisible_by=8):
    import numpy as np
    return int(np.ceil(x * 1. / divisible_by) * divisible_by)


class Rounded(nn.Module):
    def __init__(self, width_mult=1.0, classes=10):
        super().__init__()
        c1 = make_divisible(16 * width_mult)
        c2 = make_divisible(20 * width_mult)  # 24
        self.features = nn.Sequential(
            nn.Conv2d(3, c1, 3, stride=2, padding=1), nn.BatchNorm2d(c1), nn.ReLU(),
            nn.Conv2d(c1, c2, 3, stride=2, padding=1, groups=make_divisible(7 * width_mult)), nn.BatchNorm2d(c2),
            nn.AdaptiveAvgPool2d(1),
        )
        self.classifier = nn.Linear(c2, classes)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


class RoundedNet(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        width = make_divisible(20)  # 24, not 16
        self.conv = nn.Conv2d(3, width, 3, padding=1)
        self.fc = nn.Linear(16, classes)  # BUG: the conv gives make_divisible(20) = 24 features

    def forward(self, x):
        return self.fc(self.conv(x).mean((2, 3)))
