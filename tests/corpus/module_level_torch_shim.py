"""Compatibility shims at module level: `if hasattr(nn, 'SiLU'): SiLU = nn.SiLU` / `else: class
SiLU(nn.Module): ...` (d-li14/efficientnetv2.pytorch and the EfficientNet/MobileNet ports that
copy it), and `if not hasattr(F, 'hardswish'):` defining a fallback function.

convlint, before: every name bound under a module-level `if` was unknown, so each Sequential
holding `SiLU()` was "not known statically": the whole EfficientNetV2 (1,443 modules) unknown and
a wrong head missed with "All checks passed!".
torch: Wrong()(torch.zeros(2, 3, 16, 16)) raises "mat1 and mat2 shapes cannot be multiplied
(2x32 and 16x10)"; Right() runs.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

if hasattr(nn, "SiLU"):
    SiLU = nn.SiLU
else:
    class SiLU(nn.Module):
        def forward(self, x):
            return x * torch.sigmoid(x)

if not hasattr(F, "hardswish"):
    def hardswish(x):
        return x * F.relu6(x + 3) / 6
else:
    hardswish = F.hardswish

if hasattr(nn, "SomeLayerOfAFutureTorch"):
    Mystery = nn.SomeLayerOfAFutureTorch
else:
    Mystery = nn.Identity


class Right(nn.Module):
    def __init__(self, head_in=32):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), SiLU(), nn.Conv2d(16, 32, 3, padding=1))
        self.fc = nn.Linear(head_in, 10)

    def forward(self, x):
        x = hardswish(self.body(x))
        return self.fc(x.mean((2, 3)))


class Wrong(Right):
    def __init__(self):
        super().__init__(head_in=16)


class NotDecided(nn.Module):
    """A name of a torch this one may not have: unknown, as before, never an error."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(3, 16, 3), Mystery())
        self.fc = nn.Linear(99, 10)

    def forward(self, x):
        return self.fc(self.body(x).mean((2, 3)))
