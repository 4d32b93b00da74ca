"""Stand-in for lightning: only importable."""
from . import pytorch
