"""torchvision.transforms.v2 as convlint reads it: its transforms are modules, and Compose keeps
the ones it runs in a plain list (they are not its submodules)."""

import torch.nn as nn

from .._sizes import SizeKeeping, center_cropped, resized


class Compose(nn.Module):
    def __init__(self, transforms):
        super().__init__()
        self.transforms = transforms

    def forward(self, *inputs):
        outputs = inputs if len(inputs) > 1 else inputs[0]
        for transform in self.transforms:
            outputs = transform(outputs)
        return outputs


class Resize(nn.Module):
    def __init__(self, size, interpolation=None, max_size=None, antialias=True):
        super().__init__()
        self.size = size
        self.max_size = max_size

    def forward(self, img):
        return resized(img, self.size, self.max_size)


class CenterCrop(nn.Module):
    def __init__(self, size):
        super().__init__()
        self.size = size

    def forward(self, img):
        return center_cropped(img, self.size)


class Normalize(SizeKeeping):
    pass


class ToDtype(SizeKeeping):
    pass
