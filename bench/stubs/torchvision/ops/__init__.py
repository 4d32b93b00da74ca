# stand-in: the torchvision.ops pieces some zoos import
from . import boxes, misc, stochastic_depth
from .stochastic_depth import StochasticDepth
