"""Models whose forward() asserts its input's sizes before using it, and no code of the file
gives an input: `assert x.size(2) == 96 and x.size(3) == 96` (Lornatang/SRGAN-PyTorch
DiscriminatorForVGG, its classifier sized 512 * 6 * 6), `_, _, d = x.shape; assert d ==
self.input_dim` (cvqluu/TDNN: a Linear over F.unfold's context windows). With no options
convlint ran them on a symbolic input and could not judge the Linear: a wrong in_features
(3 * 3 for 6 * 6; input_dim for input_dim * context_size) was not found. torch stops at the
assert for any other size, so those dims are the asserted ones. torch: Discriminator() runs on
2x3x24x24 and TDNN() on 2x10x6; the Wrong ones fail at their Linear."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class Discriminator(nn.Module):
    def __init__(self, channels=16):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, channels, 3, 2, 1), nn.LeakyReLU(0.2, True),
                                      nn.Conv2d(channels, 2 * channels, 3, 2, 1), nn.LeakyReLU(0.2, True),
                                      nn.Conv2d(2 * channels, 2 * channels, 3, 2, 1))
        self.classifier = nn.Linear(2 * channels * 3 * 3, 1)

    def forward(self, x):
        assert x.size(2) == 24 and x.size(3) == 24, "Input image size must be 24x24"
        x = self.features(x)
        return self.classifier(torch.flatten(x, 1))


class WrongDiscriminator(Discriminator):
    def __init__(self, channels=16):
        super().__init__(channels)
        self.classifier = nn.Linear(2 * channels * 6 * 6, 1)


class TDNN(nn.Module):
    def __init__(self, input_dim=6, output_dim=16, context_size=3, dilation=1):
        super().__init__()
        self.input_dim, self.context_size, self.dilation = input_dim, context_size, dilation
        self.kernel = nn.Linear(input_dim * context_size, output_dim)
        self.bn = nn.BatchNorm1d(output_dim)

    def forward(self, x):
        _, _, d = x.shape
        assert (d == self.input_dim), 'Input dimension was wrong. Expected ({}), got ({})'.format(self.input_dim, d)
        x = F.unfold(x.unsqueeze(1), (self.context_size, self.input_dim), stride=(1, self.input_dim),
                     dilation=(self.dilation, 1))
        x = F.relu(self.kernel(x.transpose(1, 2)))
        return self.bn(x.transpose(1, 2)).transpose(1, 2)


class WrongTDNN(TDNN):
    def __init__(self, input_dim=6, output_dim=16):
        super().__init__(input_dim, output_dim)
        self.kernel = nn.Linear(input_dim, output_dim)


class SizedDiscriminator(nn.Module):
    """The size a constructor default states, asserted as a whole slice of the input's shape
    (`assert x.size()[-2:] == self.size`) and read again for the Linear: 24x24 only."""

    def __init__(self, size=(24, 24), stages=3):
        super().__init__()
        self.size = size
        self.features = nn.Sequential(*[nn.Conv2d(3 if i == 0 else 8, 8, 3, 2, 1) for i in range(stages)])
        self.classifier = nn.Linear(8 * (size[0] // 2 ** stages) * (size[1] // 2 ** stages), 1)

    def forward(self, x):
        assert x.size()[-2:] == self.size, f"need {self.size}"
        return self.classifier(torch.flatten(self.features(x), 1))


class WrongSizedDiscriminator(SizedDiscriminator):
    def __init__(self, size=(24, 24)):
        super().__init__(size)
        self.classifier = nn.Linear(8 * (size[0] // 4) * (size[1] // 4), 1)


class SidesUnpacked(nn.Module):
    """`h, w = self.size; assert x.shape[2:] == (h, w)`: the sides, and the rank 4."""

    def __init__(self, size=(16, 20)):
        super().__init__()
        self.size = size
        self.conv = nn.Conv2d(1, 4, 3, 2, 1)
        self.fc = nn.Linear(4 * 8 * 10, 2)

    def forward(self, x):
        h, w = self.size
        assert x.shape[2:] == (h, w)
        return self.fc(self.conv(x).flatten(1))


class WrongSidesUnpacked(SidesUnpacked):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4 * 16 * 20, 2)


class WholeImage(nn.Module):
    """`assert x.shape[1:] == (3, 12, 12)`: channels and sides, the batch any."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.fc = nn.Linear(4 * 10 * 10, 2)

    def forward(self, x):
        assert x.shape[1:] == (3, 12, 12)
        return self.fc(self.conv(x).flatten(1))


class WrongWholeImage(WholeImage):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4 * 12 * 12, 2)


class ListedSize(WrongSizedDiscriminator):
    """A list never equals a torch.Size: this assert fails on every input, so it pins no size."""

    def __init__(self):
        super().__init__([24, 24])
