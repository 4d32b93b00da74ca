"""torchvision.transforms.v2.functional as convlint reads it (as torchvision.transforms.functional)."""

from .._sizes import center_cropped, resized


def resize(inpt, size, interpolation=None, max_size=None, antialias=True):
    return resized(inpt, size, max_size)


def center_crop(inpt, output_size):
    return center_cropped(inpt, output_size)


def normalize(inpt, mean, std, inplace=False):
    return inpt
