"""torchvision.transforms.v2.functional as convlint reads it (as torchvision.transforms.functional)."""

from ..functional import center_crop, normalize, resize
