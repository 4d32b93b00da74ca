"""Stand-in for skimage.filters: imported beside models that never call it."""


def gaussian(image, sigma=1, **kwargs):
    raise NotImplementedError("skimage stand-in")
