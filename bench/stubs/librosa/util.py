"""Stand-in for librosa.util: the helpers an STFT module calls at import or construction."""
import numpy as np


def pad_center(x, size, **k):
    n = len(x)
    lpad = (size - n) // 2
    return np.pad(x, (lpad, size - n - lpad))


def normalize(x, norm=None, **k):
    return x


def tiny(x):
    return 1e-30
