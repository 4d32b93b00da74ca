"""A layer both paths of a condition not known statically run, on the same input: the DCGAN
discriminator of pytorch/examples (dcgan/main.py) and every GAN copied from it picks
`nn.parallel.data_parallel(self.main, input, range(self.ngpu))` when `input.is_cuda and
self.ngpu > 1`, else `self.main(input)`.

convlint: both paths followed and every call on them marked "may not run", so a wrong
in_channels inside `self.main` was never reported (the injected `nn.Conv2d(ndf * 3, ...)` missed).
torch: `Discriminator(1)(torch.randn(2, 3, 64, 64))` -> RuntimeError: Given groups=1, weight of
size [256, 192, 4, 4], expected input[2, 128, 16, 16] to have 192 channels, but got 128 channels
instead. Only the wrong conv is reported; the layers only one path runs stay speculative.
"""
import torch
import torch.nn as nn

ndf = 64


class Discriminator(nn.Module):
    def __init__(self, ngpu):
        super().__init__()
        self.ngpu = ngpu
        self.main = nn.Sequential(
            nn.Conv2d(3, ndf, 4, 2, 1, bias=False),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 3, ndf * 4, 4, 2, 1, bias=False),
            nn.BatchNorm2d(ndf * 4),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 4, 1, 8, 1, 0, bias=False),
            nn.Sigmoid(),
        )
        self.extra = nn.Linear(5, 1)

    def forward(self, input):
        if input.is_cuda and self.ngpu > 1:
            output = nn.parallel.data_parallel(self.main, input, range(self.ngpu))
        else:
            output = self.main(input)
            if input.is_cuda:  # one path only: may not run, never the ground of an error
                output = self.extra(output.flatten(1))
        return output.view(-1, 1).squeeze(1)
