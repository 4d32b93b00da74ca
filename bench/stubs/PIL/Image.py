# stand-in for the yardstick
def open(*a, **k): raise NotImplementedError
BICUBIC = BILINEAR = NEAREST = LANCZOS = 0
def init(): return 1


class Image:  # the type of an opened image, for annotations such as -> Image.Image
    pass
