"""An IDN-like super-resolution model whose constructor reads its widths and scale from an options
namespace (`Net(opt)`), shared by the tests of options bound from a training script."""

MODEL = '''
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, args):
        super().__init__()
        nf, d = args.num_features, args.d
        self.head = nn.Conv2d(3, nf - d, 3, padding=1)
        self.body = nn.Conv2d(nf - d, nf, 3, padding=1)
        self.up = nn.ConvTranspose2d(nf, 3, 4, stride=args.scale, padding=1)

    def forward(self, x):
        return self.up(self.body(self.head(x)))
'''
