# stand-in: every name is a dummy class (env wrappers, vec envs, monitors a model file imports but never calls)
def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)

    class _D:
        def __init__(self, *a, **k):
            pass
    return _D
