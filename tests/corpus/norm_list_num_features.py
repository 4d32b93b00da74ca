"""BatchNorm1d/2d given num_features as a one-element list or tuple, as SincNet does
(`nn.BatchNorm1d([self.input_dim], momentum=0.05)`). torch accepts it: the weight is
torch.empty([n]), so the layer is BatchNorm1d([40]) with 80 parameters and runs on (N, 40).

convlint: CL106 "num_features must be an int, got [40]" (a false error); with the size taken
from a required argument, "got [Unknown('int() of an unknown')]" (an unknown reported as a bug).
"""
import torch
import torch.nn as nn


class ListNorm(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(20, 40)
        self.bn = nn.BatchNorm1d([40], momentum=0.05)
        self.bn2 = nn.BatchNorm2d((8,))
        self.conv = nn.Conv2d(1, 8, 3, padding=1)

    def forward(self, x):
        y = self.bn(self.fc(x.flatten(1)[:, :20]))
        z = self.bn2(self.conv(x))
        return y, z


class ListNormFromOptions(nn.Module):
    def __init__(self, options):
        super().__init__()
        self.input_dim = int(options["input_dim"])
        self.bn0 = nn.BatchNorm1d([self.input_dim], momentum=0.05)

    def forward(self, x):
        return self.bn0(x)


if __name__ == "__main__":
    print([t.shape for t in ListNorm()(torch.randn(2, 1, 5, 5))])
    print(ListNormFromOptions({"input_dim": 40})(torch.randn(2, 40)).shape)
