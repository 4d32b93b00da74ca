"""Stand-in for albumentations.pytorch (ToTensorV2)."""

from albumentations import _Transform as ToTensorV2  # noqa: F401
