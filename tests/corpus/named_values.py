"""Models nothing builds, whose constructors switch on an argument: the values the code names for
it (a dataset name, a table key, a boolean flag) are each a configuration the file supports."""

import torch.nn as nn


class Basic(nn.Module):
    expansion = 1

    def __init__(self, planes_in, planes, stride=1):
        super().__init__()
        self.conv = nn.Conv2d(planes_in, planes * self.expansion, 3, stride, 1)

    def forward(self, x):
        return self.conv(x)


class Wide(Basic):
    expansion = 4


class DatasetNet(nn.Module):
    """Right in every configuration its code names."""

    def __init__(self, dataset, depth, num_classes, bottleneck=False):
        super().__init__()
        self.dataset = dataset
        if self.dataset.startswith("cifar"):
            block = Wide if bottleneck == True else Basic  # noqa: E712 (as written in the wild)
            n = (depth - 2) // 6
            layers = [block(3, 16)]
            for _ in range(1, n):
                layers.append(block(16 * block.expansion, 16))
            self.features = nn.Sequential(*layers)
            self.fc = nn.Linear(16 * block.expansion, num_classes)
        elif dataset == "imagenet":
            self.features = nn.Sequential(nn.Conv2d(3, 64, 7, 2, 3), nn.MaxPool2d(3, 2, 1))
            self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.features(x)
        x = nn.functional.adaptive_avg_pool2d(x, 1)
        return self.fc(x.view(x.size(0), -1))


class ForgetsExpansion(nn.Module):
    """The head ignores the bottleneck's expansion: wrong only with bottleneck=True."""

    def __init__(self, dataset, depth, num_classes, bottleneck=False):
        super().__init__()
        self.dataset = dataset
        if self.dataset in ("cifar10", "cifar100"):
            block = Wide if bottleneck else Basic
            n = (depth - 2) // 6
            layers = [block(3, 16)]
            for _ in range(1, n):
                layers.append(block(16 * block.expansion, 16))
            self.features = nn.Sequential(*layers)
            self.fc = nn.Linear(16, num_classes)  # [CL101] with bottleneck=True

    def forward(self, x):
        x = self.features(x)
        x = nn.functional.adaptive_avg_pool2d(x, 1)
        return self.fc(x.view(x.size(0), -1))


CFG = {
    "A": [16, "M", 32, "M"],
    "B": [16, "M", 32, "M", 64, "M"],
}


class Tabled(nn.Module):
    """A table of configurations: its classifier fits "A" only."""

    def __init__(self, name):
        super().__init__()
        layers, width = [], 3
        for v in CFG[name]:
            if v == "M":
                layers.append(nn.MaxPool2d(2))
            else:
                layers += [nn.Conv2d(width, v, 3, padding=1), nn.ReLU()]
                width = v
        self.features = nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1))
        self.classifier = nn.Linear(32, 10)  # fits row A only: built for some rows, B is no error

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


class Refuses(nn.Module):
    """A value it names only to refuse it: no configuration to check."""

    def __init__(self, mode):
        super().__init__()
        if mode == "tiny":
            raise NotImplementedError("tiny is not supported yet")
        self.conv = nn.Conv2d(3, 4 if mode == "tiny" else 8, 3)  # (4 never built)
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        x = self.conv(x).mean((2, 3))
        return self.fc(x)


class Kind(nn.Module):
    """A block: its values are those the models that build it pass ("plain" only)."""

    def __init__(self, width, kind):
        super().__init__()
        self.conv = nn.Conv2d(width, width * (2 if kind == "double" else 1), 3, padding=1)
        self.norm = nn.BatchNorm2d(width)

    def forward(self, x):
        return self.norm(self.conv(x))


class UsesKind(nn.Module):
    def __init__(self):
        super().__init__()
        self.block = Kind(8, "plain")

    def forward(self, x):
        return self.block(x)


class DatasetSized(nn.Module):
    """A CIFAR branch sized for CIFAR's 32x32 images: its pool fits 32x32 only when the map is 8x8
    (at 64x64 inputs the same pool and head would work, so only the dataset's size shows it)."""

    def __init__(self, dataset, num_classes, bottleneck=False):
        super().__init__()
        width = 64 if bottleneck else 16
        if dataset.startswith("cifar"):
            self.features = nn.Sequential(nn.Conv2d(3, width, 3, 2, 1), nn.Conv2d(width, width, 3, 2, 1))
            self.pool = nn.AvgPool2d(16)  # [CL105] with dataset='cifar', on its 3x32x32 images
            self.fc = nn.Linear(width, num_classes)
        elif dataset == "mnist":
            self.features = nn.Sequential(nn.Conv2d(1, width, 3, 2, 1), nn.Conv2d(width, width, 3, 2, 1))
            self.pool = nn.AvgPool2d(7)
            self.fc = nn.Linear(width, num_classes)

    def forward(self, x):
        x = self.pool(self.features(x))
        return self.fc(x.view(x.size(0), -1))


class NoiseGenerator(nn.Module):
    """A generator that names its dataset: it is fed noise, not the dataset's images."""

    def __init__(self, dataset, nz=100):
        super().__init__()
        channels = 1 if dataset == "mnist" else 3
        self.fc = nn.Linear(nz, 64 * 7 * 7)
        self.up = nn.ConvTranspose2d(64, channels, 4, 2, 1)

    def forward(self, z):
        return self.up(self.fc(z).view(-1, 64, 7, 7))


class OptionalPool(nn.Module):
    """`pool=False` means none, an int that window (callers pass pool=5): a value, not a flag, so
    True is no value the code names (MaxPool1d(True) would be a false error)."""

    def __init__(self, channels, pool=False):
        super().__init__()
        self.conv = nn.Conv1d(channels, channels, 3, padding=1)
        self.mp = nn.MaxPool1d(pool) if pool else False

    def forward(self, x):
        x = self.conv(x)
        if self.mp:
            x = self.mp(x)
        return x
