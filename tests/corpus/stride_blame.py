"""A stride changed on one layer of a stack breaks a later layer: the finding is reported at the
layer whose stride stands out, when giving it the stride it likely lacks makes the model run.
torch: Critic and Encoder run on 2x3x32x32; the others raise."""

import torch
import torch.nn as nn


class Critic(nn.Module):
    def __init__(self, stride=2):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(3, 16, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(16, 32, 4, stride, 1), nn.LeakyReLU(0.2),
        )
        self.fc = nn.Linear(32 * 8 * 8, 1)

    def forward(self, x):
        x = self.conv(x)
        return self.fc(x.view(-1, 32 * 8 * 8))


class HalvingCritic(Critic):
    def __init__(self):
        super().__init__(stride=1)  # conv.2 keeps (nearly) the size: kernel 4, padding 1 at stride 1


class Encoder(nn.Module):
    def __init__(self, last=2, features=64 * 4 * 4):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, 2, 1), nn.ReLU(),
            nn.Conv2d(32, 64, 3, last, 1), nn.ReLU(),
        )
        self.fc = nn.Linear(features, 10)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))


class UnstridedEncoder(Encoder):
    def __init__(self):
        super().__init__(last=1)  # every other 3x3 conv halves the map


class WrongHead(Encoder):
    def __init__(self):
        super().__init__(features=64 * 8 * 8)  # the head is wrong, the strides agree


class ReflectBlock(nn.Module):
    """A CycleGAN residual block: reflection padding, two unstrided convs, the input added back."""

    def __init__(self, channels, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, stride, 0)
        self.conv2 = nn.Conv2d(channels, channels, 3, 1, 0)

    def forward(self, x):
        y = torch.relu(self.conv1(nn.functional.pad(x, (1, 1, 1, 1), "reflect")))
        y = self.conv2(nn.functional.pad(y, (1, 1, 1, 1), "reflect"))
        return x + y


class ResnetGenerator(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(), nn.Conv2d(16, 16, 3, 2, 1))
        self.blocks = nn.Sequential(ReflectBlock(16), ReflectBlock(16))

    def forward(self, x):
        return self.blocks(self.down(x))


class StridedResnetGenerator(ResnetGenerator):
    """One block given stride 2: no input size runs (its add meets only maps of 8 pixels or
    fewer, where the reflection padding stops the model first)."""

    def __init__(self):
        super().__init__()
        self.blocks[0] = ReflectBlock(16, stride=2)


class StridedBlockGenerator(nn.Module):
    """The same stride written in the block itself, the image channels a required argument."""

    def __init__(self, input_nc):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(input_nc, 16, 3, 2, 1), nn.ReLU(), nn.Conv2d(16, 16, 3, 2, 1))
        self.blocks = nn.Sequential(StridedReflectBlock(16), StridedReflectBlock(16))

    def forward(self, x):
        return self.blocks(self.down(x))


class StridedReflectBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, 2, 0)  # a residual block's conv at stride 2
        self.conv2 = nn.Conv2d(channels, channels, 3, 1, 0)

    def forward(self, x):
        y = torch.relu(self.conv1(nn.functional.pad(x, (1, 1, 1, 1), "reflect")))
        y = self.conv2(nn.functional.pad(y, (1, 1, 1, 1), "reflect"))
        return x + y
