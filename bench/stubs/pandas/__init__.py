# stand-in for the yardstick: minimal pandas (nothing works; only lets `import pandas as pd` succeed)
class DataFrame:
    def __init__(self, *a, **k): pass
