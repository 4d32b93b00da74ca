"""Stand-in for lightning.pytorch."""
import torch.nn as _nn
LightningModule = _nn.Module
