# stand-in
class ClipAction:
    def __init__(self, *a, **k): pass
