"""A loop over a list argument nothing supplies, zipped with a list of widths, whose length an
assert states (CLMR's SampleCNN: `assert len(self.hidden) == len(self.strides)`): past the
assert the argument is that many values not known, so the loop runs that many times and the
widths are known; the strides are not, nor the lengths they make."""

import torch.nn as nn


class StridedStack(nn.Module):
    def __init__(self, strides, classes=10):
        super().__init__()
        self.strides = strides
        self.hidden = [[1, 16], [16, 32], [32, 64]]
        assert len(self.hidden) == len(self.strides), "one stride per layer"
        layers = []
        for stride, (cin, cout) in zip(self.strides, self.hidden):
            layers += [nn.Conv1d(cin, cout, kernel_size=stride, padding=1), nn.ReLU(), nn.MaxPool1d(stride)]
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(32, classes)  # BUG: the features have 64 channels

    def forward(self, x):
        return self.fc(self.features(x).mean(-1))


class StridedStackFixed(StridedStack):
    def __init__(self, strides, classes=10):
        super().__init__(strides, classes)
        self.fc = nn.Linear(64, classes)


class Unasserted(nn.Module):
    """The same loop with no assert: how many times it runs is not known, nor what follows."""

    def __init__(self, strides, classes=10):
        super().__init__()
        self.hidden = [[1, 16], [16, 32], [32, 64]]
        layers = []
        for stride, (cin, cout) in zip(strides, self.hidden):
            layers += [nn.Conv1d(cin, cout, kernel_size=stride, padding=1), nn.ReLU(), nn.MaxPool1d(stride)]
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(32, classes)

    def forward(self, x):
        return self.fc(self.features(x).mean(-1))
