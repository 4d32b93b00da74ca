"""A `while` loop with a known count building the layers (weiaicunzai/pytorch-cifar100
shufflenetv2 `_make_stage`: `while repeat: layers.append(...); repeat -= 1`, 200 modules
unknown). `for _ in range(repeat)` is followed; the while spelling is not ("a while loop is not
followed"), so the stage and everything after it is unknown and the wrong Linear is missed.

convlint (no options): "All checks passed!"; stage unknown (listed as not followed).
torch: WhileStages()(torch.randn(2, 3, 32, 32)) -> RuntimeError: mat1 and mat2 shapes cannot
be multiplied (2x64 and 32x10).
"""
import torch
import torch.nn as nn


class WhileStages(nn.Module):
    def __init__(self, repeat=3):
        super().__init__()
        layers = [nn.Conv2d(3, 64, 3, stride=2, padding=1)]
        while repeat:
            layers.append(nn.Conv2d(64, 64, 3, padding=1))
            repeat -= 1
        self.stage = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, 10)  # BUG: 64 features

    def forward(self, x):
        return self.fc(torch.flatten(self.pool(self.stage(x)), 1))
