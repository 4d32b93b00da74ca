def imresize(*a, **k):
    raise RuntimeError("stub")
