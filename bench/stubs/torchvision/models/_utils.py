# stand-in (hunt98)
class IntermediateLayerGetter:
    def __init__(self, *a, **k):
        raise NotImplementedError
