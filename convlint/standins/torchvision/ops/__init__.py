"""torchvision.ops as convlint reads it: the layers of it that keep their input's shape."""

from .stochastic_depth import StochasticDepth, stochastic_depth
