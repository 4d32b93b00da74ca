# minimal stand-in for scipy.stats (hunt82): norm.cdf only
import math
import numpy as _np


class _Norm:
    @staticmethod
    def cdf(x):
        x = _np.asarray(x, dtype=float)
        return 0.5 * (1.0 + _np.vectorize(math.erf)(x / math.sqrt(2.0)))


norm = _Norm()
