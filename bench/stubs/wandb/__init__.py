# stand-in for the yardstick: every call does nothing
def __getattr__(name): return lambda *a, **k: None
