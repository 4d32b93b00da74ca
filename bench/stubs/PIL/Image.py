# stand-in for the yardstick
def open(*a, **k): raise NotImplementedError
BICUBIC = BILINEAR = NEAREST = LANCZOS = 0
def init(): return 1
