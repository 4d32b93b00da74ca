# stand-in for the yardstick
def __getattr__(name): return lambda *a, **k: None
