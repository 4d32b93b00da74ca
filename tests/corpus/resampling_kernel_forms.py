"""A waveform U-Net with sinc resampling, as denoising nets write it: `nn.GLU(1)` after each
encoder conv, a kernel built from `torch.hann_window(4 * zeros + 1)[1::2]` and
`torch.where(t == 0, torch.tensor(1.), torch.sin(t) / t)`, `*other, time = x.shape`, and skips
trimmed with `skip[..., :x.shape[-1]]`. convlint left the GLU, torch.where and the window unknown,
and `x[..., :k]` unknown without listing it: every decoder layer after the first skip was unknown
while the model read "everything followed". Pattern of facebookresearch/denoiser demucs.py and
resample.py (Demucs: 3 of 33 modules). torch: Unet() runs on 2x1x64: every module's shape as
convlint's."""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def sinc(t):
    return torch.where(t == 0, torch.tensor(1., device=t.device, dtype=t.dtype), torch.sin(t) / t)


def upsample2(x, zeros=8):
    win = torch.hann_window(4 * zeros + 1, periodic=False)
    t = torch.linspace(-zeros + 0.5, zeros - 0.5, 2 * zeros) * math.pi
    kernel = (sinc(t) * win[1::2]).view(1, 1, -1).to(x)
    *other, time = x.shape
    out = F.conv1d(x.view(-1, 1, time), kernel, padding=zeros)[..., 1:].view(*other, time)
    return torch.stack([x, out], dim=-1).view(*other, -1)


class Unet(nn.Module):
    def __init__(self, hidden=4, depth=2):
        super().__init__()
        self.encoder = nn.ModuleList()
        self.decoder = nn.ModuleList()
        glu = nn.GLU(1)
        chin, chout = 1, 1
        for index in range(depth):
            self.encoder.append(nn.Sequential(nn.Conv1d(chin, hidden, 4, 2), nn.ReLU(),
                                              nn.Conv1d(hidden, 2 * hidden, 1), glu))
            self.decoder.insert(0, nn.Sequential(nn.Conv1d(hidden, 2 * hidden, 1), glu,
                                                 nn.ConvTranspose1d(hidden, chout, 4, 2)))
            chin, chout, hidden = hidden, hidden, 2 * hidden

    def forward(self, mix):
        x = upsample2(mix)
        skips = []
        for encode in self.encoder:
            x = encode(x)
            skips.append(x)
        for decode in self.decoder:
            skip = skips.pop(-1)
            x = x + skip[..., :x.shape[-1]]
            x = F.glu(torch.cat([decode(x), decode(x)], dim=1), dim=1)
        return x[..., :mix.shape[-1]]
