"""Layers that rearrange rather than slide: unpooling with its pool's indices, pixel and channel
shuffles, patches by Unfold and Fold, lazy layers, an embedding, weights held in nn.Parameter."""
import torch
import torch.nn as nn
import torch.nn.functional as F


# convlint: input-shape=(2, 3, 32, 32)
class SegNetTiny(nn.Module):
    """SegNet's decoder: each MaxUnpool2d takes the indices and the size of its encoder's pool."""

    def __init__(self, width=16):
        super().__init__()
        self.enc1 = nn.Sequential(nn.Conv2d(3, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU())
        self.enc2 = nn.Conv2d(width, width, 3, padding=1)
        self.pool = nn.MaxPool2d(2, return_indices=True)
        self.unpool = nn.MaxUnpool2d(2)
        self.dec = nn.Conv2d(width, 4, 1)

    def forward(self, x):
        x = self.enc1(x)
        size1 = x.size()
        x, indices1 = self.pool(x)
        x = self.enc2(x)
        size2 = x.size()
        x, indices2 = self.pool(x)
        x = self.unpool(self.unpool(x, indices2, output_size=size2), indices1, output_size=size1)
        return self.dec(x)


# convlint: input-shape=(1, 3, 16, 16)
class SuperResolution(nn.Module):
    """ESPCN with a ShuffleNet body: PixelUnshuffle folds 2x2 blocks into channels, grouped convs
    with a channel shuffle between them, PixelShuffle unfolds 4x4 blocks at the end."""

    def __init__(self, groups=3):
        super().__init__()
        self.stem = nn.PixelUnshuffle(2)
        self.gconv = nn.Conv2d(12, 24, 3, padding=1, groups=groups)
        self.shuffle = nn.ChannelShuffle(groups)
        self.out = nn.Conv2d(24, 48, 3, padding=1, groups=groups)
        self.upscale = nn.PixelShuffle(4)

    def forward(self, x):
        return self.upscale(self.out(self.shuffle(torch.tanh(self.gconv(self.stem(x))))))


# convlint: input-shape=(2, 3, 32, 32)
class PatchMixer(nn.Module):
    """Patches by Unfold, a LazyLinear per patch, back to an image by Fold, a LazyConv2d head."""

    def __init__(self, patch=4):
        super().__init__()
        self.unfold = nn.Unfold(patch, stride=patch)
        self.mix = nn.LazyLinear(3 * patch * patch)
        self.fold = nn.Fold(32, patch, stride=patch)
        self.head = nn.LazyConv2d(8, 1)

    def forward(self, x):
        return self.head(self.fold(self.mix(self.unfold(x).transpose(1, 2)).transpose(1, 2)))


# convlint: input-shape=(4, 20)
class TextCNN(nn.Module):
    """Kim's CNN for sentences: token indices embedded, a Conv1d over the words, max over time."""

    def __init__(self, vocab=100, dim=16):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim, padding_idx=0)
        self.conv = nn.Conv1d(dim, 8, 3)

    def forward(self, tokens):
        x = self.embed(tokens.long()).transpose(1, 2)
        return F.adaptive_max_pool1d(self.conv(x), 1).flatten(1)


# convlint: input-shape=(2, 3, 16, 16)
class StdConvNet(nn.Module):
    """Weight standardisation: F.conv2d and F.linear with their weights held in nn.Parameter."""

    def __init__(self):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(16, 3, 3, 3))
        self.bias = nn.Parameter(torch.zeros(16))
        self.classifier = nn.Parameter(torch.randn(10, 16))

    def forward(self, x):
        weight = self.weight - self.weight.mean(dim=(1, 2, 3), keepdim=True)
        x = F.relu(F.conv2d(x, weight, self.bias, padding=1))
        return F.linear(x.mean(dim=(2, 3)), self.classifier)
