"""torchvision.transforms.v2 as convlint reads it: its transforms are modules, and Compose keeps
the ones it runs in a plain list (they are not its submodules). The transforms that size a tensor
alike in both APIs are the ones of torchvision.transforms."""

import torch.nn as nn

from .. import CenterCrop, Normalize, Resize
from .._sizes import SizeKeeping


class Compose(nn.Module):
    def __init__(self, transforms):
        super().__init__()
        self.transforms = transforms

    def forward(self, *inputs):
        outputs = inputs if len(inputs) > 1 else inputs[0]
        for transform in self.transforms:
            outputs = transform(outputs)
        return outputs


class ToDtype(SizeKeeping):
    pass
