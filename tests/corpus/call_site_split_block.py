"""A ShuffleNetV2 unit called with the unsplit width: `ShuffleV2Block(input_channel, output_channel,
mid_channels=output_channel // 2, ...)` for a stride-1 unit, which sees half its input after the
channel split (megvii-model/ShuffleNet-Series, whose call passes `input_channel // 2`).

convlint, before: the 1x1 conv's CL103 stayed in the block, because the width that arrives (88)
is also the call's mid_channels, so "the block reads the wrong parameter" was not ruled out; that
the same wrong `inp` also makes `outputs = oup - inp` 0 (CL106) in the same unit was not counted.
torch: Wrong()(torch.zeros(2, 3, 32, 32)) raises "weight of size [88, 176, 1, 1], expected
input[2, 88, 8, 8] to have 176 channels, but got 88 channels instead"; Right() runs.
"""
import torch
import torch.nn as nn


class ShuffleV2Block(nn.Module):
    def __init__(self, inp, oup, mid_channels, *, ksize, stride):
        super().__init__()
        self.stride = stride
        outputs = oup - inp
        self.branch_main = nn.Sequential(
            nn.Conv2d(inp, mid_channels, 1, 1, 0, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, mid_channels, ksize, stride, ksize // 2, groups=mid_channels, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.Conv2d(mid_channels, outputs, 1, 1, 0, bias=False),
            nn.BatchNorm2d(outputs),
            nn.ReLU(inplace=True),
        )
        if stride == 2:
            self.branch_proj = nn.Sequential(
                nn.Conv2d(inp, inp, ksize, stride, ksize // 2, groups=inp, bias=False),
                nn.BatchNorm2d(inp),
                nn.Conv2d(inp, inp, 1, 1, 0, bias=False),
                nn.BatchNorm2d(inp),
                nn.ReLU(inplace=True),
            )

    def forward(self, old_x):
        if self.stride == 1:
            x_proj, x = old_x[:, : old_x.shape[1] // 2], old_x[:, old_x.shape[1] // 2:]
            return torch.cat((x_proj, self.branch_main(x)), 1)
        return torch.cat((self.branch_proj(old_x), self.branch_main(old_x)), 1)


class Right(nn.Module):
    def __init__(self):
        super().__init__()
        input_channel, output_channel = 24, 176
        self.first = nn.Conv2d(3, input_channel, 3, 2, 1)
        features = []
        for i in range(3):
            if i == 0:
                features.append(ShuffleV2Block(input_channel, output_channel, mid_channels=output_channel // 2,
                                               ksize=3, stride=2))
            else:
                features.append(ShuffleV2Block(input_channel // 2, output_channel,
                                               mid_channels=output_channel // 2, ksize=3, stride=1))
            input_channel = output_channel
        self.features = nn.Sequential(*features)

    def forward(self, x):
        return self.features(self.first(x))


class Wrong(Right):
    def __init__(self):
        nn.Module.__init__(self)
        input_channel, output_channel = 24, 176
        self.first = nn.Conv2d(3, input_channel, 3, 2, 1)
        features = []
        for i in range(3):
            if i == 0:
                features.append(ShuffleV2Block(input_channel, output_channel, mid_channels=output_channel // 2,
                                               ksize=3, stride=2))
            else:
                features.append(ShuffleV2Block(input_channel, output_channel,
                                               mid_channels=output_channel // 2, ksize=3, stride=1))
            input_channel = output_channel
        self.features = nn.Sequential(*features)
