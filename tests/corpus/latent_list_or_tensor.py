"""A generator taking a latent or a list of latents, and a blur that flips its kernel.

rosinality/style-based-gan-pytorch model.py: StyledGenerator.forward begins `if type(input) not
in (list, tuple): input = [input]`; Blur builds its kernel with `torch.flip(weight, [2, 3])`.
convlint left type() of a tensor and torch.flip unknown: 0 of 46 modules of StyledGenerator.
"""

import torch
import torch.nn as nn


class Mapping(nn.Module):
    def __init__(self, code_dim=16):
        super().__init__()
        self.style = nn.Sequential(nn.Linear(code_dim, code_dim), nn.LeakyReLU(0.2), nn.Linear(code_dim, 32))
        self.to_map = nn.ConvTranspose2d(32, 8, 4)
        self.head = nn.Conv2d(8, 3, 1)

    def forward(self, input):
        if type(input) not in (list, tuple):
            input = [input]
        styles = [self.style(i) for i in input]
        out = self.to_map(styles[0].view(styles[0].size(0), -1, 1, 1))
        return self.head(torch.flip(out, [2, 3]).flip(1))
