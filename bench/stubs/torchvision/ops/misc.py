import torch.nn as nn
FrozenBatchNorm2d = nn.BatchNorm2d
