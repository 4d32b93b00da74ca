# stand-in for the yardstick: torchvision.transforms.v2 for config files that build transforms at import
from . import _T, Compose  # noqa: F401
def __getattr__(name):
    if name[:1].isupper():
        return _T
    raise AttributeError(name)
