"""A model built from a dict of settings it reads by key, the dict made by a function of the same
file that nothing here calls: `EEGNet(config)` reading `config['F1']`, `config['D']`, beside
`get_EEGNet_config()` (jesus-333/EEGNet; the "model from an options dict" style of many 1-D signal
and EEG repositories).

convlint, before: the config unknown, so a norm that forgets the depth multiplier (F1 vs F1 * D)
was not wrong for every value (D may be 1) and was missed.
torch: Wrong(get_config())(torch.zeros(2, 1, 8, 64)) raises "running_mean should contain 16
elements not 8" (eval) / "expected ... 8 ... but got 16" (train); Right(get_config()) runs.
"""
import torch.nn as nn


class Right(nn.Module):
    def __init__(self, config):
        super().__init__()
        depth = config["D"]
        self.temporal = nn.Conv2d(1, config["F1"], (1, config["kernel"]), padding=(0, config["kernel"] // 2),
                                  bias=False)
        self.spatial = nn.Conv2d(config["F1"], config["F1"] * depth, (config["C"], 1), groups=config["F1"],
                                 bias=False)
        self.norm = nn.BatchNorm2d(config["F1"] * depth)

    def forward(self, x):
        return self.norm(self.spatial(self.temporal(x)))


class Wrong(Right):
    def __init__(self, config):
        super().__init__(config)
        self.norm = nn.BatchNorm2d(config["F1"])


def get_config(C=8, kernel=31):
    config = dict(F1=8, D=2, C=C, kernel=kernel)
    return config
