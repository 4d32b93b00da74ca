# stand-in for the yardstick
def summary(*a, **k):
    return None
