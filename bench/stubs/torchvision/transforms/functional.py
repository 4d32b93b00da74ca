# stand-in for the yardstick
# (imported by some zoos)
import enum as _enum
class InterpolationMode(_enum.Enum):
    NEAREST = "nearest"
    BILINEAR = "bilinear"
    BICUBIC = "bicubic"
