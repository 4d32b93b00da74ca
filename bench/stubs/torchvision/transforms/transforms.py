# stand-in for the yardstick: `from torchvision.transforms import transforms` reads the same names
import torchvision.transforms as _transforms


def __getattr__(name):
    return getattr(_transforms, name)
