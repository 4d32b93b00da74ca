"""Blocks appended to a list an attribute holds, in each branch of a condition not known
statically: `blockIndex = architecture[archIndex]` then `if blockIndex == 0:
self.features.append(Shufflenet(inp, outp, ..., ksize=3))` / `elif blockIndex == 1: ...ksize=5`
(megvii-model/ShuffleNet-Series ShuffleNetV2+, its architecture given by the caller).

convlint, before: each branch appended its block to the one list the attribute holds, and undoing
a branch put back the attribute, not the list's items: the list kept every branch's block, so the
Sequential made from it ran a stride-2 block where a stride-1 one goes, a false CL103 ("expects 16
input channels, but torch.cat gives 68").
torch: Net([0, 1, 1])(torch.zeros(2, 3, 32, 32)) and any other architecture run.
"""
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, inp, outp, ksize, stride):
        super().__init__()
        self.conv = nn.Conv2d(inp, outp, ksize, stride, ksize // 2)

    def forward(self, x):
        return torch.relu(self.conv(x))


class Net(nn.Module):
    def __init__(self, architecture=None):
        super().__init__()
        self.features = []
        input_channel = 16
        self.stem = nn.Conv2d(3, input_channel, 3, padding=1)
        for index, width in enumerate((32, 32, 64)):
            stride = 2 if index == 0 else 1
            choice = architecture[index]
            if choice == 0:
                self.features.append(Block(input_channel, width, 3, stride))
            elif choice == 1:
                self.features.append(Block(input_channel, width, 5, stride))
            input_channel = width
        self.features = nn.Sequential(*self.features)
        self.head = nn.Linear(input_channel, 10)

    def forward(self, x):
        return self.head(self.features(self.stem(x)).mean((2, 3)))
