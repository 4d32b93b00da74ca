"""A module set on only one path of a condition nothing decides (`if self.supervised:
self.dropout = ...`), called in forward under that condition, then the map reshaped to
(batch, channels x length) by the product of its sizes (CLMR's SampleCNN): where forward goes
on past the call the module was set, so its output is followed, and the Linear's features are
channels x length, whatever the length."""

import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self, strides, supervised, classes=50):
        super().__init__()
        self.supervised = supervised
        layers = [nn.Conv1d(1, 32, kernel_size=3, stride=3), nn.ReLU()]
        for i in range(3):
            layers += [nn.Conv1d(32, 32, kernel_size=strides[i], padding=1), nn.MaxPool1d(strides[i])]
        layers += [nn.Conv1d(32, 64, kernel_size=3, padding=1)]
        self.features = nn.Sequential(*layers)
        if self.supervised:
            self.dropout = nn.Dropout(0.5)
        self.fc = nn.Linear(32, classes)  # BUG: 64 channels times the length, a multiple of 64

    def forward(self, x):
        out = self.features(x)
        if self.supervised:
            out = self.dropout(out)
        out = out.reshape(x.shape[0], out.size(1) * out.size(2))
        return self.fc(out)


class TaggerFixed(Tagger):
    def __init__(self, strides, supervised, classes=50):
        super().__init__(strides, supervised, classes)
        self.fc = nn.Linear(64, classes)  # right when the length comes out as 1
