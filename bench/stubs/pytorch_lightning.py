"""Stand-in for pytorch_lightning (hunt81): LightningModule is a plain nn.Module."""
import torch.nn as nn


class LightningModule(nn.Module):
    def save_hyperparameters(self, *args, **kwargs):
        pass

    def log(self, *args, **kwargs):
        pass
