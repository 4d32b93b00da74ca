# hunt58 stand-in
def set_matplotlib_formats(*a, **k):
    pass
