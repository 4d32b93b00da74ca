# stand-in: only imported (a dataset module of image augmentations)
def rotate(*a, **k):
    raise RuntimeError("stub")
