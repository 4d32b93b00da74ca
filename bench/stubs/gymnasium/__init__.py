# stand-in (hunt63): encoders take a gymnasium Box only for its shape/low/high/sample()
from . import spaces
from .spaces import Space
