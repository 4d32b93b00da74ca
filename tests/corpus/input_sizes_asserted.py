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
