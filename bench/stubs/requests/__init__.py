# hunt58 stand-in: minimal requests (no network)
def get(*a, **k):
    raise RuntimeError("no network")
