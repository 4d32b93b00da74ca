"""Source stage: what torchvision's datasets and transforms give, as plain tables and functions
over (C, H, W). Imports neither libcst, the evaluator nor torch.

Only what torchvision fixes: a dataset whose images all have one size, transforms whose output
size follows from their arguments. Anything else is unknown, and an unknown gives no input size."""

from __future__ import annotations

from dataclasses import dataclass

TRANSFORMS = "torchvision.transforms"
DATASETS_MODULE = "torchvision.datasets"


@dataclass(frozen=True, slots=True)
class DatasetKind:
    item: tuple[int, int | None, int | None]  # (C, H, W) of an image as loaded; None: not fixed
    parameters: tuple[str, ...]  # positional order, as in torchvision; every keyword it accepts here


_MNIST_LIKE = ("root", "train", "transform", "target_transform", "download")
# torchvision/datasets/{mnist,cifar,svhn,stl10,usps,folder,fakedata}.py: the images they return
# (PIL, converted to the channels below by ToTensor).
DATASETS: dict[str, DatasetKind] = {
    "MNIST": DatasetKind((1, 28, 28), _MNIST_LIKE),
    "FashionMNIST": DatasetKind((1, 28, 28), _MNIST_LIKE),
    "KMNIST": DatasetKind((1, 28, 28), _MNIST_LIKE),
    "EMNIST": DatasetKind((1, 28, 28), ("root", "split", "train", "transform", "target_transform", "download")),
    "QMNIST": DatasetKind((1, 28, 28), ("root", "what", "compat", "train", "transform", "target_transform",
                                        "download")),
    "USPS": DatasetKind((1, 16, 16), _MNIST_LIKE),
    "CIFAR10": DatasetKind((3, 32, 32), _MNIST_LIKE),
    "CIFAR100": DatasetKind((3, 32, 32), _MNIST_LIKE),
    "SVHN": DatasetKind((3, 32, 32), ("root", "split", "transform", "target_transform", "download")),
    "STL10": DatasetKind((3, 96, 96), ("root", "split", "folds", "transform", "target_transform", "download")),
    # The default loader opens every file as RGB; a custom loader= is not followed.
    "ImageFolder": DatasetKind((3, None, None), ("root", "transform", "target_transform", "is_valid_file",
                                                 "allow_empty")),
    "FakeData": DatasetKind((3, 224, 224), ("size", "image_size", "num_classes", "transform",
                                            "target_transform", "random_offset")),
}

# The names code gives these datasets in a `dataset` argument (`if dataset.startswith('cifar')`,
# `dataset == 'mnist'`), lower-cased without '-' and '_': a fixed image size each. ImageNet is
# none: its images are cropped to whatever the training script chooses.
_NAMED_IMAGES: dict[str, tuple[int, int, int]] = {
    **dict.fromkeys(("mnist", "fashionmnist", "fmnist", "kmnist", "emnist", "qmnist"), (1, 28, 28)),
    "usps": (1, 16, 16),
    **dict.fromkeys(("cifar", "cifar10", "cifar100", "svhn"), (3, 32, 32)),
    **dict.fromkeys(("stl", "stl10"), (3, 96, 96)),
    **dict.fromkeys(("tinyimagenet", "tinyimagenet200"), (3, 64, 64)),
}


def images_named(value: object) -> tuple[int, int, int] | None:
    """(C, H, W) of the images of the dataset a string names ('cifar100', 'CIFAR-10', 'mnist');
    None for any other value."""
    if not isinstance(value, str):
        return None
    return _NAMED_IMAGES.get(value.lower().replace("-", "").replace("_", ""))


# torch/utils/data/dataloader.py: DataLoader's positional order.
LOADER_PARAMETERS = ("dataset", "batch_size", "shuffle", "sampler", "batch_sampler", "num_workers",
                     "collate_fn", "pin_memory", "drop_last", "timeout", "worker_init_fn")

TO_TENSOR = frozenset({"ToTensor", "PILToTensor", "ToImage"})
# Transforms whose output has the size and channels of their input.
SIZE_KEEPING = frozenset({
    "ConvertImageDtype", "ToDtype", "ToPureTensor", "RandomHorizontalFlip", "RandomVerticalFlip", "ColorJitter",
    "RandomAffine", "RandomPerspective", "GaussianBlur", "RandomErasing", "RandomGrayscale", "AutoAugment",
    "RandAugment", "TrivialAugmentWide", "AugMix", "RandomEqualize", "RandomAutocontrast", "RandomAdjustSharpness",
    "RandomInvert", "RandomPosterize", "RandomSolarize", "ElasticTransform", "GaussianNoise",
})

# Pad's padding modes. reflect and symmetric mirror the image: torch refuses a tensor's border as
# wide as its side (ReflectionPad.cpp), so those are followed only for narrower borders.
PAD_MODES = frozenset({"constant", "edge", "reflect", "symmetric"})
MIRRORED = frozenset({"reflect", "symmetric"})

# One transform step: ("tensor",), ("pil",), ("keep",), ("fixed", h, w), ("short", n): an int Resize,
# ("crop", h, w, (left, top, right, bottom) or None, pad_if_needed or None): a RandomCrop,
# ("pad", left, top, right, bottom, mode), ("gray", channels), ("normalize", len(mean) or None).
Step = tuple


def apply_steps(item: tuple, steps: tuple[Step, ...], any_channels: bool = False) -> tuple | None:
    """The (C, H, W) a dataset item has after the transforms, or None when it is not fixed or
    would not reach a model as a tensor (no ToTensor: the DataLoader cannot collate PIL images).
    With `any_channels`, an image whose mode nothing fixes gives (None, H, W): its sides alone."""
    channels, height, width = item  # channels None: an image whose mode the code does not fix
    tensor = False
    for step in steps:
        kind = step[0]
        if kind == "tensor":
            tensor = True
        elif kind == "pil":
            tensor = False
        elif kind == "fixed":
            height, width = step[1], step[2]
        elif kind == "short":
            # Resize(n) sets the short side to n (torchvision's _compute_resized_output_size):
            # n x n only for a square image.
            square = height is not None and height == width
            height = width = step[1] if square else None
        elif kind == "crop":
            _, crop_h, crop_w, padding, pad_if_needed = step
            if height is not None and width is not None and pad_if_needed is not True:
                left, top, right, bottom = padding if padding is not None else (0, 0, 0, 0)
                if crop_h > height + top + bottom or crop_w > width + left + right:
                    return None  # torchvision raises "Required crop size ... is larger than input image size"
            height, width = crop_h, crop_w
        elif kind == "pad":
            _, left, top, right, bottom, mode = step
            if height is None or width is None:
                return None  # (an image of no fixed size stays of no fixed size)
            if mode in MIRRORED and (max(top, bottom) >= height or max(left, right) >= width):
                return None
            height, width = height + top + bottom, width + left + right
        elif kind == "gray":
            channels = step[1]
        elif kind == "normalize":
            if channels is None and step[1] is not None and step[1] > 1:
                channels = step[1]  # an image of any other count fails the in-place sub_ (below)
            if step[1] is not None and step[1] not in (1, channels):
                return None  # an in-place sub_ cannot broadcast to more channels: the pipeline fails
        elif kind != "keep":
            return None
    if not tensor or channels is None and not any_channels or height is None or width is None:
        return None
    return channels, height, width
