# minimal stand-in for scipy.io (hunt82): loadmat is never reached when no pretrained file is given
def loadmat(*a, **k):
    raise NotImplementedError("scipy.io stand-in")
