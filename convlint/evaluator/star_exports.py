"""What `from package import *` of a package outside the project binds, where that is known
without importing it: a few packages model code star-imports beside its own modules
(`from base_networks import *` then `from torchvision.transforms import *`), and the standard
library modules that are safe to import (nothing in them runs user code). Any other package
may bind any name."""

from __future__ import annotations

import importlib
from functools import lru_cache

# torchvision 0.29's __all__ (torchvision is not imported: it imports torch)
TORCHVISION = {
    "torchvision.transforms": frozenset(
        "AugMix AutoAugment AutoAugmentPolicy CenterCrop ColorJitter Compose ConvertImageDtype ElasticTransform "
        "FiveCrop GaussianBlur Grayscale InterpolationMode Lambda LinearTransformation Normalize PILToTensor Pad "
        "RandAugment RandomAdjustSharpness RandomAffine RandomApply RandomAutocontrast RandomChoice RandomCrop "
        "RandomEqualize RandomErasing RandomGrayscale RandomHorizontalFlip RandomInvert RandomOrder "
        "RandomPerspective RandomPosterize RandomResizedCrop RandomRotation RandomSolarize RandomVerticalFlip "
        "Resize TenCrop ToPILImage ToTensor TrivialAugmentWide autoaugment functional transforms".split()),
    "torchvision.utils": frozenset("draw_bounding_boxes draw_keypoints draw_segmentation_masks flow_to_image "
                                   "make_grid save_image".split()),
}
SAFE_STDLIB = frozenset("math os sys random time typing collections itertools functools numbers copy json re "
                        "pathlib argparse logging warnings glob pickle datetime operator string".split())


@lru_cache(maxsize=None)
def _exports(module: str) -> frozenset | None:
    if module in TORCHVISION:
        return TORCHVISION[module]
    if module not in SAFE_STDLIB:
        return None
    try:
        found = importlib.import_module(module)
    except ImportError:
        return None
    names = getattr(found, "__all__", None)
    return frozenset(names) if names is not None else frozenset(n for n in vars(found) if not n.startswith("_"))


# Builtins no package's star import rebinds in practice: an unknown package (fastai's
# `from fastai.layers import *`) leaves `range`, `len` and `False` what they are. numpy's
# `from numpy import *` does bind `sum`, `max`, `abs`, `round`, `all`: those stay unknown.
NEVER_REBOUND = frozenset(
    "True False None range len int float bool str list tuple dict set frozenset object type super isinstance "
    "issubclass getattr setattr hasattr callable print zip enumerate sorted reversed iter next map filter repr "
    "vars id hash".split())


def star_exports_may_bind(module: str, name: str) -> bool:
    """Whether `from module import *` (a package outside the project) may bind `name`."""
    exports = _exports(module)
    return name in exports if exports is not None else name not in NEVER_REBOUND
