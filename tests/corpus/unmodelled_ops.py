"""Constructs of real GAN / super-resolution / 1-D audio code whose output convlint leaves
unknown (input given: --input-shape NAME=shape below), so every module after them is unresolved
in the module-by-module comparison with torch. Shapes are torch's (forward hooks, first call).

  WeightNorm   weight_norm(nn.Conv1d(...)) as in locuslab/TCN: conv and the Sequential holding
               it unknown ("the modules of this Sequential are not known statically"); TCN
               TemporalConvNet 0 of 91 modules. torch: conv [2, 8, 10], net [2, 8, 10].
  SpectralNorm nn.utils.spectral_norm(nn.Conv2d(...)) (SN-GAN discriminators): "a call of
               something not known statically". torch: conv [2, 8, 8, 8], conv2 [2, 8, 4, 4].
  Shuffle      nn.PixelShuffle(2) (SRGAN, SRResNet, ESPCN): ps unknown. torch: [2, 3, 16, 16].
  Einsum       torch.einsum('abc,ab->abc', ...) (hsd1503 net1d SE block): result unknown and
               NOT listed (-v: "everything followed"); now followed. torch: [2, 8, 10].
  Recurrent    nn.LSTM / nn.GRU after a Conv1d (CRNN audio taggers): "not modelled".
               torch: fc [2, 5].
  Embed        nn.Embedding: unknown. torch: emb [2, 10, 16], conv [2, 8, 8].
  Broadcast    Tensor.expand_as / expand / repeat (SE and conditioning blocks): "not modelled".
               torch: [2, 8, 8, 8].
  MaxDim       torch.max(t, dim=2)[0]: "torch.max is not modelled". torch: fc [2, 2].
  NpProd       nn.Linear(100, int(np.prod(img_shape))) (PyTorch-GAN gan, wgan, wgan_gp,
               softmax_gan Generators, 3 modules each): "out_features is not known (int() of an
               unknown)". torch: fc [2, 784].
"""
import numpy as np
import torch
import torch.nn as nn
from torch.nn.utils import spectral_norm, weight_norm


class WeightNorm(nn.Module):  # --input-shape WeightNorm=2,4,10
    def __init__(self):
        super().__init__()
        self.conv = weight_norm(nn.Conv1d(4, 8, 3, padding=1))
        self.net = nn.Sequential(self.conv, nn.ReLU())

    def forward(self, x):
        return self.net(x)


class SpectralNorm(nn.Module):  # --input-shape SpectralNorm=2,3,8,8
    def __init__(self):
        super().__init__()
        self.conv = spectral_norm(nn.Conv2d(3, 8, 3, padding=1))
        self.conv2 = nn.utils.spectral_norm(nn.Conv2d(8, 8, 4, 2, 1))

    def forward(self, x):
        return self.conv2(self.conv(x))


class Shuffle(nn.Module):  # --input-shape Shuffle=2,3,8,8
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 12, 3, padding=1)
        self.ps = nn.PixelShuffle(2)

    def forward(self, x):
        return self.ps(self.conv(x))


class Einsum(nn.Module):  # --input-shape Einsum=2,4,10
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 8, 3, padding=1)
        self.fc = nn.Linear(8, 8)

    def forward(self, x):
        out = self.conv(x)
        se = torch.sigmoid(self.fc(out.mean(-1)))
        return torch.einsum('abc,ab->abc', out, se)


class Recurrent(nn.Module):  # --input-shape Recurrent=2,4,10
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 8, 3, padding=1)
        self.rnn = nn.LSTM(8, 16, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(32, 5)

    def forward(self, x):
        out, _ = self.rnn(self.conv(x).permute(0, 2, 1))
        return self.fc(out[:, -1, :])


class Embed(nn.Module):  # --input-shape Embed=2,10 (token ids)
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 16)
        self.conv = nn.Conv1d(16, 8, 3)

    def forward(self, x):
        return self.conv(self.emb(x.long()).transpose(1, 2))


class Broadcast(nn.Module):  # --input-shape Broadcast=2,3,8,8
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)

    def forward(self, x):
        y = self.conv(x)
        w = y.mean((2, 3)).view(-1, 8, 1, 1).expand_as(y)
        v = y.mean((2, 3)).unsqueeze(2).unsqueeze(3).repeat(1, 1, x.size(2), x.size(3))
        return y * w + v


class MaxDim(nn.Module):  # --input-shape MaxDim=2,3,8,8
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 8, 3, padding=1)
        self.fc = nn.Linear(16, 2)

    def forward(self, x):
        out = self.conv(x)
        a = out.mean((2, 3))
        b = torch.max(out.view(out.size(0), out.size(1), -1), dim=2)[0]
        return self.fc(torch.cat((a, b), 1))


img_shape = (1, 28, 28)


class NpProd(nn.Module):  # --input-shape NpProd=2,100
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(100, int(np.prod(img_shape)))

    def forward(self, z):
        img = self.fc(z)
        return img.view(img.size(0), *img_shape)
