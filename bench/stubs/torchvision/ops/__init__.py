# stand-in (hunt98): torchvision.ops pieces Holocron imports
from . import boxes, misc, stochastic_depth
from .stochastic_depth import StochasticDepth
