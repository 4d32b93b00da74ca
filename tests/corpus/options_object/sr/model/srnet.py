"""EDSR-PyTorch's model form (its edsr.py, rcan.py, rdn.py, mdsr.py; MSRN, RCAN, SAN, DRLN, HAN
copied it): the constructor takes the project's options namespace and reads only its attributes;
the namespace is `args = parser.parse_args()` of option.py, post-processed there
(`args.scale = list(map(...))`), and reaches the model only through
`import_module('model.' + args.model.lower()).make_model(args)`.

convlint said: SRNet(args) and make_model(args) "required constructor arguments not given";
every layer built from args unknown, a wrong in_channels in a block missed.
torch (option.py's defaults, input 1x3x12x12): the output 1x3x24x24."""

import torch.nn as nn


def make_model(args, parent=False):
    return SRNet(args)


class ResBlock(nn.Module):
    def __init__(self, n_feats, res_scale=1):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(n_feats, n_feats, 3, padding=1), nn.ReLU(True),
                                  nn.Conv2d(n_feats, n_feats, 3, padding=1))
        self.res_scale = res_scale

    def forward(self, x):
        return self.body(x).mul(self.res_scale) + x


class SRNet(nn.Module):
    def __init__(self, args):
        super().__init__()
        n_feats = args.n_feats
        scale = args.scale[0]
        self.head = nn.Conv2d(args.n_colors, n_feats, 3, padding=1)
        self.body = nn.Sequential(*[ResBlock(n_feats, args.res_scale) for _ in range(args.n_resblocks)])
        self.tail = nn.Sequential(nn.Conv2d(n_feats, n_feats * scale ** 2, 3, padding=1), nn.PixelShuffle(scale),
                                  nn.Conv2d(n_feats, args.n_colors, 3, padding=1))
        self.shift = args.shift_mean

    def forward(self, x):
        x = self.head(x)
        x = self.body(x) + x
        return self.tail(x)
