"""torchvision.transforms as convlint reads it where a model applies them to tensors in its own
forward: Compose (a plain object, no module), and the transforms whose output size follows from
their arguments. Any other transform stays a name not followed."""

import torch.nn as nn

from ._sizes import SizeKeeping, center_cropped, resized


class Compose:
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, img):
        for t in self.transforms:
            img = t(img)
        return img


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


class ConvertImageDtype(SizeKeeping):
    pass
