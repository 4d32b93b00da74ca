# stand-in for the yardstick
def profile(model, inputs=None, **k):
    return 0, 0
def clever_format(x, *a, **k):
    return x
