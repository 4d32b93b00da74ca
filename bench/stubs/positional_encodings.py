"""Stand-in for the positional-encodings package: encodings are zeros of the input's shape."""
import torch
import torch.nn as nn


class PositionalEncodingPermute1D(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.channels = channels

    def forward(self, x):
        return torch.zeros_like(x)


PositionalEncoding1D = PositionalEncodingPermute1D
