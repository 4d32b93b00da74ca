# stand-in for the yardstick: minimal torchvision (models/transforms do nothing)
from . import transforms, models, ops
