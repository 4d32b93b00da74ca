"""A VAE sampling its code through torch.distributions: `Normal(mu, logvar.mul(.5).exp())`,
`.rsample()` into the decoder, `kl_divergence(q, p)` for the loss. Seen in
ritheshkumar95/pytorch-vqvae (modules.py VAE); the same form is common in VAE tutorials.

convlint: Normal(...) an unknown call, so the sample and the whole decoder unknown (VAE 12 of
24 modules matching), and a decoder built for the wrong number of latent channels missed.

torch: a distribution's batch shape is its parameters' broadcast shape and rsample() gives
that shape (sample_shape first when given). With a 2x3x16x16 input: encoder [2, 16, 4, 4],
decoder [2, 3, 16, 16]. SmallVae(latent=8) with the decoder's first conv built for 16
channels stops with "expected input[2, 8, 4, 4] to have 16 channels"."""

import torch
import torch.nn as nn
from torch.distributions import Normal, kl_divergence


class SmallVae(nn.Module):
    def __init__(self, latent=8, decoder_in=None):
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(3, 32, 4, 2, 1), nn.ReLU(True),
            nn.Conv2d(32, latent * 2, 4, 2, 1),
        )
        self.decoder = nn.Sequential(
            nn.ConvTranspose2d(decoder_in or latent, 32, 4, 2, 1), nn.ReLU(True),
            nn.ConvTranspose2d(32, 3, 4, 2, 1), nn.Tanh(),
        )

    def forward(self, x):
        mu, logvar = self.encoder(x).chunk(2, dim=1)
        q = Normal(mu, logvar.mul(.5).exp())
        p = Normal(torch.zeros_like(mu), torch.ones_like(logvar))
        self.kl = kl_divergence(q, p).sum(1).mean()  # for the loss
        return self.decoder(q.rsample())


class WrongLatent(SmallVae):
    def __init__(self):
        super().__init__(latent=8, decoder_in=16)
