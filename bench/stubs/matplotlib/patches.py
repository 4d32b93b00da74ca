# minimal stand-in (hunt62)
class Rectangle:
    def __init__(self, *a, **k): pass
