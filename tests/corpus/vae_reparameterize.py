"""The VAE bottleneck (sksq96/pytorch-vae and most VAE tutorials): `logvar.mul(0.5).exp_()`,
`torch.randn(*mu.size())`, `mu + std * eps`, then a Linear back up to the decoder's size.

convlint (no options), before: `Tensor.mul is not modelled`, z unknown, and a decoder Linear
built with the encoder's size instead of z's (injected: Linear(h_dim, h_dim)) missed.
torch: RuntimeError "mat1 and mat2 shapes cannot be multiplied (2x32 and 1024x1024)".
"""
import torch
import torch.nn as nn


class Flatten(nn.Module):
    def forward(self, input):
        return input.view(input.size(0), -1)


class Bottleneck(nn.Module):
    def __init__(self, h_dim=1024, z_dim=32):
        super().__init__()
        self.encoder = nn.Sequential(nn.Conv2d(3, 64, 4, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(4), Flatten())
        self.fc1 = nn.Linear(h_dim, z_dim)
        self.fc2 = nn.Linear(h_dim, z_dim)
        self.fc3 = nn.Linear(h_dim, h_dim)  # BUG: z has z_dim features

    def forward(self, x):
        h = self.encoder(x)
        mu, logvar = self.fc1(h), self.fc2(h)
        std = logvar.mul(0.5).exp_()
        z = mu + std * torch.randn(*mu.size())
        return self.fc3(z)
