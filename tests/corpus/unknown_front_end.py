"""A spectral front end convlint does not follow (torch.fft here; torchaudio's transforms in audio
nets): the conv after it fixes the channels, so what follows is still checked."""

import torch
import torch.nn as nn


class SpectralNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(33, 64, 5, padding=2)
        self.conv2 = nn.Conv1d(64, 64, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm1d(32)  # conv2 gives 64 channels

    def forward(self, frames):
        spec = torch.fft.rfft(frames).abs().transpose(1, 2)
        x = torch.relu(self.conv1(spec))
        return self.bn2(self.conv2(x))
