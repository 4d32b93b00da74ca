"""The sizes torchvision's resizing transforms give a tensor image [..., H, W], restated in plain
torch: only the shape matters here (the pixels are never computed)."""

import torch.nn as nn


def _pair(size):
    """A size as (h, w): one int stands for the short side, a one-element sequence for both
    (torchvision.transforms.functional.resize); None where it is neither."""
    if isinstance(size, int):
        return None
    if isinstance(size, (list, tuple)) and len(size) == 1:
        return None
    if isinstance(size, (list, tuple)) and len(size) == 2:
        return size[0], size[1]
    return None


def resized(img, size, max_size=None):
    """resize(img, [h, w]): [..., h, w]. A short side alone (resize(img, 256)) keeps the aspect
    ratio, the long side capped at max_size (_compute_resized_output_size)."""
    pair = _pair(size)
    if pair is None:
        height, width = img.shape[-2], img.shape[-1]
        short, long = (height, width) if height <= width else (width, height)
        new_short = size if isinstance(size, int) else size[0]
        new_long = int(new_short * long / short)
        if max_size is not None and new_long > max_size:
            new_short, new_long = int(max_size * new_short / new_long), max_size
        pair = (new_short, new_long) if height <= width else (new_long, new_short)
    return img.new_empty((*img.shape[:-2], pair[0], pair[1]))


def center_cropped(img, size):
    """center_crop(img, [h, w]): [..., h, w] (an image smaller than the crop is padded)."""
    pair = (size, size) if isinstance(size, int) else (size[0], size[0]) if len(size) == 1 else size
    return img.new_empty((*img.shape[:-2], pair[0], pair[1]))


class SizeKeeping(nn.Module):
    """A transform whose output has the size of its input (Normalize, ConvertImageDtype)."""

    def __init__(self, *args, **kwargs):
        super().__init__()

    def forward(self, img):
        return img
