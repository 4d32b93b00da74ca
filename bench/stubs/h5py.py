# stand-in for h5py: a model file may import a utils module that imports h5py at module level; models do not need it
class File:
    def __init__(self, *a, **k): raise RuntimeError("h5py stand-in")
