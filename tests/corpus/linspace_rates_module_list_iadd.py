"""Drop rates spread with `np.linspace(0, rate, sum(depths)).tolist()`, their count checked
(`if not len(p_stochastic) == n_layers: raise`) and one block per rate added with
`self.layers += [Block(...)]`: torchvision's MaxViT (maxvit.py MaxVitBlock), linted where it is
installed, numpy's own package beside it in site-packages.

convlint, before: numpy was read from its source there (`__NUMPY_SETUP__` and the rest not
known), np.linspace unknown, the loop over the rates not followed, and `ModuleList += [...]`
not followed either; with the rates' count known but not their values, `StochasticDepth(p) if p
else nn.Identity()` was one of two modules, its call unknown: every block unknown (maxvit_t: 7
of 669 modules matching torch). torch: runs; three blocks, (2, 8) -> (2, 10).
"""
import numpy as np
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, width, rate):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.drop = nn.Dropout(rate) if rate > 0 else nn.Identity()  # the first block's rate is 0.0

    def forward(self, x):
        return x + self.drop(self.fc(x))


class Rated(nn.Module):
    def __init__(self, width=8, depths=(1, 2), rate=0.2):
        super().__init__()
        rates = np.linspace(0, rate, sum(depths)).tolist()
        if not len(rates) == sum(depths):
            raise ValueError("one rate per block")
        self.layers = nn.ModuleList()
        for p in rates:
            self.layers += [Block(width, p)]
        self.head = nn.Sequential(nn.Linear(width, width))
        self.head += nn.Sequential(nn.ReLU(), nn.Linear(width, 10))  # Sequential += Sequential appends

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return self.head(x)
