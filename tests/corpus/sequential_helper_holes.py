"""A `sequential(*args)` helper that flattens nn.Sequential arguments and skips the None holes of
`sequential(pad, conv, norm, act)` (Zheng222/IMDN model/block.py, from xinntao's BasicSR/ESRGAN
block.py; copied into many super-resolution repos).

convlint, before: `isinstance(None, nn.Sequential)` was "not decidable", so every conv_block was a
Sequential of unknown modules; and `for m in block.children()` over such a Sequential gave its
known children only: the helper then built a complete Sequential without them, and the next conv
was a false CL103 ("expects 8 input channels, but the input gives 3"). The same for
`list(block.modules())`, which also listed only the direct children.
torch: Body()(torch.zeros(1, 3, 8, 8)) -> 1 x 3 x 16 x 16.
"""
import torch.nn as nn


def sequential(*args):
    if len(args) == 1:
        return args[0]
    modules = []
    for module in args:
        if isinstance(module, nn.Sequential):
            for submodule in module.children():
                modules.append(submodule)
        elif isinstance(module, nn.Module):
            modules.append(module)
    return nn.Sequential(*modules)


def conv_block(in_nc, out_nc, norm_type=None, act_type="relu", pad=None):
    conv = nn.Conv2d(in_nc, out_nc, 3, padding=1)
    norm = nn.BatchNorm2d(out_nc) if norm_type else None
    act = nn.ReLU(True) if act_type else None
    return sequential(pad, conv, norm, act)


class Body(nn.Module):
    def __init__(self):
        super().__init__()
        upsampler = sequential(nn.Conv2d(8, 12, 3, padding=1), nn.PixelShuffle(2))
        self.head = conv_block(3, 8, norm_type="batch")
        self.body = sequential(self.head, *upsampler)

    def forward(self, x):
        return self.body(x)


class Layers(nn.Module):
    """The children of a Sequential whose modules are not known are not known either."""

    def __init__(self, layers):
        super().__init__()
        head = nn.Sequential(*layers)
        kept = []
        for module in head.children():
            kept.append(module)
        self.body = nn.Sequential(*kept, nn.Conv2d(8, 12, 3, padding=1))
        self.every = nn.Sequential(*list(head.modules())[1:], nn.Conv2d(8, 12, 3, padding=1))

    def forward(self, x):
        return self.body(x) + self.every(x)
