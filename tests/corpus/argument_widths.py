"""Widths made of constructor arguments nothing in the project supplies. Seen in kuc2477's
WGAN-GP critic (`nn.BatchNorm2d(channel_size * 4)` after a conv to `channel_size * 2`),
InceptionTime (`BatchNorm1d(3 * n_filters)` after a 4-way concat of n_filters each), CycleGAN's
U-Net (`ngf * 8` levels concatenated), WassersteinGAN's MLP (`Linear(ngf * 2, ...)`): with the
arguments unknown, every width was unknown and the bugs were missed. Each argument is now a
symbol: a mismatch that holds for every value of it is an error, anything else stays unknown.

torch: Critic(c) fails for every c (running_mean should contain 4c elements not 2c); Inception(n)
fails for every n; UNetTail(ngf), Distill(c) and Bottlenecked(c, n)
fail for every value; the Good* models run for every value.
"""
import torch
import torch.nn as nn


class Critic(nn.Module):
    def __init__(self, channel_size, image_size):
        super().__init__()
        self.conv1 = nn.Conv2d(3, channel_size, 4, 2, 1)
        self.conv2 = nn.Conv2d(channel_size, channel_size * 2, 4, 2, 1)
        self.bn2 = nn.BatchNorm2d(channel_size * 4)  # BUG: conv2 gives channel_size * 2
        self.fc = nn.Linear((image_size // 4) ** 2 * channel_size * 2, 1)

    def forward(self, x):
        x = self.bn2(self.conv2(self.conv1(x)))
        return self.fc(x.view(x.size(0), -1))


class Inception(nn.Module):
    def __init__(self, in_channels, n_filters):
        super().__init__()
        self.branches = nn.ModuleList([nn.Conv1d(in_channels, n_filters, k, padding=k // 2) for k in (9, 19, 39)])
        self.pool_conv = nn.Conv1d(in_channels, n_filters, 1)
        self.bn = nn.BatchNorm1d(3 * n_filters)  # BUG: four branches of n_filters are concatenated

    def forward(self, x):
        out = torch.cat([branch(x) for branch in self.branches] + [self.pool_conv(x)], dim=1)
        return self.bn(out)


def pass_through(x):
    return x


class Bottlenecked(nn.Module):
    """InceptionTime's module: a 1x1 bottleneck conv, or a plain function when there is one input
    channel, by a condition on an argument not given: each choice followed when it is called."""

    def __init__(self, in_channels, n_filters):
        super().__init__()
        if in_channels > 1:
            self.bottleneck = nn.Conv1d(in_channels, 32, 1, bias=False)
            bottleneck_channels = 32
        else:
            self.bottleneck = pass_through
            bottleneck_channels = 1
        self.convs = nn.ModuleList([nn.Conv1d(bottleneck_channels, n_filters, k, padding=k // 2) for k in (9, 19)])
        self.pool_conv = nn.Conv1d(in_channels, n_filters, 1)
        self.bn = nn.BatchNorm1d(2 * n_filters)  # BUG: three branches of n_filters are concatenated

    def forward(self, x):
        z = self.bottleneck(x)
        return self.bn(torch.cat([conv(z) for conv in self.convs] + [self.pool_conv(x)], 1))


class UNetTail(nn.Module):
    def __init__(self, ngf):
        super().__init__()
        self.down = nn.Conv2d(ngf * 8, ngf * 8, 4, 2, 1)
        self.up = nn.ConvTranspose2d(ngf * 8, ngf * 8, 4, 2, 1)
        self.fuse = nn.Conv2d(ngf * 8, ngf * 4, 3, padding=1)  # BUG: the cat gives ngf * 16

    def forward(self, x):
        return self.fuse(torch.cat([x, self.up(self.down(x))], 1))


def conv_layer(in_channels, out_channels, kernel_size):
    return nn.Conv2d(in_channels, out_channels, kernel_size, padding=kernel_size // 2)


class Distill(nn.Module):
    """RFDN's RFDB: four branches of in_channels // 2 concatenated, fused by a helper's conv."""

    def __init__(self, in_channels):
        super().__init__()
        self.dc = in_channels // 2
        self.c1 = conv_layer(in_channels, self.dc, 1)
        self.c2 = conv_layer(in_channels, self.dc, 1)
        self.c3 = conv_layer(in_channels, self.dc, 1)
        self.c4 = conv_layer(in_channels, self.dc, 3)
        self.c5 = conv_layer(self.dc * 3, in_channels, 1)  # BUG: the cat gives 4 * (in_channels // 2)

    def forward(self, x):
        out = torch.cat([self.c1(x), self.c2(x), self.c3(x), self.c4(x)], dim=1)
        return self.c5(out) + x


class GoodUNetTail(UNetTail):
    def __init__(self, ngf):
        super().__init__(ngf)
        self.fuse = nn.Conv2d(ngf * 16, ngf * 4, 3, padding=1)


class GoodWidths(nn.Module):
    """Correct for every value: widths a value may make equal, and arguments that are not
    widths (a mode string, a float multiplier, an int-or-tuple test) are never errors."""

    def __init__(self, nc, ndf, alpha, mode, half):
        super().__init__()
        self.conv = nn.Conv2d(nc, ndf, 3, padding=1)
        self.norm = nn.BatchNorm2d(ndf) if mode in ("bn", "batch") else nn.GroupNorm(1, ndf)
        self.wide = nn.Conv2d(ndf, int(64 * alpha), 1)
        self.bn_wide = nn.BatchNorm2d(48)  # right when alpha = 0.75
        self.narrow = nn.Conv2d(48, half // 2 * 2, 1)
        self.bn_narrow = nn.BatchNorm2d(half)  # right for every even `half`
        self.pad = (ndf, ndf) if isinstance(ndf, int) else ndf

    def forward(self, x):
        x = self.norm(self.conv(x))
        return self.bn_narrow(self.narrow(self.bn_wide(self.wide(x))))


class LatentGenerator(nn.Module):
    """A DCGAN generator whose latent width is a required argument (pytorch-gan-collections'
    `Generator(z_dim, M)`): `z.view(-1, self.z_dim, 1, 1)` of the input, its rank not known yet, is
    an N x z_dim x 1 x 1 latent, so every shape after it is known (it was unknown)."""

    def __init__(self, z_dim):
        super().__init__()
        self.z_dim = z_dim
        self.main = nn.Sequential(nn.ConvTranspose2d(z_dim, 64, 4, 1, 0), nn.ReLU(), nn.ConvTranspose2d(64, 3, 4, 2, 1))

    def forward(self, z):
        return self.main(z.view(-1, self.z_dim, 1, 1))
