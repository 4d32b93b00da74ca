"""Optional layers dropped with `filter(...)` before `nn.Sequential(*...)` (DmitryUlyanov/
deep-image-prior models/common.py `conv()`: `layers = filter(lambda x: x is not None, [padder,
convolver, downsampler]); return nn.Sequential(*layers)`, used by every conv of its UNet, ResNet
and skip nets). convlint does not model filter(): the Sequential is "not known statically", and
every module after it is unknown (deep-image-prior UNet(): 0 of 112 modules resolved, 1x3x256x256),
so the wrong Linear below is missed. The list-comprehension spelling of the same thing is followed.

convlint (no options): CL101 on CompNet (line 47) only; FilterLambda and FilterNone: no finding,
`body` unresolved ("the modules of this Sequential are not known statically").
torch: FilterLambda()(torch.randn(2, 3, 32, 32)) and FilterNone()(...) -> RuntimeError: mat1 and
mat2 shapes cannot be multiplied (2x16 and 8x10); the same for any input size.
"""
import torch
import torch.nn as nn


def padded_conv(cin, cout, pad_mode):
    pad = nn.ReflectionPad2d(1) if pad_mode == 'reflect' else None
    conv = nn.Conv2d(cin, cout, 3, padding=0 if pad_mode == 'reflect' else 1)
    return nn.Sequential(*filter(lambda m: m is not None, [pad, conv]))


class FilterLambda(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = padded_conv(3, 16, 'reflect')
        self.fc = nn.Linear(8, 10)  # BUG: the body gives 16 features

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))


class FilterNone(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(*filter(None, [None, nn.Conv2d(3, 16, 3, padding=1), nn.ReLU()]))
        self.fc = nn.Linear(8, 10)  # BUG: the body gives 16 features

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))


class CompNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(*[m for m in [None, nn.Conv2d(3, 16, 3, padding=1)] if m is not None])
        self.fc = nn.Linear(8, 10)  # the same bug: found

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))
