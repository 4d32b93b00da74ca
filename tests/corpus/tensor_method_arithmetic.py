"""A VAE's reparametrisation written with Tensor methods of PyTorch 0.3 (1Konny/Beta-VAE model.py:
`std = logvar.div(2).exp(); eps = Variable(std.data.new(std.size()).normal_()); return mu + std*eps`).
convlint did not model `x.div(2)`, `x.new(size)`, `.normal_()` nor `Variable(x)`: z was unknown,
and so was the whole decoder (13 of 26 modules of BetaVAE_H matched torch), and the wrong Linear
below was missed.

convlint (no options): nothing; -v: "Tensor.div is not modelled", "torch.autograd.Variable is not
modelled".
torch: Vae()(torch.zeros(2, 3, 16, 16)) -> RuntimeError: mat1 and mat2 shapes cannot be
multiplied (2x8 and 16x32).
"""
import torch
import torch.nn as nn
from torch.autograd import Variable


def reparametrize(mu, logvar):
    std = logvar.div(2).exp()
    eps = Variable(std.data.new(std.size()).normal_())
    return mu + std * eps


class Vae(nn.Module):
    def __init__(self, z_dim=8):
        super().__init__()
        self.z_dim = z_dim
        self.encoder = nn.Sequential(nn.Conv2d(3, 16, 4, 2, 1), nn.ReLU(), nn.Flatten(), nn.Linear(16 * 8 * 8, z_dim * 2))
        self.decoder = nn.Linear(16, 32)  # BUG: z has z_dim = 8 features

    def forward(self, x):
        stats = self.encoder(x)
        mu, logvar = stats[:, :self.z_dim], stats[:, self.z_dim:]
        z = reparametrize(mu, logvar)
        z = z.mul(1.0).add(mu).sub_(mu).div_(2)
        return self.decoder(z)
