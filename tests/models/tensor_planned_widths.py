"""Stage widths and depths computed from a few numbers with tensor arithmetic, the way design-space
networks (RegNet) plan them: torch.arange, log, round, pow, .int().tolist(), torch.diff,
len(set(...)), zips and comprehensions; and a second plan from linspace, cumsum and item()."""
import math

import torch
import torch.nn as nn


def quantised_plan(depth, w_0, w_a, w_m, quantum=8):
    """Per-block widths on a log scale, rounded to multiples of `quantum`; then the runs of equal
    width become stages: (widths, depths)."""
    linear = torch.arange(depth) * w_a + w_0
    exponents = torch.round(torch.log(linear / w_0) / math.log(w_m))
    block_widths = (torch.round(torch.divide(w_0 * torch.pow(w_m, exponents), quantum)) * quantum).int().tolist()
    count = len(set(block_widths))
    changes = [a != b for a, b in zip(block_widths + [0], [0] + block_widths)]
    widths = [w for w, new in zip(block_widths, changes[:-1]) if new]
    depths = torch.diff(torch.tensor([i for i, new in enumerate(changes) if new])).int().tolist()
    assert len(widths) == count
    return widths, depths


def fit_groups(width, group_width):
    group_width = min(group_width, width)
    return int(width + group_width / 2) // group_width * group_width, group_width


class PlannedBlock(nn.Module):
    def __init__(self, cin, cout, stride, group_width):
        super().__init__()
        self.reduce = nn.Conv2d(cin, cout, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.grouped = nn.Conv2d(cout, cout, 3, stride, 1, groups=cout // group_width, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = None
        if cin != cout or stride != 1:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        out = self.relu(self.bn1(self.reduce(x)))
        out = self.bn2(self.grouped(out))
        return self.relu(out + (x if self.shortcut is None else self.shortcut(x)))


# convlint: input-shape=(2, 3, 32, 32)
class PlannedNet(nn.Module):
    def __init__(self, depth=9, w_0=16, w_a=9.37, w_m=1.83, group_width=8, num_classes=10):
        super().__init__()
        widths, depths = quantised_plan(depth, w_0, w_a, w_m)
        fitted = [fit_groups(w, group_width) for w in widths]
        self.stem = nn.Sequential(nn.Conv2d(3, w_0, 3, 1, 1, bias=False), nn.BatchNorm2d(w_0), nn.ReLU())
        stages = []
        cin = w_0
        for index, ((width, groups), count) in enumerate(zip(fitted, depths)):
            blocks = nn.Sequential()
            for i in range(count):
                blocks.add_module(f"b{index}-{i}", PlannedBlock(cin if i == 0 else width, width, 2 if i == 0 else 1,
                                                                groups))
            stages.append((f"stage{index + 1}", blocks))
            cin = width
        self.stages = nn.Sequential(*[module for _, module in stages])
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(cin, num_classes)

    def forward(self, x):
        x = self.stages(self.stem(x))
        return self.fc(torch.flatten(self.pool(x), 1))


# convlint: input-shape=(2, 3, 16, 16)
class RampNet(nn.Module):
    """Widths from torch.linspace, each stage's end from a cumsum, a squeeze from sqrt and exp."""

    def __init__(self, num_classes=5):
        super().__init__()
        widths = (torch.linspace(1, 4, 4) * 8).long()
        ends = torch.cumsum(torch.tensor([1, 2, 1, 1]), 0)
        squeeze = int(torch.sqrt(torch.tensor(64.0)).item() * torch.exp(torch.zeros(1)).item())
        layers = []
        cin, previous = 3, 0
        for width, end in zip(widths, ends):
            layers += [nn.Conv2d(cin, int(width), 3, padding=1), nn.ReLU()]
            layers += [nn.Conv2d(int(width), int(width), 1) for _ in range(int(end) - previous - 1)]
            cin, previous = width.item(), int(end)
        self.features = nn.Sequential(*layers)
        self.squeeze = nn.Conv2d(cin, squeeze, 1)
        self.head = nn.Linear(squeeze * int(widths.numel()), num_classes)

    def forward(self, x):
        x = self.squeeze(self.features(x))
        return self.head(nn.functional.adaptive_avg_pool2d(x, 2).flatten(1))
