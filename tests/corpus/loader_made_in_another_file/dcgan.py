"""The input size of a model set by a function of another project file (Natsu6767/DCGAN-PyTorch:
train.py does `dataloader = get_celeba(params)` with get_celeba in utils.py making an ImageFolder
with Resize(params['imsize']) and CenterCrop(params['imsize']), params['imsize'] = 64, and feeds
`netD(data[0])` for each batch). Injected there: the last conv's kernel 4 -> 8 on the 4x4 map.

convlint dcgan.py (no options, from this folder), before: no error; the Discriminator analysed
with a symbolic input (the loader train.py iterates is what get_celeba returns: not followed).
Now: CL105 on `out`, input 128x3x64x64 from train.py line 14 on ImageFolder batches (utils.py line 17).
torch: Discriminator(params)(torch.zeros(2, 3, 64, 64)) -> RuntimeError: Calculated padded input
size per channel: (4 x 4). Kernel size: (8 x 8). Kernel size can't be greater than actual input size.
"""
import torch.nn as nn


class Discriminator(nn.Module):
    def __init__(self, params):
        super().__init__()
        ndf = params["ndf"]
        self.features = nn.Sequential(
            nn.Conv2d(params["nc"], ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
            nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
            nn.Conv2d(ndf * 4, ndf * 8, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
        )
        self.out = nn.Conv2d(ndf * 8, 1, 8, 1, 0, bias=False)  # BUG: the map is 4x4 at 64x64

    def forward(self, x):
        return self.out(self.features(x)).flatten()
