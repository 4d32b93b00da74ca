# stand-in for the yardstick
def open(*a, **k): raise NotImplementedError
BICUBIC = BILINEAR = NEAREST = LANCZOS = 0
