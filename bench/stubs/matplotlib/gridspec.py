class GridSpec:
    pass
