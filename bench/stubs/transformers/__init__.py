# minimal stand-in: ViTConfig and ViTModel, names imported next to CNNs that do not use them
import torch.nn as _nn


class ViTConfig:
    def __init__(self, **kw):
        self.__dict__.update(kw)


class ViTModel(_nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
